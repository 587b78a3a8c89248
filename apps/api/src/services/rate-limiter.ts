import { ApiError } from '../errors.js';

/**
 * Fixed-window counters in memory, keyed by anything (`login:ip:1.2.3.4`, `login:acct:a@b.c`).
 * @fastify/rate-limit runs at most one limit per request, and auth needs two (per IP and per
 * account), so the sensitive routes use this instead. One process only — fine for this API's scale.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt; throws a 429 with Retry-After once `key` is over its limit. */
  hit(key: string): void {
    const now = this.now();
    if (this.windows.size > 50_000) this.sweep(now);
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, w);
    }
    w.count += 1;
    if (w.count > this.max) {
      const retryAfter = Math.max(1, Math.ceil((w.resetAt - now) / 1000));
      throw new ApiError(
        429,
        'rate_limited',
        `too many attempts; try again in ${retryAfter} s`,
        { retryAfterSeconds: retryAfter },
        { 'retry-after': String(retryAfter) },
      );
    }
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}
