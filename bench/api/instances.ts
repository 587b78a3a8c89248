import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('./instance-main.ts', import.meta.url));

export interface Instance {
  port: number;
  stop(): Promise<void>;
}

/** Forks an API instance on `url` (its own process, so instances run in parallel). */
export function startInstance(url: string, jwtSecret: Uint8Array): Promise<Instance> {
  const child: ChildProcess = fork(MAIN, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      DATABASE_URL: url,
      BENCH_JWT_SECRET: Buffer.from(jwtSecret).toString('hex'),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`API instance exited (${code}) before listening`)),
    );
    child.once('message', (m: { port: number }) =>
      resolve({
        port: m.port,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      }),
    );
  });
}
