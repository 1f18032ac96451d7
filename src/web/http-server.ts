import type { Server } from 'node:http';

/**
 * How long an idle keep-alive connection stays open: longer than those who reuse
 * it. Node closes one after 5 s by default, while a reverse proxy in front of a
 * team server (nginx's upstream keepalive, a cloud load balancer: 60 s) or a
 * client under load may send its next request on it at that very moment; the
 * server's close then meets the request, and the client gets ECONNRESET — on a
 * POST, which neither a proxy nor fetch retries (a suite run under load 12 lost
 * an accept that way). The side that closes an idle connection must be the
 * client, so the server waits longer than any of them.
 */
export const KEEP_ALIVE_MS = 65_000;

/** Applies the connection timeouts to a server the app listens on (`src/server.ts`, the tests' app). */
export function withConnectionTimeouts(server: Server): Server {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Node's rule: headersTimeout above keepAliveTimeout, or a reused connection's headers can time out first.
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  return server;
}
