import type { CallLogEvent, Notice } from '@crokodialer/shared';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/services/app-error.js';
import { CallLogOutbox } from '../../src/main/services/call-log-outbox.js';
import { createLogger } from '../../src/main/services/logger.js';
import {
  classifyDeliveryError,
  mergeCallLogEvents,
  retryDelayMs,
} from '../../src/main/services/outbox-policy.js';
import { fileCallLog, ownerOf } from '../../src/main/services/call-log-filing.js';
import { SessionService } from '../../src/main/services/session-service.js';
import { SettingsStore } from '../../src/main/services/settings-store.js';
import { CredentialVault } from '../../src/main/services/credential-vault.js';
import { loadKeytar } from '../../src/main/services/keytar-backend.js';
import { callLifecycle } from '../helpers/call-log-events.js';
import { FlakyProxy } from '../helpers/flaky-proxy.js';
import { createAccount, listCallLogs, startRealApi } from '../helpers/real-api.js';
import { waitFor } from '../helpers/wait-for.js';

const log = createLogger({ file: '/dev/null' });
let dir: string;
let notices: Notice[];
beforeEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(join(tmpdir(), 'croko-outbox-'));
  notices = [];
});
const fast = { baseMs: 20, maxMs: 100 };
const owner = { apiUrl: 'http://127.0.0.1:9', email: 'agent@example.com' };

describe('outbox policy', () => {
  it.each([
    [1, 0, 50],
    [1, 1, 100],
    [2, 1, 200],
    [10, 1, 1000],
    [10, 0, 500],
    [1000, 1, 1000],
  ])('attempt %i with jitter %f waits %i ms (base 100, cap 1000)', (attempt, r, expected) => {
    expect(retryDelayMs(attempt, { baseMs: 100, maxMs: 1000 }, () => r)).toBe(expected);
  });

  it('merges events of one call: status only forward, newest present fields win', () => {
    const [initiated, , connected, completed] = callLifecycle(1);
    const merged = mergeCallLogEvents(completed!, { ...connected!, notes: 'late note' });
    expect(merged.status).toBe('completed');
    expect(merged.notes).toBe('late note');
    expect(merged.durationSeconds).toBe(42);
    expect(mergeCallLogEvents(initiated!, connected!).status).toBe('connected');
  });

  it.each([
    [new AppError('offline', 'x'), 'retry'],
    [new AppError('server-error', 'x'), 'retry'],
    [new AppError('rate-limited', 'x', 5000), 'retry'],
    [new AppError('not-signed-in', 'x'), 'wait-for-sign-in'],
    [new AppError('unauthorized', 'x'), 'wait-for-sign-in'],
    [new AppError('bad-request', 'x'), 'dead'],
    [new Error('weird'), 'retry'],
  ])('classifies %o as %s', (error, kind) => {
    expect(classifyDeliveryError(error).kind).toBe(kind);
  });
});

describe('CallLogOutbox on disk', () => {
  const make = (deliver: (e: CallLogEvent) => Promise<void>, capacity = 100) =>
    new CallLogOutbox({
      dir,
      deliver,
      log,
      capacity,
      backoff: fast,
      onNotice: (n) => notices.push(n),
    });
  const never = () => Promise.reject(new AppError('offline', 'down'));

  it('has the event on disk when enqueue resolves, and a restart finds it', async () => {
    const outbox = make(never);
    await outbox.init();
    const [a] = callLifecycle(1);
    const status = await outbox.enqueue(a!, owner);
    expect(status.pending).toBe(1);
    expect(existsSync(join(dir, 'pending', `${a!.id}.json`))).toBe(true);
    const again = make(never);
    await again.init();
    expect(again.status().pending).toBe(1);
  });

  it('keeps one merged record per call, whatever the order of events', async () => {
    const sent: CallLogEvent[] = [];
    const outbox = make((e) => Promise.resolve(void sent.push(e)));
    await outbox.init();
    const [initiated, ringing, , completed] = callLifecycle(2);
    for (const e of [initiated!, completed!, ringing!]) await outbox.enqueue(e, owner);
    expect(outbox.status().pending).toBe(1);
    expect(await outbox.deliverDue()).toBe(1);
    expect(sent.map((e) => e.status)).toEqual(['completed']);
    expect(readdirSync(join(dir, 'pending'))).toEqual([]);
  });

  it('drops half-written temp files and sets unreadable records aside on restart', async () => {
    await make(never).init();
    writeFileSync(join(dir, 'pending', '.x.json.abc.tmp'), '{"event":');
    writeFileSync(join(dir, 'pending', '0b7a3f1e-2f1f-4c7e-9b3a-0c6f2b1d9e11.json'), 'garbage');
    const outbox = make(never);
    await outbox.init();
    expect(outbox.status().pending).toBe(0);
    expect(readdirSync(join(dir, 'pending'))).toEqual([]);
    expect(readdirSync(join(dir, 'dead'))).toHaveLength(1);
    expect(notices[0]?.message).toMatch(/set aside/);
  });

  it('sets aside a record that cannot be read at all (a read error), logs it, and starts', async () => {
    await make(never).init();
    const good = callLifecycle(9)[0]!;
    await make(never).enqueue(good, owner);
    // A directory where a record should be: readFile fails with EISDIR, not a JSON error.
    mkdirSync(join(dir, 'pending', '1b7a3f1e-2f1f-4c7e-9b3a-0c6f2b1d9e12.json'));
    const lines: string[] = [];
    const outbox = new CallLogOutbox({
      dir,
      deliver: never,
      log: { ...log, warn: (m: string) => void lines.push(m) },
      onNotice: (n) => notices.push(n),
    });
    await outbox.init();
    expect(outbox.status().pending).toBe(1);
    expect(readdirSync(join(dir, 'dead'))).toEqual([
      '1b7a3f1e-2f1f-4c7e-9b3a-0c6f2b1d9e12.json.unreadable',
    ]);
    expect(notices.at(-1)?.message).toMatch(/could not be read \(EISDIR.*set aside/);
    expect(lines.join()).toMatch(/could not be read/);
  });

  it('a record whose account is signed out waits for it: no backoff, listed as pending', async () => {
    let signedIn = false;
    const sent: string[] = [];
    const outbox = make((e) => {
      if (!signedIn) return Promise.reject(new AppError('not-signed-in', 'sign in'));
      sent.push(e.id);
      return Promise.resolve();
    });
    await outbox.init();
    const [a] = callLifecycle(10);
    await outbox.enqueue(a!, owner);
    await outbox.deliverDue();
    expect(outbox.listPending()).toEqual([
      { event: a, account: owner, waitingFor: 'sign-in', lastError: 'sign in' },
    ]);
    expect(outbox.status().nextAttemptAt).toBeNull();
    expect(await outbox.deliverDue()).toBe(0);
    signedIn = true;
    outbox.retryNow();
    expect(await outbox.deliverDue()).toBe(1);
    expect(sent).toEqual([a!.id]);
  });

  it('a later event of a waiting call keeps the owner it was first queued for', async () => {
    const outbox = make(never);
    await outbox.init();
    const [a, , , done] = callLifecycle(11);
    await outbox.enqueue(a!, owner);
    await outbox.enqueue(done!, { apiUrl: 'http://other.example', email: 'b@example.com' });
    expect(outbox.listPending()[0]!.account).toEqual(owner);
    expect(outbox.ownerOf(a!.id)).toEqual(owner);
  });

  it('never retries before the server’s Retry-After, even when asked to retry now', async () => {
    let now = 1_000_000;
    const outbox = new CallLogOutbox({
      dir,
      log,
      backoff: fast,
      now: () => now,
      deliver: () => Promise.reject(new AppError('rate-limited', 'slow down', 30_000)),
    });
    await outbox.init();
    await outbox.enqueue(callLifecycle(12)[0]!, owner);
    await outbox.deliverDue();
    outbox.retryNow();
    now += 29_000;
    expect(await outbox.deliverDue()).toBe(0);
    expect(Date.parse(outbox.status().nextAttemptAt!)).toBe(1_000_000 + 30_000);
  });

  it('while records wait on an outage, a health check brings delivery back at once', async () => {
    let up = false;
    const probes: boolean[] = [];
    const outbox = new CallLogOutbox({
      dir,
      log,
      backoff: { baseMs: 60_000, maxMs: 60_000 },
      probeEveryMs: 20,
      probe: () => {
        probes.push(up);
        return Promise.resolve(up);
      },
      deliver: () => (up ? Promise.resolve() : Promise.reject(new AppError('offline', 'down'))),
    });
    await outbox.init();
    outbox.start();
    await outbox.enqueue(callLifecycle(13)[0]!, owner);
    await waitFor(() => probes.length >= 2, 'health checks while down');
    up = true;
    await waitFor(() => outbox.status().pending === 0, 'delivery long before the 60 s backoff');
    await outbox.stop();
  });

  it('refuses new calls with a clear warning once the bound is reached', async () => {
    const outbox = make(never, 2);
    await outbox.init();
    const [a] = callLifecycle(1);
    const [b, b2] = callLifecycle(2);
    const [c] = callLifecycle(3);
    await outbox.enqueue(a!, owner);
    await outbox.enqueue(b!, owner);
    await expect(outbox.enqueue(c!, owner)).rejects.toMatchObject({ code: 'outbox-full' });
    expect(notices.at(-1)).toMatchObject({ level: 'error', message: /outbox is full/ });
    // An update of a call already waiting still fits: nothing of it is lost.
    await expect(outbox.enqueue(b2!, owner)).resolves.toMatchObject({ pending: 2 });
  });

  it('sets aside a record the server refuses for good, and says so', async () => {
    const outbox = make(() => Promise.reject(new AppError('bad-request', 'to: use E.164')));
    await outbox.init();
    const [a] = callLifecycle(4);
    await outbox.enqueue(a!, owner);
    await outbox.deliverDue();
    expect(outbox.status().pending).toBe(0);
    expect(readdirSync(join(dir, 'dead'))).toEqual([`${a!.id}.json`]);
    expect(notices.at(-1)?.message).toMatch(/refused by the server/);
  });

  it('backs off after failures and delivers once the API is back', async () => {
    let up = false;
    const sent: string[] = [];
    const outbox = make((e) => {
      if (!up) return Promise.reject(new AppError('offline', 'down'));
      sent.push(e.id);
      return Promise.resolve();
    });
    await outbox.init();
    await outbox.enqueue(callLifecycle(5)[0]!, owner);
    outbox.start();
    await waitFor(() => outbox.status().lastError === 'down', 'a failed attempt');
    expect(Date.parse(outbox.status().nextAttemptAt!)).toBeGreaterThan(Date.now() - 5);
    up = true;
    await waitFor(() => outbox.status().pending === 0, 'delivery');
    await outbox.stop();
    expect(sent).toHaveLength(1);
  });
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
