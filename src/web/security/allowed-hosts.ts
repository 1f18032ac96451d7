import type { RequestHandler } from 'express';
import { HttpError } from '../http-error.ts';

/** The names the app answers to on whatever port it listens, beside RELECTURE_ALLOWED_HOSTS. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Refuses a request whose `Host` is not one of this server's names (421).
 * Bug: a request with `Host: evil.example` was answered, so a page on a name
 * that resolves to 127.0.0.1 (DNS rebinding) read documents and deleted one;
 * Chromium's Local Network Access check stops that by default, other browsers
 * do not. Allowed: each entry of `allowed` (`name`, on any port as Django's
 * ALLOWED_HOSTS, or `name:port`), and localhost, 127.0.0.1, [::1] and the bound
 * address on the port the request came in on.
 */
export function allowedHosts(allowed: readonly string[], boundAddress?: string): RequestHandler {
  const local = new Set([...LOOPBACK_NAMES, ...boundName(boundAddress)]);
  const anyPort = new Set<string>();
  const exact = new Set<string>();
  for (const entry of allowed.map((e) => e.trim().toLowerCase()).filter(Boolean)) {
    const { name, port } = splitHost(entry);
    if (port === undefined) anyPort.add(name);
    else exact.add(`${name}:${port}`);
  }
  return (req, _res, next) => {
    const header = (req.headers.host ?? '').toLowerCase();
    const { name, port } = splitHost(header);
    const localPort = String(req.socket.localPort ?? '');
    const defaultPort = req.secure ? '443' : '80';
    const effectivePort = port ?? defaultPort;
    const ok =
      name !== '' &&
      (anyPort.has(name) || exact.has(`${name}:${effectivePort}`) || (local.has(name) && effectivePort === localPort));
    if (ok) return next();
    // A template of i18n.ts: the refusal is said in the editor's language too.
    next(new HttpError(421, 'This server does not answer to the name “{name}”. Open it at {url}, or add the name to RELECTURE_ALLOWED_HOSTS.', { name: header.slice(0, 100), url: `http://127.0.0.1:${localPort}/` }));
  };
}

/** `name[:port]`, with IPv6 addresses in brackets (`[::1]:3000`). */
function splitHost(host: string): { name: string; port?: string } {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]*)(?::(\d{1,5}))?$/.exec(host);
  if (!match) return { name: '' };
  return { name: match[1], port: match[2] };
}

/** The bound address as a Host name: none for a wildcard address, IPv6 in brackets. */
function boundName(address: string | undefined): string[] {
  if (!address || ['0.0.0.0', '::', '[::]'].includes(address)) return [];
  const name = address.toLowerCase();
  return [name.includes(':') && !name.startsWith('[') ? `[${name}]` : name];
}
