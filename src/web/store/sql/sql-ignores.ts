import type { IgnoreKind, IgnoreRecord, IgnoreStore } from '../review-store.ts';
import { now, toIgnore } from './rows.ts';
import type { SqlReviewStore } from './sql-review-store.ts';

export class SqlIgnores implements IgnoreStore {
  constructor(private readonly store: SqlReviewStore) {}

  private get db() {
    return this.store.db;
  }

  async listIgnores(documentId: number): Promise<IgnoreRecord[]> {
    return (await this.db.selectFrom('document_ignores').selectAll().where('document_id', '=', documentId).orderBy('id').execute()).map(toIgnore);
  }

  async addIgnore(documentId: number, kind: IgnoreKind, value: string, actionId: string, actor: string | null = null): Promise<boolean> {
    const inserted = await this.db
      .insertInto('document_ignores')
      .values({ document_id: documentId, kind, value, action_id: actionId, actor, created_at: now() })
      .onConflict((conflict) => conflict.columns(['document_id', 'kind', 'value']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async removeIgnoresOf(documentId: number, actionId: string): Promise<IgnoreRecord[]> {
    const rows = await this.db.deleteFrom('document_ignores').where('document_id', '=', documentId).where('action_id', '=', actionId).returningAll().execute();
    return rows.map(toIgnore);
  }

  async removeIgnore(documentId: number, kind: IgnoreKind, value: string): Promise<IgnoreRecord | undefined> {
    const row = await this.db.deleteFrom('document_ignores').where('document_id', '=', documentId).where('kind', '=', kind).where('value', '=', value).returningAll().executeTakeFirst();
    return row ? toIgnore(row) : undefined;
  }
}
