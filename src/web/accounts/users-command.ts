import { parseArgs } from 'node:util';
import { DuplicateUser, isRole, ROLES, type AccountStore } from './account-store.ts';
import { chooseDatabase, DatabaseConfigError } from '../store/choose-database.ts';
import { openAccountStore } from './open-accounts.ts';
import { hashPassword, passwordProblem } from './passwords.ts';

// In a module of its own, so that the CLI shows it without loading the database drivers.
import { USERS_USAGE } from './users-usage.ts';

export { USERS_USAGE };

export interface UsersIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads a password: hidden typing on a terminal, the first line of standard input otherwise. Never from an argument. */
  readSecret: (prompt: string) => Promise<string>;
}

/** A name people type at sign-in and see in the history. */
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u;

class UsersError extends Error {}

/**
 * `relecture users …`: accounts for team mode, in the database the server uses
 * (DATABASE_URL, or the SQLite file RELECTURE_DB). Returns the exit code.
 */
export async function runUsers(args: string[], io: UsersIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed: { values: { role?: string; password?: string }; positionals: string[] };
  try {
    // `--password` is declared only to refuse it with a reason (an argument shows in `ps` and shell history).
    parsed = parseArgs({ args, options: { role: { type: 'string' }, password: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`relecture users: ${(error as Error).message}\nUsage:\n${USERS_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [action, name, ...extra] = positionals;
  let store: Awaited<ReturnType<typeof openAccountStore>> | undefined;
  try {
    if (values.password !== undefined) throw new UsersError('a password is never taken from an argument (it would stay in shell history and show in ps): type it, or pipe it on standard input');
    if (!action || !['add', 'list', 'passwd', 'role', 'remove'].includes(action)) throw new UsersError(action ? `unknown action '${action}'` : 'which action?');
    if (action !== 'list' && !name) throw new UsersError(`${action} needs a user NAME`);
    if (extra.length > 0 || (action === 'list' && name)) throw new UsersError(`${action} takes ${action === 'list' ? 'no argument' : 'one NAME'}, got more: ${[name, ...extra].filter(Boolean).join(' ')}`);
    if ((action === 'add' || action === 'role') && !isRole(values.role)) {
      throw new UsersError(values.role === undefined ? `${action} needs --role admin|reviewer|viewer` : `--role must be one of ${ROLES.join(', ')}, not '${values.role}'`);
    }
    if (name && !NAME.test(name)) throw new UsersError(`'${name}' cannot be a user name: use 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit`);
    const choice = chooseDatabase(env);
    // Read the password before opening the database: a refused password leaves nothing behind.
    const password = action === 'add' || action === 'passwd' ? await newPassword(io, name!) : undefined;
    store = await openAccountStore(choice);
    return await perform(store.accounts, action, name, values.role, password, io, choice.label);
  } catch (error) {
    if (error instanceof UsersError || error instanceof DuplicateUser || error instanceof DatabaseConfigError) {
      io.stderr(`relecture users: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await store?.close();
  }
}

async function newPassword(io: UsersIo, name: string): Promise<string> {
  const password = await io.readSecret(`Password for ${name}: `);
  const problem = passwordProblem(password);
  if (problem) throw new UsersError(`${problem}; nothing was changed`);
  return password;
}

async function perform(accounts: AccountStore, action: string, name: string | undefined, role: string | undefined, password: string | undefined, io: UsersIo, where: string): Promise<number> {
  if (action === 'list') {
    const users = await accounts.listUsers();
    if (users.length === 0) io.stderr(`relecture users: no user in ${where}: the app runs single-user on loopback (add one with 'relecture users add NAME --role admin')\n`);
    for (const user of users) io.stdout(`${user.name}\t${user.role}\t${user.createdAt}\n`);
    return 0;
  }
  if (action === 'add') {
    const user = await accounts.addUser(name!, role as never, await hashPassword(password!));
    io.stderr(`relecture users: added ${user.name} (${user.role}) in ${where}\n`);
    return 0;
  }
  if (action === 'passwd') {
    const user = await accounts.findUser(name!);
    if (!user) throw new UsersError(`no user named '${name}' (see 'relecture users list')`);
    await accounts.setPasswordHash(name!, await hashPassword(password!));
    // Whoever had the old password is signed out everywhere.
    await accounts.deleteSessionsOf(user.id);
    io.stderr(`relecture users: new password for ${name}; their open sessions were ended\n`);
    return 0;
  }
  if (action === 'role') {
    if (!(await accounts.setRole(name!, role as never))) throw new UsersError(`no user named '${name}' (see 'relecture users list')`);
    io.stderr(`relecture users: ${name} is now ${role}\n`);
    return 0;
  }
  if (!(await accounts.removeUser(name!))) throw new UsersError(`no user named '${name}' (see 'relecture users list')`);
  io.stderr(`relecture users: removed ${name}; their decisions keep their name in the history\n`);
  return 0;
}

/** For the real process: hidden typing on a terminal (asked twice), else the first line of standard input. */
export async function readSecretFromProcess(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
  }
  const first = await readHidden(prompt);
  const second = await readHidden('Again: ');
  if (first !== second) throw new UsersError('the two passwords differ; nothing was changed');
  return first;
}

function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new UsersError('interrupted; nothing was changed'));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
