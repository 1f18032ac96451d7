import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL 15 cluster for the tests: `initdb` in a temporary
 * folder, the server listening only on a Unix socket in that folder (no TCP
 * port, so parallel runs never collide), fsync off (nothing here must survive
 * a power cut), removed afterwards. Debian's server binaries live outside PATH.
 *
 * initdb refuses to run as root, and the tests and CI run as root: then the
 * server runs as the `postgres` system user, which owns the folder.
 */
export const POSTGRES_BIN = process.env.RELECTURE_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresCluster {
  /** Folder of the data directory and the socket. */
  dir: string;
  /** `postgres://postgres@/postgres?host=DIR`: the maintenance database. */
  url: string;
  stop(): void;
}

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresMissing(): string | undefined {
  if (!existsSync(join(POSTGRES_BIN, 'initdb')) || !existsSync(join(POSTGRES_BIN, 'pg_ctl'))) {
    return `PostgreSQL 15 is not installed (no ${POSTGRES_BIN}/initdb): apt-get install postgresql, or set RELECTURE_PG_BIN`;
  }
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    return 'running as root and there is no postgres system user to run the server as (initdb refuses root)';
  }
  return undefined;
}

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
function runAsServerUser(binary: string, args: string[]): string {
  const asRoot = process.getuid?.() === 0;
  const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(POSTGRES_BIN, binary), ...args]] : [join(POSTGRES_BIN, binary), args];
  return execFileSync(command, commandArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

export function startPostgres(): PostgresCluster {
  const dir = mkdtempSync(join(tmpdir(), 'relecture-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  try {
    runAsServerUser('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
    // Only the socket in `dir` (listen_addresses empty: no TCP at all).
    const options = `-c listen_addresses='' -c unix_socket_directories='${dir}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=32MB`;
    runAsServerUser('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`could not start a test PostgreSQL cluster in ${dir}: ${stderr || (error as Error).message}`);
  }
  return {
    dir,
    url: `postgres://postgres@/postgres?host=${encodeURIComponent(dir)}`,
    stop() {
      try {
        runAsServerUser('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

let counter = 0;

/**
 * A fresh, empty database on the run's cluster, for one test file or one test;
 * `drop` removes it. `clusterUrl` is what global-setup provided.
 */
export async function createTestDatabase(clusterUrl: string, prefix = 'relecture'): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = clusterUrl.replace(/\/postgres\?/, `/${name}?`);
  return {
    url,
    name,
    async drop() {
      const client = new pg.Client({ connectionString: clusterUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
