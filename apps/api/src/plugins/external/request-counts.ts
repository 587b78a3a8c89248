import type { RateLimits, WindowCount } from '../../services/rate-limits.js';

/** How often an instance adds the hits it counted locally to the shared counters. */
export const FLUSH_INTERVAL_MS = 250;

interface Entry {
  windowMs: number;
  /** The shared count as of the last answer from the database (every instance's hits). */
  shared: number;
  /** Hits counted here since then, not yet added to the shared count. */
  local: number;
  /** When the window ends (this process's clock). */
  resetAt: number;
}

/**
 * The per-request ceiling's counters: shared in the database (so the ceiling holds across
 * instances) without a database write on every request. The first hit of a key's window is counted
 * in the database at once; later hits are counted here and added to the shared count in one
 * statement per key every FLUSH_INTERVAL_MS. One instance alone counts exactly; with several, each
 * sees the others' hits at most one flush late, so a client spraying N instances can overshoot the
 * ceiling by what it sends in that interval.
 */
export class RequestCounts {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(private readonly limits: RateLimits) {}

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const now = Date.now();
    const e = this.entries.get(key);
    if (e && now < e.resetAt) {
      e.local++;
      this.schedule();
      return { count: e.shared + e.local, resetInMs: e.resetAt - now };
    }
    // A new window starts from the shared count: another instance may already have used some of it.
    const w = await this.limits.hit(key, windowMs);
    this.entries.set(key, { windowMs, shared: w.count, local: 0, resetAt: now + w.resetInMs });
    return w;
  }

  /** Adds every locally counted hit to the shared counters; windows that ended are forgotten. */
  flush(): Promise<void> {
    this.flushing ??= this.flushOnce().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** Flushes what is left and stops the timer (the app is closing). */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  private async flushOnce(): Promise<void> {
    const now = Date.now();
    const batch: Promise<void>[] = [];
    for (const [key, e] of this.entries) {
      if (now >= e.resetAt) {
        this.entries.delete(key); // hits of an ended window no longer count against anything
        continue;
      }
      if (e.local === 0) continue;
      const n = e.local;
      e.local = 0;
      batch.push(
        this.limits.hit(key, e.windowMs, n).then(
          (w) => {
            e.shared = w.count;
            e.resetAt = Date.now() + w.resetInMs;
          },
          () => {
            // The counters are out of reach: keep the hits and try again with the next flush.
            e.local += n;
            this.schedule();
          },
        ),
      );
    }
    await Promise.all(batch);
  }
}
