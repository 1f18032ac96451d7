import type { CompiledQuery, Kysely } from 'kysely';
import { batches } from './rows.ts';
import type { ReviewDatabase } from './schema.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Rows written in multi-row INSERTs of `batches`' size, the statement compiled
 * once per batch length and then run with each batch's values: Kysely building
 * and compiling one 200-row statement per batch (60,000 sentences: 300 of them,
 * each 2,200 values parsed into nodes and visited) was a third of the store's
 * CPU in a 915k-word import (issue #15). The SQL is Kysely's own for the
 * dialect, so SQLite and PostgreSQL get what they got before.
 *
 * Every row must hold the same columns in the same order (the import's rows are
 * built by one function each); a batch whose values do not come out of the
 * compiled statement's order (a column left `undefined`, which Kysely drops) is
 * compiled by Kysely as before.
 */
export async function insertRows<T extends keyof ReviewDatabase & string>(db: Kysely<ReviewDatabase>, table: T, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const valuesOf = (batch: readonly Record<string, unknown>[]) => {
    const values: unknown[] = [];
    for (const row of batch) for (const column of columns) values.push(row[column]);
    return values;
  };
  let compiled: CompiledQuery | undefined;
  for (const batch of batches(rows)) {
    const values = valuesOf(batch);
    if (!compiled || compiled.parameters.length !== values.length || !sameColumns(batch, columns)) {
      const own = db.insertInto(table).values(batch as any).compile();
      // Kept for the next batches only when its parameters are exactly these values, in this order.
      compiled = sameValues(own.parameters, values) ? own : undefined;
      await db.executeQuery(own);
      continue;
    }
    await db.executeQuery({ ...compiled, parameters: values });
  }
}

function sameColumns(batch: readonly Record<string, unknown>[], columns: readonly string[]): boolean {
  for (const row of batch) {
    const keys = Object.keys(row);
    if (keys.length !== columns.length) return false;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== columns[i] || row[keys[i]] === undefined) return false;
  }
  return true;
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
