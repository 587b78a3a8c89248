import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../..', import.meta.url));

/** One `npm start` in its own process group, as a terminal runs it; output collected. */
export interface StartRun {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export function npmStart(env: NodeJS.ProcessEnv): StartRun {
  const child = spawn('npm', ['start'], {
    cwd: REPO,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output: () => out, exited };
}

/** Waits for the "is running" banner; fails with the whole output if start fails or stalls. */
export async function untilRunning(run: StartRun, ms: number): Promise<void> {
  const until = Date.now() + ms;
  let ended = false;
  void run.exited.then(() => (ended = true));
  while (!run.output().includes('Ctrl-C stops everything')) {
    if (ended || Date.now() > until) {
      throw new Error(`npm start did not come up:\n${run.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // The summary is written in one piece; let it arrive whole.
  await new Promise((r) => setTimeout(r, 200));
}

/** Free loopback ports, so this test never takes another's. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => {
      const server = createServer();
      return new Promise<ReturnType<typeof createServer>>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(server)),
      );
    }),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Every live process whose environment carries `marker` (`NAME=value`): everything `npm start`
 * started inherits its environment, so this finds its children wherever they moved.
 */
export function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      const state = /^State:\s+(\w)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (environ.includes(marker) && state !== 'Z') found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}
