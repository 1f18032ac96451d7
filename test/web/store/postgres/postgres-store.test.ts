import { describe, expect, inject, it } from 'vitest';
import { openPostgresStore } from '../../../../src/web/store/postgres/postgres-store.ts';
import { createTestDatabase } from '../../../helpers/postgres.ts';
import { describeStoreContract } from '../store-contract.ts';

const missing = inject('postgresMissing');
const clusterUrl = inject('postgresUrl');

// The same suite the SQLite store passes, as is, on a real PostgreSQL 15.
if (missing) describe.skip(`the review store contract: PostgreSQL (skipped: ${missing})`, () => it('needs PostgreSQL', () => {}));
else describeStoreContract('PostgreSQL', async () => openPostgresStore((await createTestDatabase(clusterUrl, 'contract')).url, { max: 4 }));
