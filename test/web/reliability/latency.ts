import type { TestApp } from '../helpers/test-app.ts';

/**
 * Runs `work` (a hostile request) while another client keeps asking for a light
 * page, one request after the other, and returns the slowest answer it got and
 * how many it made. The server and this test share one event loop: a handler
 * that blocks it delays those answers by as long as it blocks, so this measures
 * what every other user would feel.
 */
export async function latencyWhile<T>(app: TestApp, path: string, work: () => Promise<T>): Promise<{ result: T; slowestMs: number; requests: number }> {
  let done = false;
  let slowestMs = 0;
  let requests = 0;
  const poll = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await fetch(app.url + path);
      await response.arrayBuffer();
      slowestMs = Math.max(slowestMs, performance.now() - started);
      requests++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  let result: T;
  try {
    // Let the poller get its first answer before the hostile request starts.
    await new Promise((resolve) => setTimeout(resolve, 30));
    result = await work();
  } finally {
    // The request in flight when the work ended is counted too: it is the one a block delays.
    done = true;
    await poll;
  }
  return { result, slowestMs, requests };
}
