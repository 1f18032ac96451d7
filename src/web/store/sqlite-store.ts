import { Kysely, SqliteDialect } from 'kysely';
import { openDatabase, type Db } from './open-database.ts';
import type { ReviewDatabase } from './sql/schema.ts';
import { SqlReviewStore } from './sql/sql-review-store.ts';

/**
 * The review store on an SQLite file (better-sqlite3, WAL): the embedded
 * default, for one person. Its DDL and the SQLite-only statements live here and
 * in `migrations.ts`; the queries are the portable ones of `sql/`.
 */
export class SqliteReviewStore extends SqlReviewStore {
  constructor(
    /** The better-sqlite3 handle, for the few callers that need the file itself (tests, integrity checks). */
    readonly database: Db,
  ) {
    super(new Kysely<ReviewDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) }));
  }
}

/**
 * better-sqlite3 statements are meant to be prepared once and reused; Kysely
 * prepares each query it runs. Its queries are the same few SQL strings over and
 * over, so they are prepared once here (preparing was most of a simple read).
 */
function withStatementCache(database: Db, size = 500) {
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        // Most recently used last, so the oldest goes first when the cache is full.
        cache.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

/** Opens (creating if needed) the review database file and brings its schema up to date. */
export function openSqliteStore(file: string): SqliteReviewStore {
  return new SqliteReviewStore(openDatabase(file));
}
