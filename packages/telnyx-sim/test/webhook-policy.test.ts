import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, retryDelayMs, urlForAttempt } from '../src/webhooks/index.js';

describe('retryDelayMs', () => {
  const policy = { ...DEFAULT_RETRY, baseDelayMs: 1000, maxDelayMs: 30_000 };
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [5, 16_000],
    [6, 30_000],
    [500, 30_000],
  ])('after attempt %i waits %i ms', (attempt, expected) => {
    expect(retryDelayMs(attempt, policy)).toBe(expected);
  });
});

describe('urlForAttempt', () => {
  it.each([
    [1, 'https://failover', 'https://primary'],
    [2, 'https://failover', 'https://failover'],
    [3, 'https://failover', 'https://primary'],
    [2, null, 'https://primary'],
  ])('attempt %i with failover %s goes to %s', (attempt, failover, expected) => {
    expect(urlForAttempt(attempt, 'https://primary', failover)).toBe(expected);
  });
});
