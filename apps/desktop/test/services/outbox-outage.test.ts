import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CallLogOutbox } from '../../src/main/services/call-log-outbox.js';
import { fileCallLog, ownerOf } from '../../src/main/services/call-log-filing.js';
import { CredentialVault } from '../../src/main/services/credential-vault.js';
import { loadKeytar } from '../../src/main/services/keytar-backend.js';
import { createLogger } from '../../src/main/services/logger.js';
import { SessionService } from '../../src/main/services/session-service.js';
import { SettingsStore } from '../../src/main/services/settings-store.js';
import { callLifecycle } from '../helpers/call-log-events.js';
import { FlakyProxy } from '../helpers/flaky-proxy.js';
import { createAccount, listCallLogs, startRealApi } from '../helpers/real-api.js';
import { waitFor } from '../helpers/wait-for.js';

// The outbox over the real session, keychain and API (PGlite), through a proxy that goes down.
const log = createLogger({ file: '/dev/null' });
const fast = { baseMs: 20, maxMs: 100 };
let dir: string;
beforeEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(join(tmpdir(), 'croko-outage-'));
});

describe('CallLogOutbox against the real API through an outage', () => {
  let api: Awaited<ReturnType<typeof startRealApi>>;
  beforeAll(async () => {
    api = await startRealApi();
  }, 120_000);
  afterAll(async () => {
    await api.close();
  });

  it('loses nothing and counts nothing twice while the API is unreachable', async () => {
    const account = await createAccount(api.url);
    const proxy = new FlakyProxy(api.url);
    await proxy.up();
    const settings = new SettingsStore({ dir, defaultApiUrl: proxy.url });
    const vault = new CredentialVault(await loadKeytar());
    const session = new SessionService({ settings, vault, log });
    await session.signIn({ mode: 'companion', email: account.email, password: account.password });

    const outbox = new CallLogOutbox({
      dir: join(dir, 'outbox'),
      log,
      backoff: fast,
      deliver: fileCallLog(session),
    });
    const signedIn = ownerOf(await session.getState())!;
    await outbox.init();
    outbox.start();
    await proxy.down();
    const calls = [1, 2, 3].map((n) => callLifecycle(n));
    for (const call of calls) for (const e of call) await outbox.enqueue(e, signedIn);
    await waitFor(() => /Cannot reach/.test(outbox.status().lastError ?? ''), 'an offline failure');
    expect(outbox.status().pending).toBe(3);

    await proxy.up();
    outbox.retryNow();
    await waitFor(() => outbox.status().pending === 0, 'delivery after the outage');
    await outbox.stop();
    await proxy.down();

    const stored = await listCallLogs(api.url, account.accessToken);
    expect(stored.map((l) => l.id).sort()).toEqual(calls.map((c) => c[0]!.id).sort());
    expect(stored.every((l) => l.status === 'completed')).toBe(true);
  });
});
