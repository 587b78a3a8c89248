import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * The child processes `npm start` runs. Each gets its own process group (`detached`), so a stop
 * reaches everything it forked (tsx, esbuild, Chromium helpers) and the terminal's Ctrl-C reaches
 * only the orchestrator, which stops the services in order and waits for each group to be gone.
 */
export interface Service {
  name: string;
  child: ChildProcess;
  /** Settles when the process has exited (code, or the signal that ended it). */
  exited: Promise<string>;
  /** Every line the process prints (stdout and stderr); returns the unsubscribe. */
  onLine(listener: (line: string) => void): () => void;
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Lines for which this returns true are not echoed (e.g. the one that carries a token). */
  quiet?: (line: string) => boolean;
}

export function startService(o: StartOptions): Service {
  const child = spawn(o.command, o.args, {
    cwd: o.cwd,
    env: o.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? `exit code ${String(code)}`));
    child.once('error', (error) => resolve(error.message));
  });
  const listeners = new Set<(line: string) => void>();
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      listeners.forEach((l) => l(line));
      if (!o.quiet?.(line)) process.stdout.write(`[${o.name}] ${line}\n`);
    });
  }
  const onLine = (listener: (line: string) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return { name: o.name, child, exited, onLine };
}

/** Resolves with the first line that `match` accepts; rejects if the service exits first. */
export function waitForLine<T>(
  service: Service,
  match: (line: string) => T | undefined,
  timeoutMs: number,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      off();
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${service.name} did not start within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const off = service.onLine((line) => {
      const found = match(line);
      if (found === undefined) return;
      done();
      resolve(found);
    });
    void service.exited.then((how) => {
      done();
      reject(new Error(`${service.name} stopped while starting (${how})`));
    });
  });
}

/** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once the group is gone. */
export async function stopService(service: Service, graceMs = 10_000): Promise<void> {
  const pid = service.child.pid;
  if (pid === undefined) return;
  signalGroup(pid, 'SIGTERM');
  const killer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
  await service.exited;
  // The leader is gone; anything it forked still in the group is stopped too.
  signalGroup(pid, 'SIGTERM');
  await waitGroupGone(pid, graceMs);
  signalGroup(pid, 'SIGKILL');
  clearTimeout(killer);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group has no process left.
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGroupGone(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pid) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
}
