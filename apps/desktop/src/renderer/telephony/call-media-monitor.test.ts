import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallMediaMonitor } from './call-media-monitor.js';
import type { CallQuality } from './call-quality.js';
import { systemClock } from './ports.js';

beforeEach(() => vi.useFakeTimers({ now: 1_700_000_000_000 }));
afterEach(() => vi.useRealTimers());

/** A call's stats: inbound audio counters the test moves forward. */
function fakeStats() {
  const counters = { packetsReceived: 0, packetsLost: 0, jitter: 0.005 };
  let available = true;
  const stats = () =>
    Promise.resolve(
      available
        ? (new Map([
            ['in', { type: 'inbound-rtp', kind: 'audio', ...counters }],
            ['pair', { type: 'candidate-pair', nominated: true, currentRoundTripTime: 0.04 }],
          ]) as unknown as RTCStatsReport)
        : undefined,
    );
  return {
    counters,
    stats,
    setAvailable: (v: boolean) => (available = v),
  };
}

function monitor() {
  const qualities: CallQuality[] = [];
  const stalls: string[] = [];
  const m = new CallMediaMonitor({
    clock: systemClock,
    config: { pollMs: 500, qualityIntervalMs: 2_000, poorMos: 3.5, stallMs: 1_000 },
    onQuality: (_id, q) => qualities.push(q),
    onStalled: (id) => stalls.push(id),
  });
  return { m, qualities, stalls };
}

describe('CallMediaMonitor: media that stops', () => {
  it('reports a stall once after stallMs without inbound packets, and again only after media flowed', async () => {
    const { m, stalls } = monitor();
    const s = fakeStats();
    m.watch('c1', s.stats, () => true);
    for (let i = 0; i < 4; i += 1) {
      s.counters.packetsReceived += 25;
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(stalls).toEqual([]);
    await vi.advanceTimersByTimeAsync(999);
    expect(stalls).toEqual([]);
    await vi.advanceTimersByTimeAsync(501);
    expect(stalls).toEqual(['c1']);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(stalls).toEqual(['c1']);
    s.counters.packetsReceived += 25;
    await vi.advanceTimersByTimeAsync(500);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(stalls).toEqual(['c1', 'c1']);
  });

  it('no stall while no media is expected (held, reattaching) or there is no peer', async () => {
    const { m, stalls } = monitor();
    const s = fakeStats();
    let flowing = false;
    m.watch('c1', s.stats, () => flowing);
    await vi.advanceTimersByTimeAsync(10_000);
    s.setAvailable(false);
    flowing = true;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(stalls).toEqual([]);
    // Resumed: the clock starts when media should flow again.
    s.setAvailable(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(stalls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stalls).toEqual(['c1']);
  });

  it('unwatch stops polling; stopAll leaves no timers', async () => {
    const { m, stalls } = monitor();
    const s = fakeStats();
    m.watch('c1', s.stats, () => true);
    m.watch('c1', s.stats, () => true);
    expect(m.timerCount).toBe(1);
    m.watch('c2', s.stats, () => true);
    m.unwatch('c1');
    expect(m.timerCount).toBe(1);
    m.stopAll();
    expect(m.timerCount).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(stalls).toEqual([]);
  });
});

describe('CallMediaMonitor: quality per interval', () => {
  it('one lossy interval marks that interval poor, not the rest of the call', async () => {
    const { m, qualities } = monitor();
    const s = fakeStats();
    m.watch('c1', s.stats, () => true);
    const interval = async (received: number, lost: number) => {
      for (let i = 0; i < 4; i += 1) {
        s.counters.packetsReceived += received / 4;
        s.counters.packetsLost += lost / 4;
        await vi.advanceTimersByTimeAsync(500);
      }
    };
    await interval(100, 0);
    await interval(60, 40);
    await interval(100, 0);
    await interval(100, 0);
    const poor = qualities.map((q) => q.poor);
    expect(poor).toContain(true);
    expect(poor.at(-1)).toBe(false);
    expect(qualities.at(-1)?.lossPercent).toBe(0);
    expect(qualities.find((q) => q.poor)?.lossPercent).toBeGreaterThan(5);
  });
});
