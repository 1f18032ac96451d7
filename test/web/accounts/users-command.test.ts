import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { run } from '../../../src/cli.ts';
import { verifyPassword } from '../../../src/web/accounts/passwords.ts';
import { openDatabase } from '../../../src/web/store/open-database.ts';
import { removeDir } from '../helpers/test-app.ts';
import { createTestDatabase } from '../../helpers/postgres.ts';
import pg from 'pg';

const dir = mkdtempSync(join(tmpdir(), 'relecture-users-'));
afterAll(() => removeDir(dir));

async function users(env: NodeJS.ProcessEnv, password: string | undefined, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const previous = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await run(['users', ...argv], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      isTerminal: false,
      readSecret: async () => {
        if (password === undefined) throw new Error('no password should be asked for');
        return password;
      },
    });
    return { code, stdout, stderr };
  } finally {
    for (const key of Object.keys(env)) if (previous[key] === undefined) delete process.env[key];
    Object.assign(process.env, previous);
  }
}

describe('relecture users (SQLite)', () => {
  const env = { RELECTURE_DB: join(dir, 'review.db'), DATABASE_URL: '' };
  const secret = 'correct horse battery staple';

  it('adds users with a role, lists them, changes a password and a role, removes them', async () => {
    expect(await users(env, secret, 'add', 'ada', '--role', 'admin')).toMatchObject({ code: 0, stderr: expect.stringContaining('added ada (admin)') });
    expect((await users(env, 'another good one', 'add', 'bob', '--role', 'reviewer')).code).toBe(0);
    const list = await users(env, undefined, 'list');
    expect(list.stdout).toMatch(/^ada\tadmin\t\S+\nbob\treviewer\t\S+\n$/);
    expect(list.stdout).not.toContain(secret);

    const db = openDatabase(env.RELECTURE_DB);
    const hashOf = (name: string) => (db.prepare('SELECT password_hash FROM users WHERE name = ?').get(name) as { password_hash: string }).password_hash;
    expect(hashOf('ada')).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hashOf('ada'), secret)).toBe(true);
    db.prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) SELECT 'x', id, '2026', '2999' FROM users WHERE name = 'bob'").run();

    expect((await users(env, 'a brand new secret', 'passwd', 'bob')).stderr).toContain('open sessions were ended');
    expect(await verifyPassword(hashOf('bob'), 'a brand new secret')).toBe(true);
    expect(db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    expect((await users(env, undefined, 'role', 'bob', '--role', 'viewer')).code).toBe(0);
    expect((await users(env, undefined, 'list')).stdout).toContain('bob\tviewer');
    expect((await users(env, undefined, 'remove', 'bob')).code).toBe(0);
    expect((await users(env, undefined, 'list')).stdout).not.toContain('bob');
    db.close();

    // The password is in no file of the database folder (database, WAL), only its hash.
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).includes(Buffer.from(secret)), file).toBe(false);
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    expect(await users(env, '', 'add', 'eve', '--role', 'viewer')).toMatchObject({ code: 2, stderr: 'relecture users: the password is empty; nothing was changed\n' });
    expect(await users(env, 'short', 'add', 'eve', '--role', 'viewer')).toMatchObject({ code: 2, stderr: expect.stringContaining('too short (5 characters): use at least 8') });
    expect(await users(env, '        ', 'add', 'eve', '--role', 'viewer')).toMatchObject({ code: 2, stderr: expect.stringContaining('only spaces') });
    expect(await users(env, undefined, 'add', 'eve', '--role', 'viewer', '--password', 'longenough')).toMatchObject({ code: 2, stderr: expect.stringContaining('never taken from an argument') });
    expect(await users(env, undefined, 'add', 'eve')).toMatchObject({ code: 2, stderr: expect.stringContaining('needs --role admin|reviewer|viewer') });
    expect(await users(env, undefined, 'add', 'eve', '--role', 'boss')).toMatchObject({ code: 2, stderr: expect.stringContaining("not 'boss'") });
    expect(await users(env, undefined, 'add', '../x', '--role', 'viewer')).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot be a user name') });
    expect(await users(env, 'longenough', 'add', 'ada', '--role', 'viewer')).toMatchObject({ code: 2, stderr: "relecture users: a user named 'ada' already exists\n" });
    expect(await users(env, 'longenough', 'passwd', 'nobody')).toMatchObject({ code: 2, stderr: expect.stringContaining("no user named 'nobody'") });
    expect(await users(env, undefined, 'remove', 'nobody')).toMatchObject({ code: 2 });
    expect(await users(env, undefined, 'frobnicate')).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown action 'frobnicate'") });
    expect((await users(env, undefined, 'list')).stdout).not.toContain('eve');
    expect(await users({ DATABASE_URL: 'mysql://x@y/z' }, undefined, 'list')).toMatchObject({ code: 2 });
  });

  it('reads the password from standard input in a real process, and prints no secret', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'users', 'add', 'carol', '--role', 'viewer'], {
      input: 'piped secret 1234\nignored second line\n',
      env: { ...process.env, RELECTURE_DB: env.RELECTURE_DB, DATABASE_URL: '' },
      encoding: 'utf8',
    });
    expect(result.stderr).toContain('added carol (viewer)');
    expect(result.status).toBe(0);
    expect(result.stdout + result.stderr).not.toContain('piped secret');
    const db = openDatabase(env.RELECTURE_DB);
    const row = db.prepare("SELECT password_hash FROM users WHERE name = 'carol'").get() as { password_hash: string };
    db.close();
    return verifyPassword(row.password_hash, 'piped secret 1234').then((ok) => expect(ok).toBe(true));
  });
});

const missing = inject('postgresMissing');
describe.skipIf(missing !== '')(`relecture users (PostgreSQL)${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('adds and lists users in the DATABASE_URL database; the password is not in it', async () => {
    const database = await createTestDatabase(inject('postgresUrl'));
    try {
      const env = { DATABASE_URL: database.url };
      expect((await users(env, 'pg secret value', 'add', 'dora', '--role', 'admin')).code).toBe(0);
      expect((await users(env, undefined, 'list')).stdout).toMatch(/^dora\tadmin\t/);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const dump = JSON.stringify((await client.query('SELECT * FROM users')).rows);
      await client.end();
      expect(dump).toContain('$argon2id$');
      expect(dump).not.toContain('pg secret value');
    } finally {
      await database.drop();
    }
  });
});
