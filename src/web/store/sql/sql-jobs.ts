import type { JobRecord, JobState, JobStore, NewJob } from '../review-store.ts';
import { now } from './rows.ts';
import type { SqlReviewStore } from './sql-review-store.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const toJob = (row: any): JobRecord => ({
  id: row.id,
  documentId: Number(row.document_id),
  kind: row.kind,
  params: JSON.parse(row.params),
  items: JSON.parse(row.items),
  actor: row.actor ?? null,
  total: Number(row.total),
  done: Number(row.done),
  counts: JSON.parse(row.counts),
  state: row.state,
  error: row.error ?? null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class SqlJobs implements JobStore {
  constructor(private readonly store: SqlReviewStore) {}

  private get db() {
    return this.store.db;
  }

  async createJob(job: NewJob): Promise<JobRecord> {
    const at = now();
    await this.db
      .insertInto('jobs')
      .values({ id: job.id, document_id: job.documentId, kind: job.kind, params: JSON.stringify(job.params ?? null), items: JSON.stringify(job.items), total: job.items.length, state: 'running', error: null, actor: job.actor, created_at: at, updated_at: at })
      .execute();
    return (await this.getJob(job.id))!;
  }

  async getJob(id: string): Promise<JobRecord | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  async advanceJob(id: string, done: number, counts: Record<string, number>): Promise<void> {
    await this.store.withTransaction(async (tx) => {
      const db = (tx as SqlReviewStore).db;
      const row = await db.selectFrom('jobs').select('counts').where('id', '=', id).executeTakeFirst();
      if (!row) return;
      const sum: Record<string, number> = JSON.parse(row.counts);
      for (const [name, n] of Object.entries(counts)) sum[name] = (sum[name] ?? 0) + n;
      await db.updateTable('jobs').set({ done, counts: JSON.stringify(sum), updated_at: now() }).where('id', '=', id).execute();
    });
  }

  async finishJob(id: string, state: Exclude<JobState, 'running'>, error: string | null = null): Promise<void> {
    await this.db.updateTable('jobs').set({ state, error, updated_at: now() }).where('id', '=', id).execute();
  }

  async runningJobs(documentId?: number): Promise<JobRecord[]> {
    let query = this.db.selectFrom('jobs').selectAll().where('state', '=', 'running');
    if (documentId !== undefined) query = query.where('document_id', '=', documentId);
    return (await query.orderBy('created_at').orderBy('id').execute()).map(toJob);
  }
}
