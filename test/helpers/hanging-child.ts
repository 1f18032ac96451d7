/**
 * Arguments for `node` that make a child say it is ready, as the Grammalecte
 * driver does, then never answer: a hung Grammalecte, without Python.
 */
export const HANGING_CHILD = ['-e', "process.stdout.write(JSON.stringify({ ready: true, version: 'fake' }) + '\\n'); process.stdin.resume();"];
