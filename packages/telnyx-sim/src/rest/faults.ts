// REST faults: answer 429 (Telnyx code 10011, with Retry-After) for the next N requests, or
// enforce a fixed-window rate limit. The control API (`/sim/*`) drives these at runtime.

export interface RateLimit {
  /** Requests allowed per window. */
  requests: number;
  windowSeconds: number;
}

export interface RestFaults {
  /** The next `count` authenticated requests get 429 with `Retry-After: retryAfterSeconds`. */
  throttleNext(count: number, retryAfterSeconds?: number): void;
  /** A fixed-window limit on authenticated requests; `null` lifts it. */
  setRateLimit(limit: RateLimit | null): void;
  /** Called once per authenticated request: seconds to put in Retry-After, or null to serve. */
  admit(nowMs: number): number | null;
  /** Clears every REST fault. */
  reset(): void;
}

export function createRestFaults(initial: { rateLimit?: RateLimit | null } = {}): RestFaults {
  let throttled = 0;
  let throttleRetryAfter = 1;
  let limit = initial.rateLimit ?? null;
  let windowStart = 0;
  let used = 0;

  return {
    throttleNext(count, retryAfterSeconds = 1) {
      throttled = Math.max(0, Math.floor(count));
      throttleRetryAfter = Math.max(0, Math.ceil(retryAfterSeconds));
    },
    setRateLimit(next) {
      limit = next;
      used = 0;
      windowStart = 0;
    },
    admit(nowMs) {
      if (throttled > 0) {
        throttled -= 1;
        return throttleRetryAfter;
      }
      if (!limit) return null;
      const windowMs = limit.windowSeconds * 1000;
      if (nowMs - windowStart >= windowMs) {
        windowStart = nowMs;
        used = 0;
      }
      used += 1;
      if (used <= limit.requests) return null;
      return Math.max(1, Math.ceil((windowStart + windowMs - nowMs) / 1000));
    },
    reset() {
      throttled = 0;
      limit = null;
      used = 0;
    },
  };
}
