import type { CallLogEvent, Notice } from '@crokodialer/shared';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/services/app-error.js';
import { CallLogOutbox } from '../../src/main/services/call-log-outbox.js';
import { createLogger } from '../../src/main/services/logger.js';
import { callLifecycle } from '../helpers/call-log-events.js';

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

  it('warns once when 90 % full, and again only after it has drained below that', async () => {
    let up = false;
    const outbox = make((e) => (up || e.to.endsWith('1001') ? Promise.resolve() : never()), 10);
    await outbox.init();
    const calls = Array.from({ length: 10 }, (_, i) => callLifecycle(i + 1)[0]!);
    for (const e of calls.slice(0, 8)) await outbox.enqueue(e, owner);
    expect(notices).toEqual([]);
    await outbox.enqueue(calls[8]!, owner);
    expect(notices.map(({ level, message }) => ({ level, message }))).toEqual([
      { level: 'warning', message: '9 call logs are waiting for the server.' },
    ]);
    await outbox.enqueue(calls[9]!, owner);
    expect(notices).toHaveLength(1);
    // One delivered leaves 9 of 10: still 90 % full, no second warning when the 10th comes back.
    expect(await outbox.deliverDue()).toBe(1);
    await outbox.enqueue(callLifecycle(1)[0]!, owner);
    expect(notices).toHaveLength(1);
    up = true;
    await new Promise((r) => setTimeout(r, 30));
    expect(await outbox.deliverDue()).toBe(10);
    for (const e of calls.slice(0, 9)) await outbox.enqueue({ ...e, id: randomUUID() }, owner);
    expect(notices.map((n) => n.message)).toEqual([
      '9 call logs are waiting for the server.',
      '9 call logs are waiting for the server.',
    ]);
  });

  it('dates every notice by its own clock', async () => {
    const outbox = new CallLogOutbox({
      dir,
      log,
      capacity: 1,
      deliver: never,
      now: () => Date.UTC(2026, 5, 1, 12),
      onNotice: (n) => notices.push(n),
    });
    await outbox.init();
    await outbox.enqueue(callLifecycle(1)[0]!, owner);
    expect(notices).toEqual([
      {
        level: 'warning',
        message: '1 call logs are waiting for the server.',
        at: '2026-06-01T12:00:00.000Z',
      },
    ]);
    await expect(outbox.enqueue(callLifecycle(2)[0]!, owner)).rejects.toThrow(
      'The call-log outbox is full (1 calls waiting for the server). New calls are not being ' +
        'logged: reconnect to the Crokodialer server or contact your admin.',
    );
  });

  it('a newer event that arrives while the older one is being sent is kept and sent next', async () => {
    const sent: CallLogEvent[] = [];
    const [initiated, , , completed] = callLifecycle(6);
    const outbox: CallLogOutbox = make(async (e) => {
      if (sent.length === 0) await outbox.enqueue(completed!, owner);
      sent.push(e);
    });
    await outbox.init();
    await outbox.enqueue(initiated!, owner);
    expect(await outbox.deliverDue()).toBe(1);
    expect(outbox.status().pending).toBe(1);
    expect(existsSync(join(dir, 'pending', `${initiated!.id}.json`))).toBe(true);
    expect(await outbox.deliverDue()).toBe(1);
    expect(sent.map((e) => e.status)).toEqual(['initiated', 'completed']);
    expect(outbox.status().pending).toBe(0);
  });

  it('a failed send of an older revision does not push back the newer one', async () => {
    const now = 1_000_000;
    const [initiated, , , completed] = callLifecycle(7);
    let first = true;
    const outbox: CallLogOutbox = new CallLogOutbox({
      dir,
      log,
      now: () => now,
      backoff: { baseMs: 60_000, maxMs: 60_000 },
      deliver: async () => {
        if (first) await outbox.enqueue(completed!, owner);
        first = false;
        throw new AppError('offline', 'down');
      },
    });
    await outbox.init();
    await outbox.enqueue(initiated!, owner);
    await outbox.deliverDue();
    expect(outbox.status()).toMatchObject({
      lastError: null,
      nextAttemptAt: new Date(now).toISOString(),
    });
  });

  it('lists what waits newest call first, and nothing of a call it does not hold', async () => {
    const outbox = make(never);
    await outbox.init();
    const calls = [2, 3, 1].map((n) => callLifecycle(n)[0]!);
    for (const e of calls) await outbox.enqueue(e, owner);
    expect(outbox.listPending().map((p) => p.event.to)).toEqual([
      '+14155551003',
      '+14155551002',
      '+14155551001',
    ]);
    expect(outbox.listPending()[0]).toMatchObject({ waitingFor: 'delivery', lastError: null });
    expect(outbox.ownerOf(callLifecycle(4)[0]!.id)).toBeNull();
  });

  it('an empty outbox reports no error and no next attempt, even after a failure', async () => {
    const outbox = make(() => Promise.reject(new AppError('bad-request', 'refused')));
    await outbox.init();
    expect(outbox.status()).toEqual({
      pending: 0,
      capacity: 100,
      lastError: null,
      nextAttemptAt: null,
    });
    await outbox.enqueue(callLifecycle(8)[0]!, owner);
    await outbox.deliverDue();
    expect(outbox.status()).toEqual({
      pending: 0,
      capacity: 100,
      lastError: null,
      nextAttemptAt: null,
    });
  });
});
