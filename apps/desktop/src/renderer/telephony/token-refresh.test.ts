import { describe, expect, it } from 'vitest';
import { jwtExpiryMs, materialExpiryMs, tokenRefreshDelayMs } from './token-refresh.js';

const H = 3_600_000;
const M = 60_000;

describe('tokenRefreshDelayMs', () => {
  it.each([
    ['24 h token', 24 * H, 18 * H],
    ['1 h token', H, 45 * M],
    ['10 min token', 10 * M, 5 * M],
    ['60 s token (tests)', 60_000, 22_500],
    ['2 s token', 2_000, 1_000],
    ['already expired', -5_000, 0],
  ])('%s → refresh after the right delay', (_label, remaining, expected) => {
    const now = 1_700_000_000_000;
    expect(tokenRefreshDelayMs(now + remaining, now)).toBe(expected);
  });

  it('always refreshes before expiry', () => {
    const now = 0;
    for (let remaining = 1_000; remaining < 48 * H; remaining *= 1.7) {
      expect(tokenRefreshDelayMs(now + remaining, now)).toBeLessThan(remaining);
    }
  });
});

describe('jwtExpiryMs', () => {
  const jwt = (payload: object) =>
    `eyJhbGciOiJIUzUxMiJ9.${btoa(JSON.stringify(payload)).replace(/=+$/, '')}.sig`;

  it.each([
    ['exp in seconds', jwt({ exp: 1_700_000_000 }), 1_700_000_000_000],
    ['no exp', jwt({ sub: 'x' }), undefined],
    ['string exp', jwt({ exp: '1' }), undefined],
    ['not a JWT', 'abc', undefined],
    ['garbage payload', 'a.!!!.c', undefined],
  ])('%s', (_label, token, expected) => {
    expect(jwtExpiryMs(token)).toBe(expected);
  });

  it('prefers the material expiresAt, falls back to the token', () => {
    const token = jwt({ exp: 100 });
    expect(materialExpiryMs('2026-01-01T00:00:00Z', token)).toBe(
      Date.parse('2026-01-01T00:00:00Z'),
    );
    expect(materialExpiryMs('soon', token)).toBe(100_000);
  });
});
