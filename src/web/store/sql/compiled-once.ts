import type { CompiledQuery, Kysely, QueryResult, RootOperationNode } from 'kysely';
import type { ReviewDatabase } from './schema.ts';
import type { SqlDialect } from './sql-review-store.ts';

/**
 * A query built and compiled once per shape, then run with each call's values
 * (issue #15): Kysely builds a query as a tree of frozen nodes and compiles it
 * to SQL on every call, 2–13 µs a statement, for the same few SQL texts an
 * accept runs again and again.
 *
 * `build` is called once per dialect (and per length of each array argument,
 * for `IN (…)` lists) with placeholders in place of its arguments, so it must
 * pass them to Kysely as values and never look at them: no branch on a value,
 * no `JSON.stringify` of one (the caller passes what is stored). What it
 * returns is compiled with the store's own Kysely (a query builder, or `sql`
 * text), and each call runs that SQL with its values where the placeholders
 * stood; constants the build wrote itself stay. Results are what Kysely's
 * `executeQuery` returns (`rows`, `numAffectedRows`), the builder's own
 * `execute()` being an array of those.
 */
export function compiledOnce<A extends readonly Argument[], R>(build: (db: Kysely<ReviewDatabase>, ...args: A) => Compilable<R>): (store: QueryTarget, ...args: A) => Promise<QueryResult<R>> {
  const shapes = new Map<string, Shape>();
  return (store, ...args) => {
    let key: string = store.dialect;
    for (const arg of args) if (Array.isArray(arg)) key += `,${arg.length}`;
    let shape = shapes.get(key);
    if (!shape) {
      shape = compileShape(store.db, build as unknown as (db: Kysely<ReviewDatabase>, ...args: unknown[]) => Compilable<unknown>, args);
      // One shape per length of list: kept for the lengths met first, not for every length a caller may pass.
      if (shapes.size < MAX_SHAPES) shapes.set(key, shape);
    }
    const parameters = shape.parameters.map((parameter) => (parameter instanceof Slot ? (parameter.item < 0 ? args[parameter.arg] : (args[parameter.arg] as readonly unknown[])[parameter.item]) : parameter));
    return store.db.executeQuery<R>({ sql: shape.sql, query: shape.query, queryId: shape.queryId, parameters });
  };
}

/** Shapes kept per query (each list length is one). */
const MAX_SHAPES = 256;

/** A value a compiled-once query takes: a scalar, or a list for `IN (…)`. */
export type Argument = string | number | null | readonly (string | number)[];

/** What runs a compiled-once query: the store (or its transaction) and which SQL it speaks. */
export interface QueryTarget {
  readonly db: Kysely<ReviewDatabase>;
  readonly dialect: SqlDialect;
}

interface Compilable<R> {
  /** A query builder's `compile()`, or `sql` text's `compile(db)`. */
  compile(db: Kysely<ReviewDatabase>): CompiledQuery<R>;
}

/** Where an argument goes among the compiled query's parameters (`item`: its place in an array argument, or -1). */
class Slot {
  constructor(
    readonly arg: number,
    readonly item: number,
  ) {}
}

interface Shape {
  sql: string;
  query: RootOperationNode;
  queryId: CompiledQuery['queryId'];
  parameters: readonly unknown[];
}

function compileShape(db: Kysely<ReviewDatabase>, build: (db: Kysely<ReviewDatabase>, ...args: unknown[]) => Compilable<unknown>, args: readonly unknown[]): Shape {
  const slots = args.map((arg, i) => (Array.isArray(arg) ? arg.map((_, j) => new Slot(i, j)) : new Slot(i, -1)));
  const compiled = build(db, ...slots).compile(db);
  // Every argument must reach the SQL as a parameter: one the build dropped or read (a branch on it) would be wrong for other values.
  const used = new Set(compiled.parameters.filter((p): p is Slot => p instanceof Slot).map((p) => `${p.arg}:${p.item}`));
  slots.forEach((slot, i) => {
    for (const one of Array.isArray(slot) ? slot : [slot]) {
      if (!used.has(`${one.arg}:${one.item}`)) throw new Error(`compiledOnce: argument ${i} of ${compiled.sql} is not one of its parameters`);
    }
  });
  return { sql: compiled.sql, query: compiled.query, queryId: compiled.queryId, parameters: compiled.parameters };
}
