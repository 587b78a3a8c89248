// Retry policy and URL choice for webhook delivery: pure functions, table-tested.

export interface RetryPolicy {
  /** Attempts per event, the first included. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles each retry. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per-attempt HTTP timeout. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  timeoutMs: 10_000,
};

/** Delay after failed attempt number `attempt` (1-based): exponential, capped. */
export function retryDelayMs(attempt: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 30));
}

/**
 * Which URL attempt number `attempt` goes to. Telnyx retries a failed delivery "at the failover
 * webhook URL" (docs/telnyx-protocol.md#webhook-delivery): with a failover set, attempts alternate
 * primary, failover, ….
 */
export function urlForAttempt(attempt: number, primary: string, failover: string | null): string {
  return failover && attempt % 2 === 0 ? failover : primary;
}
