import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSim } from '@crokodialer/telnyx-sim';
import { describe, expect, it } from 'vitest';

/** The real entry points as a user runs them: `migrate`, then the server, stopped with SIGTERM. */
const TSX = join(import.meta.dirname, '../../../node_modules/.bin/tsx');
const CWD = join(import.meta.dirname, '..');

function run(script: string, env: Record<string, string>) {
  const child = spawn(TSX, [script], {
    cwd: CWD,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** With DATABASE_URL (the PostgreSQL tier) a server is a deployment and brings its own secrets. */
const secrets: Record<string, string> = process.env.DATABASE_URL
  ? { JWT_SECRET: 'j'.repeat(40), SECRETS_KEY: Buffer.alloc(32, 1).toString('base64') }
  : {};

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('entry points', () => {
  it('migrate applies, the server serves and shuts down gracefully on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'croko-api-'));
    const env = { DATA_DIR: dataDir, API_PORT: '0', LOG_LEVEL: 'warn', ...secrets };
    try {
      const migrate = run('src/scripts/migrate.ts', env);
      expect(await migrate.exited, migrate.output()).toBe(0);
      expect(migrate.output()).toMatch(
        /applied: 0001-init, 0002-org-dispositions|database is up to date/,
      );

      const server = run('src/server.ts', env);
      const url = await waitFor(
        () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())?.[1],
        30_000,
      );
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      expect((await fetch(`${url}/docs`, { redirect: 'manual' })).status).toBeLessThan(400);
      if (!process.env.DATABASE_URL) {
        // Development secrets are kept private in DATA_DIR so encrypted keys survive a restart.
        expect(statSync(join(dataDir, 'dev-secrets.json')).mode & 0o777).toBe(0o600);
      }
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.output()).not.toMatch(/error/i);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a bad variable stops the server with a message naming it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'croko-api-'));
    try {
      const server = run('src/server.ts', { API_PORT: 'eighty', DATA_DIR: dataDir });
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain('API_PORT');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
  it('seed:demo provisions a demo org with two agents on telnyx-sim, and can run again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'croko-api-'));
    const sim = await startSim({ pingIntervalMs: 0 });
    const env = {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      TELNYX_BASE_URL: sim.restUrl,
      TELNYX_API_KEY: sim.apiKey,
      TELNYX_PUBLIC_KEY: sim.webhookPublicKey,
      TELNYX_WEBRTC_HOST: sim.wsUrl,
      ...secrets,
    };
    try {
      const first = run('src/scripts/seed-demo.ts', env);
      expect(await first.exited, first.output()).toBe(0);
      expect(first.output()).toContain('alice@demo.crokodialer.test');
      const again = run('src/scripts/seed-demo.ts', env);
      expect(await again.exited, again.output()).toBe(0);
      const active = sim.accounts.credentials
        .list({})
        .filter((c) => c.status === 'active' && c.tag?.startsWith('crokodialer-agent-'));
      expect(active).toHaveLength(2);
    } finally {
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
