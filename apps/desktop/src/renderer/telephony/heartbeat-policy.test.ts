import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_HEARTBEAT,
  detectionBudgetMs,
  heartbeatIntervalMs,
  raceHeartbeat,
  shouldCheckOnFocus,
} from './heartbeat-policy.js';

describe('heartbeat policy', () => {
  it.each([
    [false, 7_000, 10_000],
    [true, 5_000, 8_000],
  ])('inCall=%s → every %i ms, detection within %i ms', (inCall, interval, budget) => {
    expect(heartbeatIntervalMs(DEFAULT_HEARTBEAT, inCall)).toBe(interval);
    expect(detectionBudgetMs(DEFAULT_HEARTBEAT, inCall)).toBe(budget);
  });

  it('is never looser during a call than idle, whatever the configuration', () => {
    const odd = { ...DEFAULT_HEARTBEAT, idleIntervalMs: 2_000, inCallIntervalMs: 9_000 };
    expect(heartbeatIntervalMs(odd, true)).toBe(2_000);
  });

  it.each([
    [0, false],
    [59_999, false],
    [60_000, true],
    [3_600_000, true],
  ])('focus after %i ms unfocused → check now: %s', (ms, expected) => {
    expect(shouldCheckOnFocus(DEFAULT_HEARTBEAT, ms)).toBe(expected);
  });
});

describe('raceHeartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const timer = (fn: () => void, ms: number) => {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  };

  it.each([
    ['registered', () => Promise.resolve(true)],
    ['unregistered', () => Promise.resolve(false)],
    ['unregistered', () => Promise.reject(new Error('socket closed'))],
  ] as const)('reports %s from the probe', async (expected, probe) => {
    await expect(raceHeartbeat(probe, 3_000, timer)).resolves.toBe(expected);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports timeout when getIsRegistered() never settles (half-open socket)', async () => {
    const outcome = raceHeartbeat(() => new Promise<boolean>(() => undefined), 3_000, timer);
    await vi.advanceTimersByTimeAsync(2_999);
    let settled = false;
    void outcome.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toBe('timeout');
    expect(vi.getTimerCount()).toBe(0);
  });
});
