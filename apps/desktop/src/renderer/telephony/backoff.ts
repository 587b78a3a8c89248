/**
 * Reconnect backoff (docs/architecture.md#backoff): capped exponential with full jitter, and no
 * attempt limit. The SDK's own schedule (1 s → 30 s ± 25 %, then it gives up:
 * docs/telnyx-protocol.md#reconnect-schedule) is why the engine owns this one. Full jitter spreads
 * a fleet of dialers that lost the same gateway at the same moment.
 */
export interface BackoffPolicy {
  /** Ceiling of the first attempt. */
  baseMs: number;
  /** Highest ceiling, reached after a few attempts; attempts never stop. */
  capMs: number;
  /** Lowest delay, so a burst of failures cannot spin. */
  floorMs: number;
}

/**
 * A 10 s cap, not the SDK's 30 s: after an outage of any length the phone is back within seconds of
 * the gateway's return, and full jitter over 0.25–10 s still spreads a fleet's retries.
 */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 10_000, floorMs: 250 };

/** The largest delay attempt `n` (1-based) may wait: min(cap, base · 2^(n-1)). */
export function backoffCeilingMs(attempt: number, policy: BackoffPolicy): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^(n-1) overflows to Infinity for huge n; min() still yields the cap.
  return Math.min(policy.capMs, policy.baseMs * 2 ** (n - 1));
}

/** "Full jitter": uniformly random in [floor, ceiling]. `random` returns [0, 1) like Math.random. */
export function backoffDelayMs(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const ceiling = Math.max(policy.floorMs, backoffCeilingMs(attempt, policy));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(policy.floorMs + r * (ceiling - policy.floorMs));
}
