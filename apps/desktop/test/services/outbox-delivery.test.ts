import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/services/app-error.js';
import { callLifecycle } from '../helpers/call-log-events.js';
import { waitFor } from '../helpers/wait-for.js';
import { down, outboxHarness, owner } from '../helpers/outbox-harness.js';

// When the outbox tries again: backoff, the server's Retry-After, retryNow(), one send at a time,
// with a clock the test moves (`now`) or real time where timers matter.
const { notices, lines, outboxWith } = outboxHarness('delivery');
const at = (ms: number) => new Date(ms).toISOString();

describe('backoff', () => {
  it('waits longer after each failure of the same record, up to the cap', async () => {
    let now = 1_000_000;
    const outbox = await outboxWith({
      now: () => now,
      random: () => 1,
      backoff: { baseMs: 1_000, maxMs: 4_000 },
    });
    await outbox.enqueue(callLifecycle(1)[0]!, owner);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      expect(await outbox.deliverDue()).toBe(0);
      const next = Date.parse(outbox.status().nextAttemptAt!);
      waits.push(next - now);
      now = next;
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 4_000]);
    expect(outbox.status()).toMatchObject({ pending: 1, lastError: 'down' });
  });

  it('is not due before its next attempt, and is due at it', async () => {
    let now = 1_000_000;
    let tries = 0;
    const outbox = await outboxWith({
      now: () => now,
      random: () => 0,
      backoff: { baseMs: 1_000, maxMs: 1_000 },
      deliver: () => (++tries === 1 ? down() : Promise.resolve()),
    });
    await outbox.enqueue(callLifecycle(2)[0]!, owner);
    await outbox.deliverDue();
    now += 499;
    expect(await outbox.deliverDue()).toBe(0);
    now += 1;
    expect(await outbox.deliverDue()).toBe(1);
    expect(outbox.status()).toEqual({
      pending: 0,
      capacity: 5000,
      lastError: null,
      nextAttemptAt: null,
    });
  });

  it('delivers the oldest call first, and a success clears the last error', async () => {
    const sent: string[] = [];
    let up = false;
    const outbox = await outboxWith({
      backoff: { baseMs: 1, maxMs: 1 },
      deliver: (e) => (up ? Promise.resolve(void sent.push(e.to)) : down()),
    });
    const calls = [3, 1, 2].map((n) => callLifecycle(n)[0]!);
    for (const e of calls) await outbox.enqueue(e, owner);
    await outbox.deliverDue();
    expect(outbox.status().lastError).toBe('down');
    up = true;
    await new Promise((r) => setTimeout(r, 5));
    expect(await outbox.deliverDue()).toBe(3);
    expect(sent).toEqual(['+14155551001', '+14155551002', '+14155551003']);
    expect(outbox.status().lastError).toBeNull();
  });
  it('a later event of the call keeps its failures counted, and its last error listed', async () => {
    let now = 1_000_000;
    const outbox = await outboxWith({
      now: () => now,
      random: () => 1,
      backoff: { baseMs: 1_000, maxMs: 60_000 },
    });
    const [initiated, , , completed] = callLifecycle(4);
    await outbox.enqueue(initiated!, owner);
    for (let i = 0; i < 3; i++) {
      await outbox.deliverDue();
      now = Date.parse(outbox.status().nextAttemptAt!);
    }
    await outbox.enqueue(completed!, owner);
    expect(outbox.listPending()[0]).toMatchObject({ lastError: 'down' });
    await outbox.deliverDue();
    expect(Date.parse(outbox.status().nextAttemptAt!) - now).toBe(8_000);
  });
});

describe('defaults', () => {
  it('backs off from 2 s up to 5 min', async () => {
    let now = 1_000_000;
    const outbox = await outboxWith({ now: () => now, random: () => 1 });
    await outbox.enqueue(callLifecycle(5)[0]!, owner);
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      await outbox.deliverDue();
      const next = Date.parse(outbox.status().nextAttemptAt!);
      waits.push(next - now);
      now = next;
    }
    expect(waits.slice(0, 3)).toEqual([2_000, 4_000, 8_000]);
    expect(waits.at(-1)).toBe(300_000);
  });

  it('asks the API whether it is back about once a second, not at once', async () => {
    let probes = 0;
    const outbox = await outboxWith({
      backoff: { baseMs: 60_000, maxMs: 60_000 },
      probe: () => Promise.resolve(++probes < 0),
    });
    outbox.start();
    await outbox.enqueue(callLifecycle(6)[0]!, owner);
    await waitFor(() => outbox.status().lastError === 'down', 'a failed attempt');
    await new Promise((r) => setTimeout(r, 500));
    expect(probes).toBe(0);
    await waitFor(() => probes > 0, 'a health check after about a second');
    await outbox.stop();
  });
});

describe('one delivery at a time', () => {
  it('a call queued while another is being sent waits its turn; nothing is sent twice', async () => {
    const sent: string[] = [];
    let release!: () => void;
    const outbox = await outboxWith({
      deliver: (e) => {
        sent.push(e.to);
        return sent.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
    });
    outbox.start();
    await outbox.enqueue(callLifecycle(7)[0]!, owner);
    await waitFor(() => sent.length === 1, 'the first send');
    await outbox.enqueue(callLifecycle(8)[0]!, owner);
    await new Promise((r) => setTimeout(r, 100));
    expect(sent).toEqual(['+14155551007']);
    release();
    await waitFor(() => outbox.status().pending === 0, 'both delivered');
    expect(sent).toEqual(['+14155551007', '+14155551008']);
    await outbox.stop();
  });

  it('a record the server refuses for good is logged with its id', async () => {
    const outbox = await outboxWith({
      deliver: () => Promise.reject(new AppError('bad-request', 'to: use E.164')),
    });
    const [a] = callLifecycle(9);
    await outbox.enqueue(a!, owner);
    await outbox.deliverDue();
    expect(lines).toEqual([`warn outbox: call log ${a!.id} refused by the server`]);
    expect(notices.at(-1)?.message).toBe(
      'A call log was refused by the server and kept aside: to: use E.164',
    );
  });
});

describe('the server’s Retry-After', () => {
  const slowDown = () => Promise.reject(new AppError('rate-limited', 'slow down', 30_000));

  it('never retries before it, even when asked to retry now', async () => {
    let now = 1_000_000;
    const outbox = await outboxWith({ now: () => now, deliver: slowDown });
    await outbox.enqueue(callLifecycle(12)[0]!, owner);
    await outbox.deliverDue();
    outbox.retryNow();
    now += 29_000;
    expect(await outbox.deliverDue()).toBe(0);
    expect(outbox.status().nextAttemptAt).toBe(at(1_000_000 + 30_000));
  });

  it('wins over a shorter backoff, and a longer backoff wins over it', async () => {
    const now = 1_000_000;
    const outbox = await outboxWith({
      now: () => now,
      random: () => 1,
      backoff: { baseMs: 40_000, maxMs: 40_000 },
      deliver: slowDown,
    });
    await outbox.enqueue(callLifecycle(13)[0]!, owner);
    await outbox.deliverDue();
    expect(outbox.status().nextAttemptAt).toBe(at(now + 40_000));
    // Asked to retry now, it waits only for the server, not for the backoff.
    outbox.retryNow();
    expect(outbox.status().nextAttemptAt).toBe(at(now + 30_000));
  });

  it('a new event of a call waiting on it still waits for it', async () => {
    let now = 1_000_000;
    const outbox = await outboxWith({ now: () => now, deliver: slowDown });
    const [initiated, , , completed] = callLifecycle(14);
    await outbox.enqueue(initiated!, owner);
    await outbox.deliverDue();
    now += 10_000;
    await outbox.enqueue(completed!, owner);
    expect(outbox.status().nextAttemptAt).toBe(at(1_000_000 + 30_000));
    expect(await outbox.deliverDue()).toBe(0);
  });

  it('a failure without one retries on backoff alone once the server lets go', async () => {
    let now = 1_000_000;
    let failures = 0;
    const outbox = await outboxWith({
      now: () => now,
      random: () => 0,
      backoff: { baseMs: 1_000, maxMs: 1_000 },
      deliver: () => (++failures === 1 ? slowDown() : down()),
    });
    await outbox.enqueue(callLifecycle(15)[0]!, owner);
    await outbox.deliverDue();
    now += 30_000;
    await outbox.deliverDue();
    outbox.retryNow();
    expect(outbox.status().nextAttemptAt).toBe(at(now));
  });
});

describe('retryNow', () => {
  it('makes every waiting record due at once, signed-out ones included', async () => {
    let now = 1_000_000;
    let signedIn = false;
    const outbox = await outboxWith({
      now: () => now,
      backoff: { baseMs: 60_000, maxMs: 60_000 },
      deliver: (e) =>
        e.to.endsWith('1021') && !signedIn
          ? Promise.reject(new AppError('not-signed-in', 'sign in'))
          : down(),
    });
    await outbox.enqueue(callLifecycle(21)[0]!, owner);
    await outbox.enqueue(callLifecycle(22)[0]!, owner);
    await outbox.deliverDue();
    expect(outbox.listPending().map((p) => p.waitingFor)).toEqual(['delivery', 'sign-in']);
    now += 1_000;
    outbox.retryNow();
    expect(outbox.listPending().map((p) => p.waitingFor)).toEqual(['delivery', 'delivery']);
    expect(outbox.status().nextAttemptAt).toBe(at(now));
    signedIn = true;
    expect(await outbox.deliverDue()).toBe(0);
    expect(outbox.status().lastError).toBe('down');
  });
});
