import type { CallLogEvent } from '@crokodialer/shared';
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/services/app-error.js';
import { callLifecycle } from '../helpers/call-log-events.js';
import { waitFor } from '../helpers/wait-for.js';
import { down, outboxHarness, owner } from '../helpers/outbox-harness.js';

// The outbox in the background, on real timers: start(), stop() and the health checks that bring
// delivery back as soon as the API answers again.
const { lines, outboxWith, dir } = outboxHarness('background');
describe('health checks while records wait on an outage', () => {
  it('bring delivery back at once when the API answers again', async () => {
    let up = false;
    const probes: boolean[] = [];
    const outbox = await outboxWith({
      backoff: { baseMs: 60_000, maxMs: 60_000 },
      probeEveryMs: 20,
      probe: (o) => {
        expect(o).toEqual(owner);
        probes.push(up);
        return Promise.resolve(up);
      },
      deliver: () => (up ? Promise.resolve() : down()),
    });
    outbox.start();
    await outbox.enqueue(callLifecycle(31)[0]!, owner);
    await waitFor(() => probes.length >= 2, 'health checks while down');
    up = true;
    await waitFor(() => outbox.status().pending === 0, 'delivery long before the 60 s backoff');
    const after = probes.length;
    await new Promise((r) => setTimeout(r, 120));
    expect(probes.length).toBe(after);
    await outbox.stop();
  });

  it('a health check that fails counts as down and is asked again', async () => {
    let calls = 0;
    const outbox = await outboxWith({
      backoff: { baseMs: 60_000, maxMs: 60_000 },
      probeEveryMs: 10,
      probe: () =>
        ++calls < 3 ? Promise.reject(new Error('ECONNREFUSED')) : Promise.resolve(true),
      deliver: () => (calls >= 3 ? Promise.resolve() : down()),
    });
    outbox.start();
    await outbox.enqueue(callLifecycle(32)[0]!, owner);
    await waitFor(() => outbox.status().pending === 0, 'delivery after the check answers');
    expect(calls).toBe(3);
    await outbox.stop();
  });

  it('are not asked while the server said when to come back (Retry-After)', async () => {
    let probes = 0;
    const outbox = await outboxWith({
      probeEveryMs: 10,
      probe: () => Promise.resolve(++probes > 0),
      deliver: () => Promise.reject(new AppError('rate-limited', 'slow down', 60_000)),
    });
    outbox.start();
    await outbox.enqueue(callLifecycle(33)[0]!, owner);
    await waitFor(() => outbox.status().lastError === 'slow down', 'a refused attempt');
    await new Promise((r) => setTimeout(r, 100));
    expect(probes).toBe(0);
    await outbox.stop();
  });

  it('are asked one at a time, however many records fail together', async () => {
    let probes = 0;
    const outbox = await outboxWith({
      backoff: { baseMs: 60_000, maxMs: 60_000 },
      probeEveryMs: 10,
      // A check that never answers: no second one starts while it is out.
      probe: () => (probes++, new Promise<boolean>(() => undefined)),
    });
    for (const n of [35, 36, 37]) await outbox.enqueue(callLifecycle(n)[0]!, owner);
    outbox.start();
    await waitFor(() => outbox.status().lastError === 'down' && probes > 0, 'a check');
    await new Promise((r) => setTimeout(r, 100));
    expect(probes).toBe(1);
    await outbox.stop();
  });

  it('are not asked before start()', async () => {
    let probes = 0;
    const outbox = await outboxWith({
      probeEveryMs: 10,
      probe: () => Promise.resolve(++probes > 0),
    });
    await outbox.enqueue(callLifecycle(34)[0]!, owner);
    await outbox.deliverDue();
    await new Promise((r) => setTimeout(r, 100));
    expect(probes).toBe(0);
  });
});

describe('start and stop', () => {
  it('start() delivers what a previous run left, without being asked', async () => {
    const first = await outboxWith({});
    const [a] = callLifecycle(41);
    await first.enqueue(a!, owner);
    expect(lines).toEqual([]);
    const sent: CallLogEvent[] = [];
    const outbox = await outboxWith({ deliver: (e) => Promise.resolve(void sent.push(e)) });
    expect(lines).toEqual(['info outbox: 1 pending']);
    outbox.start();
    await waitFor(() => sent.length === 1, 'delivery on start');
    expect(sent[0]!.id).toBe(a!.id);
    await outbox.stop();
  });

  it('nothing is delivered before start(), however long it waits', async () => {
    let tries = 0;
    const outbox = await outboxWith({ deliver: () => Promise.resolve(void tries++) });
    await outbox.enqueue(callLifecycle(42)[0]!, owner);
    await new Promise((r) => setTimeout(r, 100));
    expect(tries).toBe(0);
  });

  it('stop() waits for the delivery in flight, and nothing is tried after it', async () => {
    let release!: () => void;
    let tries = 0;
    const outbox = await outboxWith({
      backoff: { baseMs: 30, maxMs: 30 },
      deliver: () => {
        tries++;
        return tries === 1
          ? new Promise<void>((_, reject) => {
              release = () => reject(new AppError('offline', 'down'));
            })
          : down();
      },
    });
    outbox.start();
    await outbox.enqueue(callLifecycle(43)[0]!, owner);
    await waitFor(() => tries === 1, 'a delivery in flight');
    let stopped = false;
    const stopping = outbox.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    await new Promise((r) => setTimeout(r, 150));
    expect(tries).toBe(1);
    expect(outbox.status().pending).toBe(1);
  });

  it('stop() cancels the next attempt and the next health check', async () => {
    let tries = 0;
    let probes = 0;
    const outbox = await outboxWith({
      backoff: { baseMs: 60, maxMs: 60 },
      probeEveryMs: 60,
      probe: () => Promise.resolve(++probes < 0),
      deliver: () => (tries++, down()),
    });
    outbox.start();
    await outbox.enqueue(callLifecycle(44)[0]!, owner);
    await waitFor(() => tries === 1, 'a first attempt');
    await outbox.stop();
    await new Promise((r) => setTimeout(r, 200));
    expect({ tries, probes }).toEqual({ tries: 1, probes: 0 });
  });

  it('a round that fails is logged, not an unhandled rejection', async () => {
    let fail = true;
    const outbox = await outboxWith({
      deliver: (e) => {
        // Its file vanishes under it: removing it after delivery fails.
        if (fail) unlinkSync(join(dir(), 'pending', `${e.id}.json`));
        fail = false;
        return Promise.resolve();
      },
    });
    outbox.start();
    await outbox.enqueue(callLifecycle(45)[0]!, owner);
    await waitFor(
      () => lines.some((l) => l.startsWith('error outbox: delivery round failed')),
      'log',
    );
    await outbox.stop();
  });
});
