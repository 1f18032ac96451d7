import { isIP } from 'node:net';

/** Is this listening address reachable only from this machine? */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (bare === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  return mapped !== null && mapped[1].startsWith('127.');
}

/**
 * When sign-in applies. No user and loopback: the single-user app, as always.
 * A user defined: sign-in (decided again per request). Beyond loopback: sign-in
 * always, and with no user at all the server must not start, since nobody
 * could sign in and everybody on the network could otherwise act.
 */
export function signInAtStart(host: string, users: number, addUserCommand = 'relecture users add NAME --role admin'): { requireSignIn: boolean; refusal?: string } {
  if (isLoopback(host)) return { requireSignIn: false };
  if (users === 0) {
    return {
      requireSignIn: true,
      refusal:
        `relecture: refusing to listen on ${host}: that address is reachable from other machines and no user is defined, so anyone could change the review. ` +
        `Add an admin first (${addUserCommand}; the password is read from standard input), or listen on loopback (HOST=127.0.0.1).`,
    };
  }
  return { requireSignIn: true };
}
