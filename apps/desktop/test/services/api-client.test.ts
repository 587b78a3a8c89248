import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiClient,
  retryAfterMs,
  type RefreshTokenStore,
} from '../../src/main/services/api-client.js';
import { AppError } from '../../src/main/services/app-error.js';
import { createLogger } from '../../src/main/services/logger.js';
import { createAccount, startRealApi, type TestAccount } from '../helpers/real-api.js';

let api: Awaited<ReturnType<typeof startRealApi>>;
let account: TestAccount;
let stored: string | null;
let refreshCalls: number;
const log = createLogger({ file: '/dev/null' });
const tokens: RefreshTokenStore = {
  get: () => Promise.resolve(stored),
  set: (t) => Promise.resolve(void (stored = t)),
  clear: () => Promise.resolve(void (stored = null)),
};
/** Counts refreshes as they reach the real API. */
const countingFetch: typeof fetch = (input, init) => {
  const url = input instanceof Request ? input.url : input.toString();
  if (url.endsWith('/api/auth/refresh')) refreshCalls++;
  return fetch(input, init);
};

beforeAll(async () => {
  api = await startRealApi();
}, 120_000);
afterAll(async () => {
  await api.close();
});
beforeEach(async () => {
  stored = null;
  refreshCalls = 0;
  account = await createAccount(api.url);
});

describe('ApiClient against the real API', () => {
  it('signs in, keeps the refresh token, and mints a WebRTC login token', async () => {
    const client = new ApiClient({ baseUrl: api.url, tokens, log });
    const session = await client.signIn(account.email, account.password);
    expect(session.user.email).toBe(account.email);
    expect(stored).toBe(session.refreshToken);
    const minted = await client.getWebrtcToken();
    expect(minted.token.split('.')).toHaveLength(3);
    expect(Date.parse(minted.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('refreshes once for many concurrent calls after a restart (single-flight)', async () => {
    await new ApiClient({ baseUrl: api.url, tokens, log }).signIn(account.email, account.password);
    const firstRefresh = stored;
    // A new client = the app restarted: no access token in memory, only the keychain's refresh token.
    const client = new ApiClient({ baseUrl: api.url, tokens, log, fetch: countingFetch });
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => client.getWebrtcToken()));
    expect(results).toHaveLength(5);
    expect(refreshCalls).toBe(1);
    expect(stored).not.toBe(firstRefresh); // rotated
  });

  it('says unauthorized for a wrong password', async () => {
    const client = new ApiClient({ baseUrl: api.url, tokens, log });
    const error = await client.signIn(account.email, 'wrong-password').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unauthorized' });
    expect(stored).toBeNull();
  });

  it('forgets a refresh token the server no longer accepts and asks to sign in again', async () => {
    stored = 'not-a-real-refresh-token';
    const client = new ApiClient({ baseUrl: api.url, tokens, log });
    const error = await client.getWebrtcToken().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unauthorized', message: /Sign in again/ });
    expect(stored).toBeNull();
  });

  it('says not-signed-in when there is no session at all', async () => {
    const client = new ApiClient({ baseUrl: api.url, tokens, log });
    await expect(client.getWebrtcToken()).rejects.toMatchObject({ code: 'not-signed-in' });
  });

  it('says offline, naming the server, when nothing listens', async () => {
    const client = new ApiClient({ baseUrl: 'http://127.0.0.1:9', tokens, log });
    const error = await client.signIn(account.email, account.password).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'offline', message: /127\.0\.0\.1:9/ });
  });

  it('says rate-limited with the retry time from Retry-After', async () => {
    const limited: typeof fetch = () =>
      Promise.resolve(
        new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }), {
          status: 429,
          headers: { 'retry-after': '42' },
        }),
      );
    const client = new ApiClient({ baseUrl: api.url, tokens, log, fetch: limited });
    const error = await client.signIn(account.email, account.password).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'rate-limited', retryAfterMs: 42_000, message: /42 s/ });
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['10', 10_000],
    ['0', 0],
    [null, null],
    ['soon', null],
    ['Thu, 01 Jan 1970 00:01:40 GMT', 60_000],
  ])('%s → %s', (header, expected) => {
    expect(retryAfterMs(header, 40_000)).toBe(expected);
  });
});
