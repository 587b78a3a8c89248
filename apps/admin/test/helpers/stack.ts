import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@crokodialer/api';
import { startSim, type Sim } from '@crokodialer/telnyx-sim';
import type { FastifyInstance } from 'fastify';
import { build } from 'vite';

export const ADMIN_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = `${ADMIN_ROOT}/dist`;

/**
 * The console is built at test time when missing (or always with CROKO_ADMIN_REBUILD=1), so the
 * e2e runs the same static files the API serves in production.
 */
export async function ensureConsoleBuilt(): Promise<string> {
  if (process.env.CROKO_ADMIN_REBUILD === '1' || !existsSync(`${DIST}/index.html`)) {
    // Vitest sets NODE_ENV=test, which would give React's development build; ship what users get.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ root: ADMIN_ROOT, logLevel: 'warn', mode: 'production' });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  }
  return DIST;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Stack {
  sim: Sim;
  api: FastifyInstance;
  url: string;
  close: () => Promise<void>;
}

/** telnyx-sim with two numbers, and the real API on 127.0.0.1 serving the built console. */
export async function startStack(consoleDir: string): Promise<Stack> {
  const sim = await startSim({
    seed: {
      phone_numbers: [
        { id: '3000000000000000001', phone_number: '+15550100001' },
        { id: '3000000000000000002', phone_number: '+15550100002' },
      ],
    },
    pingIntervalMs: 0,
  });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const api = await buildApp({
    env: { NODE_ENV: 'test' },
    adminConsoleDir: consoleDir,
    config: {
      database: { kind: 'pglite', dataDir: null },
      logger: false,
      argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
      rateLimit: { authPerMinute: 10_000 },
      telnyx: { baseUrl: sim.restUrl, webrtcHost: sim.wsUrl, maxRetries: 0 },
      webhookPublicUrl: url,
    },
  });
  await api.listen({ host: '127.0.0.1', port });
  return {
    sim,
    api,
    url,
    close: async () => {
      await api.close();
      await sim.close();
    },
  };
}

/** JSON over HTTP as any client would (seeding what is not under test). */
export async function call<T>(
  url: string,
  method: string,
  body?: unknown,
  token?: string,
): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}
