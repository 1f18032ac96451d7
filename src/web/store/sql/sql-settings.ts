import { sql } from 'kysely';
import type { SettingsStore } from '../review-store.ts';
import type { SqlReviewStore } from './sql-review-store.ts';

/** Grammar findings: those Grammalecte sent (src/grammalecte/grammalecte-mapping.ts, GRAMMALECTE_SOURCE). */
const GRAMMAR_SOURCE = 'grammalecte';

export class SqlSettings implements SettingsStore {
  constructor(private readonly store: SqlReviewStore) {}

  private get db() {
    return this.store.db;
  }

  async setGrammar(documentId: number, on: boolean): Promise<void> {
    await this.store.withTransaction(async (tx) => {
      const db = (tx as SqlReviewStore).db;
      await db.updateTable('documents').set({ grammar: on ? 1 : 0, grammar_error: null }).where('id', '=', documentId).execute();
      if (on) return;
      const touched = await db.selectFrom('findings').select('sentence_id').distinct().where('document_id', '=', documentId).where('active', '=', 1).where('source', '=', GRAMMAR_SOURCE).execute();
      await sql`DELETE FROM findings WHERE document_id = ${documentId} AND active = 1 AND source = ${GRAMMAR_SOURCE}
        AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.finding_id = findings.id)`.execute(db);
      await db.updateTable('findings').set({ active: 0 }).where('document_id', '=', documentId).where('active', '=', 1).where('source', '=', GRAMMAR_SOURCE).execute();
      await db.deleteFrom('check_failures').where('document_id', '=', documentId).where('source', '=', GRAMMAR_SOURCE).execute();
      await db.updateTable('sentences').set({ grammar_version: null }).where('document_id', '=', documentId).execute();
      for (const { sentence_id } of touched) await tx.documents.refreshSentenceState(Number(sentence_id));
    });
  }

  async setGrammarError(documentId: number, message: string | null): Promise<void> {
    await this.db.updateTable('documents').set({ grammar_error: message }).where('id', '=', documentId).execute();
  }

  async getSetting(key: string): Promise<unknown> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row ? JSON.parse(row.value) : undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
      .execute();
  }
}
