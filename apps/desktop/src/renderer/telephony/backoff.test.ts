import { describe, expect, it } from 'vitest';
import { backoffCeilingMs, backoffDelayMs, DEFAULT_BACKOFF } from './backoff.js';

describe('backoffCeilingMs', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 8_000],
    [5, 10_000],
    [50, 10_000],
    [10_000, 10_000],
    [0, 1_000],
    [-3, 1_000],
  ])('attempt %i → %i ms', (attempt, expected) => {
    expect(backoffCeilingMs(attempt, DEFAULT_BACKOFF)).toBe(expected);
  });
});

describe('backoffDelayMs (full jitter, never gives up)', () => {
  const policy = { baseMs: 1_000, capMs: 30_000, floorMs: 250 };
  it.each([
    [1, 0, 250],
    [1, 0.999999, 1_000],
    [1, 0.5, 625],
    [4, 0.5, 4_125],
    [6, 1, 30_000],
    [1_000, 0.25, 7_688],
  ])('attempt %i with random %f → %i ms', (attempt, r, expected) => {
    expect(backoffDelayMs(attempt, policy, () => r)).toBe(expected);
  });

  it('stays within [floor, ceiling] for any attempt and random value', () => {
    for (let attempt = 1; attempt < 300; attempt += 7) {
      for (const r of [0, 0.1, 0.5, 0.9, 0.9999, -1, 2]) {
        const delay = backoffDelayMs(attempt, policy, () => r);
        expect(delay).toBeGreaterThanOrEqual(policy.floorMs);
        expect(delay).toBeLessThanOrEqual(backoffCeilingMs(attempt, policy));
      }
    }
  });

  it('spreads delays over the whole window (jitter is not a constant)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelayMs(6, policy)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
