import { spawn, type ChildProcess } from 'node:child_process';

/** The real server (`src/server.ts`) as a child process, on an ephemeral port of 127.0.0.1. */
export interface AppProcess {
  child: ChildProcess;
  url: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
}

export function startAppProcess(env: NodeJS.ProcessEnv): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', RELECTURE_GRAMMAR: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000);
    const read = (data: Buffer) => {
      output += data.toString();
      const url = /reviewing on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (url) {
        clearTimeout(timer);
        resolve({ child, url: url[1], output: () => output });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${output}`));
    });
  });
}

export function killAppProcess(app: AppProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  return new Promise((resolve) => {
    if (app.child.exitCode !== null || app.child.signalCode !== null) return resolve();
    app.child.once('exit', () => resolve());
    app.child.kill(signal);
  });
}
