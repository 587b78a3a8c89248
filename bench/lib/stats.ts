/** Median and p95 of a sample, in the sample's unit (nearest-rank, so p95 is a value that occurred). */
export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summarize: no samples');
  const s = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    n: s.length,
    median: round(rank(0.5)),
    p95: round(rank(0.95)),
    min: round(s[0]!),
    max: round(s.at(-1)!),
  };
}

/** Milliseconds since an arbitrary origin, sub-millisecond. */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/**
 * Runs `task` `total` times with at most `concurrency` in flight; returns each call's latency (ms)
 * and the wall time. Any rejection is counted, not thrown, so a run reports its errors.
 */
export async function runLoad(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<{ latencies: number[]; errors: number; firstError?: string; wallMs: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const start = nowMs();
  const worker = async () => {
    for (let i = next++; i < total; i = next++) {
      const t0 = nowMs();
      try {
        await task(i);
        latencies.push(nowMs() - t0);
      } catch (err) {
        errors++;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { latencies, errors, firstError, wallMs: nowMs() - start };
}
