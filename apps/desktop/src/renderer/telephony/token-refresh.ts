/**
 * When to fetch a fresh login token (docs/architecture.md#token-refresh,
 * docs/telnyx-protocol.md#token-expiry-and-refresh): well before expiry, because the SDK warns only
 * 120 s ahead and an expired token fails the next reconnect for good.
 */
export interface TokenRefreshPolicy {
  /** Refresh once this share of the remaining lifetime has passed. */
  fraction: number;
  /** Try to keep at least this much lifetime left when refreshing. */
  minLeadMs: number;
  /** Never schedule sooner than this (a token that is nearly or already expired refreshes now-ish). */
  minDelayMs: number;
  /** Wait after a failed refresh before trying again. */
  retryMs: number;
}

export const DEFAULT_TOKEN_REFRESH: TokenRefreshPolicy = {
  fraction: 0.75,
  minLeadMs: 5 * 60_000,
  minDelayMs: 1_000,
  retryMs: 30_000,
};

/**
 * Delay from `nowMs` until the refresh. A 24 h token refreshes after 18 h; a short one after the
 * larger of "minLead before expiry" and half its fraction, so even a 60 s test token keeps a margin.
 */
export function tokenRefreshDelayMs(
  expiresAtMs: number,
  nowMs: number,
  policy: TokenRefreshPolicy = DEFAULT_TOKEN_REFRESH,
): number {
  const remaining = expiresAtMs - nowMs;
  if (!Number.isFinite(remaining) || remaining <= 0) return 0;
  let delay = remaining * policy.fraction;
  if (remaining - delay < policy.minLeadMs) {
    delay = Math.max(remaining - policy.minLeadMs, (remaining * policy.fraction) / 2);
  }
  // The floor never pushes the refresh past the token's end.
  return Math.round(Math.min(Math.max(policy.minDelayMs, delay), remaining * policy.fraction));
}

/** The `exp` of a JWT in epoch ms, read the way the SDK reads it (no signature check). */
export function jwtExpiryMs(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (token.split('.').length !== 3 || !payload) return undefined;
  try {
    const json: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    if (
      typeof json === 'object' &&
      json !== null &&
      'exp' in json &&
      typeof json.exp === 'number'
    ) {
      return json.exp * 1000;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Expiry of login material: its `expiresAt`, else the token's own `exp`. */
export function materialExpiryMs(expiresAt: string, token: string): number | undefined {
  const parsed = Date.parse(expiresAt);
  return Number.isFinite(parsed) ? parsed : jwtExpiryMs(token);
}
