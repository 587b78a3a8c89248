import { describe, expect, it } from 'vitest';
import { summarize } from './stats.js';

describe('summarize', () => {
  it('gives nearest-rank median and p95, values that occurred', () => {
    const s = summarize(Array.from({ length: 100 }, (_, i) => 100 - i));
    expect(s).toEqual({ n: 100, median: 50, p95: 95, min: 1, max: 100 });
  });

  it('with few samples, p95 is the largest', () => {
    expect(summarize([3, 1, 2])).toMatchObject({ median: 2, p95: 3 });
    expect(summarize([7])).toMatchObject({ median: 7, p95: 7, min: 7, max: 7 });
  });

  it('rounds to two decimals and refuses an empty sample', () => {
    expect(summarize([1.23456]).median).toBe(1.23);
    expect(() => summarize([])).toThrow(/no samples/);
  });
});
