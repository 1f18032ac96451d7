import { sql } from 'kysely';
import type { CorrectionRecord, CorrectionStore } from '../review-store.ts';
import { now, toCorrection } from './rows.ts';
import type { SqlReviewStore } from './sql-review-store.ts';

export class SqlCorrections implements CorrectionStore {
  constructor(private readonly store: SqlReviewStore) {}

  private get db() {
    return this.store.db;
  }

  async listCorrections(documentId: number): Promise<CorrectionRecord[]> {
    return (await this.db.selectFrom('corrections').selectAll().where('document_id', '=', documentId).orderBy('id').execute()).map(toCorrection);
  }

  async getCorrection(documentId: number, id: number): Promise<CorrectionRecord | undefined> {
    const row = await this.db.selectFrom('corrections').selectAll().where('document_id', '=', documentId).where('id', '=', id).executeTakeFirst();
    return row ? toCorrection(row) : undefined;
  }

  async upsertCorrection(documentId: number, from: string, to: string, note: string | null, origin: CorrectionRecord['origin'], actor: string | null = null): Promise<CorrectionRecord> {
    const row = await this.db
      .insertInto('corrections')
      .values({ document_id: documentId, from_text: from, to_text: to, note, origin, created_at: now(), actor })
      .onConflict((conflict) =>
        conflict.columns(['document_id', 'from_text']).doUpdateSet({ to_text: (eb) => eb.ref('excluded.to_text'), note: sql`COALESCE(excluded.note, corrections.note)`, actor: (eb) => eb.ref('excluded.actor') }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return toCorrection(row);
  }

  async removeCorrection(documentId: number, id: number): Promise<void> {
    await this.db.deleteFrom('corrections').where('document_id', '=', documentId).where('id', '=', id).execute();
  }
}
