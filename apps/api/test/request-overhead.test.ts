import type { AuthSession } from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRINCIPAL_TTL_MS, PrincipalCache } from '../src/plugins/app/principal-cache.js';
import { FLUSH_INTERVAL_MS, RequestCounts } from '../src/plugins/external/request-counts.js';
import { RateLimits } from '../src/services/rate-limits.js';
import { addAgent, bearer, build, codeOf, reset, signup } from './helpers.js';

/** What a request costs besides its own work: token, principal, request ceiling. */
let app: FastifyInstance;
let admin: AuthSession;
let agent: AuthSession;

beforeAll(async () => {
  app = await build();
});
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await reset(app);
  admin = await signup(app);
  agent = await addAgent(app, admin);
});

const get = (s: AuthSession, url: string) =>
  app.inject({ method: 'GET', url, headers: bearer(s.accessToken) });

describe('the signed-in principal', () => {
  it('verifies the access token once per request and reads the user at most once per TTL', async () => {
    const verify = vi.spyOn(app.services.accessTokens, 'verify');
    const lookup = vi.spyOn(app.services.auth, 'principalFor');
    try {
      for (let i = 0; i < 5; i++) expect((await get(agent, '/api/call-logs')).statusCode).toBe(200);
      expect(verify).toHaveBeenCalledTimes(5);
      expect(lookup).toHaveBeenCalledTimes(1);
    } finally {
      verify.mockRestore();
      lookup.mockRestore();
    }
  });

  it('deactivation takes effect on the very next request, even with the principal cached', async () => {
    expect((await get(agent, '/api/call-logs')).statusCode).toBe(200);
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/agents/${agent.user.id}`,
      headers: bearer(admin.accessToken),
    });
    expect(del.statusCode).toBe(204);
    const after = await get(agent, '/api/call-logs');
    expect(after.statusCode).toBe(401);
    expect(codeOf(after)).toBe('unauthorized');
  });

  it('a demotion takes effect on the very next request', async () => {
    const promote = await app.inject({
      method: 'PATCH',
      url: `/api/agents/${agent.user.id}`,
      headers: bearer(admin.accessToken),
      payload: { role: 'admin' },
    });
    expect(promote.statusCode).toBe(200);
    // The token still says "agent"; the database says admin, and that is what counts.
    expect((await get(agent, '/api/audit')).statusCode).toBe(200);
    const demote = await app.inject({
      method: 'PATCH',
      url: `/api/agents/${agent.user.id}`,
      headers: bearer(admin.accessToken),
      payload: { role: 'agent' },
    });
    expect(demote.statusCode).toBe(200);
    expect((await get(agent, '/api/audit')).statusCode).toBe(403);
  });

  it('a change made elsewhere (another instance) is seen once the TTL has passed', async () => {
    let active = true;
    const p = { userId: 'u', orgId: 'o', role: 'agent' as const };
    const cache = new PrincipalCache(() => Promise.resolve(active ? p : null));
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      expect(await cache.get(p)).toEqual(p);
      active = false;
      vi.advanceTimersByTime(PRINCIPAL_TTL_MS - 1);
      expect(await cache.get(p)).toEqual(p);
      vi.advanceTimersByTime(2);
      expect(await cache.get(p)).toBeNull();
      // A refusal is never cached: reactivation works at once.
      active = true;
      expect(await cache.get(p)).toEqual(p);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a lookup that raced a change is not cached', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const p = { userId: 'u', orgId: 'o', role: 'admin' as const };
    let role: 'admin' | 'agent' = 'admin';
    const cache = new PrincipalCache(async () => {
      const seen = role;
      await gate;
      return { ...p, role: seen };
    });
    const stale = cache.get(p);
    role = 'agent';
    cache.forget('u');
    release();
    expect((await stale)?.role).toBe('admin');
    expect((await cache.get(p))?.role).toBe('agent');
  });
});

describe('the request ceiling', () => {
  it('counts across instances through the shared counters without a write per request', async () => {
    // Their own handle on the counters: the app's limiter flushes its own hits meanwhile.
    const shared = new RateLimits(app.services.db);
    const hit = vi.spyOn(shared, 'hit');
    const a = new RequestCounts(shared);
    const b = new RequestCounts(shared);
    try {
      const key = `req:test-${Date.now()}`;
      const counts: number[] = [];
      for (let i = 0; i < 10; i++) counts.push((await a.hit(key, 60_000)).count);
      expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      // The first hit of the window was written at once, the other nine wait for one flush.
      expect(hit).toHaveBeenCalledTimes(1);
      await a.flush();
      expect(hit).toHaveBeenCalledTimes(2);
      // Another instance starts from the shared count.
      expect((await b.hit(key, 60_000)).count).toBe(11);
      expect((await a.hit(key, 60_000)).count).toBe(11); // a has not yet heard of b's hit
      await Promise.all([a.flush(), b.flush()]);
      expect((await a.hit(key, 60_000)).count).toBe(13);
    } finally {
      hit.mockRestore();
      await a.close();
      await b.close();
    }
  });

  it('flushes on its own within the interval', async () => {
    const counts = new RequestCounts(app.services.rateLimits);
    try {
      const key = `req:timer-${Date.now()}`;
      for (let i = 0; i < 4; i++) await counts.hit(key, 60_000);
      const deadline = Date.now() + FLUSH_INTERVAL_MS * 40;
      let shared = 0;
      while (shared < 4 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, FLUSH_INTERVAL_MS));
        shared = (await app.services.rateLimits.peek(key, 60_000)).count;
      }
      expect(shared).toBe(4);
    } finally {
      await counts.close();
    }
  });
});
