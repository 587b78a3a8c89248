import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError, buildApp, loadConfig } from '../src/index.js';
import { withDevSecrets } from '../src/dev-secrets.js';
import { build, codeOf, uniqueEmail } from './helpers.js';

/** What a deployment gets that a developer's machine does not. Child processes are slow here. */
vi.setConfig({ testTimeout: 180_000 });
const TSX = join(import.meta.dirname, '../../../node_modules/.bin/tsx');
const SECRETS = {
  JWT_SECRET: 'j'.repeat(40),
  SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('production refuses to start without its secrets', () => {
  it.each([
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
    ['DATABASE_URL set', { DATABASE_URL: 'postgres://db.internal/croko' }],
    ['listening beyond loopback', { API_HOST: '0.0.0.0' }],
    ['listening on a LAN address', { API_HOST: '10.1.2.3' }],
  ])('%s', (_name, env) => {
    const problems = problemsOf(env);
    expect(problems.some((p) => p.startsWith('JWT_SECRET: required in production'))).toBe(true);
    expect(problems.some((p) => p.startsWith('SECRETS_KEY: required in production'))).toBe(true);
    expect(problemsOf({ ...env, ...SECRETS })).toEqual([]);
  });

  it('a loopback development server needs none', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2'])
      expect(problemsOf({ API_HOST: host })).toEqual([]);
  });

  it('never writes generated secrets to disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'croko-prod-'));
    try {
      for (const env of [
        { DATA_DIR: dir, NODE_ENV: 'production' },
        { DATA_DIR: dir, API_HOST: '0.0.0.0' },
        { DATA_DIR: dir, DATABASE_URL: 'postgres://db.internal/croko' },
      ]) {
        expect(withDevSecrets(env, { quiet: true })).toEqual(env);
      }
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the server entry point exits with the message and leaves no secrets behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'croko-prod-'));
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATA_DIR: dir,
        API_HOST: '0.0.0.0',
        API_PORT: '0',
      };
      delete env.DATABASE_URL;
      delete env.JWT_SECRET;
      delete env.SECRETS_KEY;
      const run = spawnSync(TSX, ['src/server.ts'], {
        cwd: join(import.meta.dirname, '..'),
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/JWT_SECRET: required in production/);
      expect(existsSync(join(dir, 'dev-secrets.json'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sign-up in production', () => {
  const signupBody = () => ({
    orgName: 'First',
    name: 'First Admin',
    email: uniqueEmail('first'),
    password: 'correct horse battery',
  });

  it('is closed by default, except for the first admin of a server with no org', async () => {
    expect(loadConfig({ NODE_ENV: 'production', ...SECRETS }).signupEnabled).toBe(false);
    expect(loadConfig({}).signupEnabled).toBe(true);
    expect(
      loadConfig({ NODE_ENV: 'production', SIGNUP_ENABLED: 'true', ...SECRETS }).signupEnabled,
    ).toBe(true);

    const app: FastifyInstance = await build({ env: { NODE_ENV: 'production', ...SECRETS } });
    try {
      const { truncateAll } = await import('../src/db/database.js');
      await truncateAll(app.services.db);
      const first = await app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: signupBody(),
      });
      expect(first.statusCode, first.body).toBe(202);
      const second = await app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: signupBody(),
      });
      expect(second.statusCode).toBe(403);
      expect(codeOf(second)).toBe('signup_closed');
    } finally {
      await app.close();
    }
  });

  it('two first sign-ups at once make one org', async () => {
    const app: FastifyInstance = await build({ env: { NODE_ENV: 'production', ...SECRETS } });
    try {
      const { truncateAll } = await import('../src/db/database.js');
      await truncateAll(app.services.db);
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          app.inject({ method: 'POST', url: '/api/auth/signup', payload: signupBody() }),
        ),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([202, 403, 403]);
    } finally {
      await app.close();
    }
  });
});

describe('PGlite is one process', () => {
  const quiet = { logger: false, argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 } };
  const onDisk = (dataDir: string) =>
    buildApp({ env: {}, config: { ...quiet, database: { kind: 'pglite', dataDir } } });

  it('a second API on the same data directory refuses to start, with a clear message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'croko-lock-'));
    try {
      const first = await onDisk(dir);
      try {
        await expect(onDisk(dir)).rejects.toThrow(
          new RegExp(`another Crokodialer API \\(pid ${process.pid}\\) is using .*${dir}`),
        );
        // Another process too: the real server entry point.
        const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, API_PORT: '0' };
        delete env.DATABASE_URL;
        const run = spawnSync(TSX, ['src/server.ts'], {
          cwd: join(import.meta.dirname, '..'),
          env,
          encoding: 'utf8',
          timeout: 60_000,
        });
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/PGlite is one process/);
      } finally {
        await first.close();
      }
      // Released on close: the directory opens again.
      const again = await onDisk(dir);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a lock left by a process that is gone is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'croko-lock-'));
    try {
      const gone = spawn(process.execPath, ['-e', '']);
      const pid = gone.pid;
      await new Promise((resolve) => gone.on('exit', resolve));
      writeFileSync(join(dir, 'api.pid'), String(pid));
      const app = await onDisk(dir);
      await app.close();
      expect(existsSync(join(dir, 'api.pid'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
