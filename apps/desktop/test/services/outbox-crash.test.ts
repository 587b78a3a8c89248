import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CredentialVault } from '../../src/main/services/credential-vault.js';
import { loadKeytar } from '../../src/main/services/keytar-backend.js';
import { createLogger } from '../../src/main/services/logger.js';
import { SessionService } from '../../src/main/services/session-service.js';
import { SettingsStore } from '../../src/main/services/settings-store.js';
import { callLifecycle } from '../helpers/call-log-events.js';
import { FlakyProxy } from '../helpers/flaky-proxy.js';
import { createAccount, listCallLogs, startRealApi } from '../helpers/real-api.js';
import { runTsx, spawnTsx } from '../helpers/run-tsx.js';

const worker = fileURLToPath(new URL('../fixtures/outbox-worker.ts', import.meta.url));
let api: Awaited<ReturnType<typeof startRealApi>>;
let dir: string;

beforeAll(async () => {
  api = await startRealApi();
}, 120_000);
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(join(tmpdir(), 'croko-crash-'));
});

describe('call-log outbox across kill -9', () => {
  it('delivers every call exactly once after the process dies mid-delivery', async () => {
    const account = await createAccount(api.url);
    const proxy = new FlakyProxy(api.url);
    await proxy.up();
    // Sign in as the app would: settings on disk, refresh token in the real keychain.
    const settings = new SettingsStore({ dir, defaultApiUrl: proxy.url });
    const vault = new CredentialVault(await loadKeytar());
    const log = createLogger({ file: '/dev/null' });
    await new SessionService({ settings, vault, log }).signIn({
      mode: 'companion',
      email: account.email,
      password: account.password,
    });

    const calls = [1, 2, 3].map((n) => callLifecycle(n));
    const eventsFile = join(dir, 'events.json');
    writeFileSync(eventsFile, JSON.stringify(calls.flat()));

    // Run 1: the API applies the first call log, then the process is killed before the answer.
    const applied = proxy.holdAfterApplying((p) => p.startsWith('/api/call-logs'));
    const child = spawnTsx(worker, [dir, eventsFile], process.env);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await applied;
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(out).toContain('enqueued 12');
    expect(out).not.toContain('drained');
    expect(await listCallLogs(api.url, account.accessToken)).toHaveLength(1);
    expect(
      readdirSync(join(dir, 'outbox', 'pending')).filter((f) => f.endsWith('.json')),
    ).toHaveLength(3);

    // Run 2: a fresh process finds the outbox on disk and finishes the job.
    const second = await runTsx(worker, [dir], process.env);
    expect(second.stdout).toContain('drained');
    expect(second.code).toBe(0);
    await proxy.down();

    const stored = await listCallLogs(api.url, account.accessToken);
    expect(stored.map((l) => l.id).sort()).toEqual(calls.map((c) => c[0]!.id).sort());
    expect(stored.every((l) => l.status === 'completed')).toBe(true);
    expect(readdirSync(join(dir, 'outbox', 'pending'))).toEqual([]);
  }, 90_000); // two child processes on a shared machine
});
