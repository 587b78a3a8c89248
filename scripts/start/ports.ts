import { createServer } from 'node:net';

export interface PortChoice {
  /** What runs there, for the message. */
  what: string;
  port: number;
  /** The variable that moves it. */
  variable: string;
}

/** Fails with one message naming every taken port and the variable that moves it. */
export async function assertPortsFree(choices: PortChoice[]): Promise<void> {
  const taken: string[] = [];
  for (const c of choices) {
    if (!(await portFree(c.port))) {
      taken.push(
        `  ${c.what}: 127.0.0.1:${c.port} is in use; stop what listens there or set ${c.variable}`,
      );
    }
  }
  if (taken.length > 0) {
    throw new Error(
      `cannot start, a port is taken (another npm start still running?):\n${taken.join('\n')}`,
    );
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () =>
      probe.close(() => resolve(true)),
    );
  });
}

/** A port from the environment, or the default; a bad value is a clear error. */
export function portFrom(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${variable}: expected a port number from 1 to 65535, got "${raw}"`);
  }
  return port;
}
