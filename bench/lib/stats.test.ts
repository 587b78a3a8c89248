import { describe, expect, it } from 'vitest';
import { runLoad, summarize } from './stats.js';

describe('summarize', () => {
  it('takes the nearest rank, so median and p95 are values that occurred', () => {
    const s = summarize(Array.from({ length: 100 }, (_, i) => 100 - i)); // 100 … 1, unsorted
    expect(s).toEqual({ n: 100, median: 50, p95: 95, min: 1, max: 100 });
    expect(summarize([1, 2, 3, 4, 1000]).p95).toBe(1000);
    expect(summarize([1, 2, 3, 4, 1000]).median).toBe(3);
  });

  it('handles one sample and rounds to hundredths without touching the input', () => {
    const input = [3.14159, 1.005];
    expect(summarize([7.777])).toEqual({ n: 1, median: 7.78, p95: 7.78, min: 7.78, max: 7.78 });
    expect(summarize(input).max).toBe(3.14);
    expect(input).toEqual([3.14159, 1.005]);
  });

  it('refuses an empty sample rather than report a number', () => {
    expect(() => summarize([])).toThrow(/no samples/);
  });
});

describe('runLoad', () => {
  it('runs every task once with at most `concurrency` in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    const r = await runLoad(25, 4, async (i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      seen.push(i);
      await new Promise((res) => setTimeout(res, 2));
      inFlight--;
    });
    expect(peak).toBe(4);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(r.latencies).toHaveLength(25);
    expect(r.errors).toBe(0);
    expect(r.wallMs).toBeGreaterThan(0);
  });

  it('counts failures instead of throwing, keeping the first message and no latency for them', async () => {
    const r = await runLoad(10, 3, async (i) => {
      if (i % 5 === 0) throw new Error(`boom ${i}`);
      await Promise.resolve();
    });
    expect(r.errors).toBe(2);
    expect(r.firstError).toMatch(/^boom (0|5)$/);
    expect(r.latencies).toHaveLength(8);
  });
});
