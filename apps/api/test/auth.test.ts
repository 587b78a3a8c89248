import type { AuthSession } from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REFRESH_GRACE_MS } from '../src/services/auth-service.js';
import { addAgent, bearer, build, codeOf, reset, signup, uniqueEmail } from './helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await build();
});
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await reset(app);
});

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload: payload as object, headers });

describe('signup and login', () => {
  it('signup creates an org and its first admin, who can read /me', async () => {
    const s = await signup(app, 'Globex');
    expect(s.user.role).toBe('admin');
    expect(s.org.name).toBe('Globex');
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: bearer(s.accessToken),
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { id: s.user.id, email: s.user.email },
      org: { id: s.org.id },
    });
  });

  it('answers a taken email exactly as a free one, and leaves the existing account as it was', async () => {
    const email = uniqueEmail();
    const body = { orgName: 'A', name: 'A', email, password: 'correct horse battery' };
    const first = await post('/api/auth/signup', body);
    const again = await post('/api/auth/signup', {
      orgName: 'B',
      name: 'B',
      email: email.toUpperCase(),
      password: 'another long password',
    });
    expect([first.statusCode, again.statusCode]).toEqual([202, 202]);
    expect(again.json()).toEqual(first.json());
    expect(again.json()).toEqual({ status: 'accepted' });
    // The second sign-up changed nothing: the old password still works, the new one does not,
    // and no org "B" was left behind.
    const old = await post('/api/auth/login', { email, password: 'correct horse battery' });
    expect(old.statusCode).toBe(200);
    expect(old.json<AuthSession>().org.name).toBe('A');
    const stolen = await post('/api/auth/login', { email, password: 'another long password' });
    expect(codeOf(stolen)).toBe('invalid_credentials');
    const orgs = await app.services.db.selectFrom('orgs').select('name').execute();
    expect(orgs.map((o) => o.name)).not.toContain('B');
  });

  it('spends the same work on a taken email as on a free one (argon2 at production cost)', async () => {
    const real = await build({
      config: { argon2: { memoryCost: 19_456, timeCost: 2, parallelism: 1 } },
    });
    try {
      const body = { orgName: 'T', name: 'T', email: uniqueEmail(), password: 'long enough pw' };
      const timed = async (b: typeof body) => {
        const t = performance.now();
        const res = await real.inject({ method: 'POST', url: '/api/auth/signup', payload: b });
        expect(res.statusCode).toBe(202);
        return performance.now() - t;
      };
      await timed(body);
      const taken: number[] = [];
      const free: number[] = [];
      for (let i = 0; i < 5; i++) {
        taken.push(await timed(body));
        free.push(await timed({ ...body, email: uniqueEmail() }));
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[2]!;
      console.info(`sign-up median: taken ${median(taken)} ms, free ${median(free)} ms`);
      // Both paths hash the password, which dominates; a taken email that skipped the hash would
      // answer many times faster. Wide bounds: the machine is shared.
      expect(median(taken)).toBeGreaterThan(median(free) / 3);
      expect(median(taken)).toBeLessThan(median(free) * 3);
    } finally {
      await real.close();
    }
  }, 60_000);

  it('unknown email and wrong password get the same status and message', async () => {
    const s = await signup(app);
    const wrong = await post('/api/auth/login', {
      email: s.user.email,
      password: 'not the password',
    });
    const unknown = await post('/api/auth/login', {
      email: 'nobody@example.test',
      password: 'whatever123',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    const ok = await post('/api/auth/login', {
      email: s.user.email.toUpperCase(),
      password: 'correct horse battery',
    });
    expect(ok.statusCode).toBe(200);
  });

  it('without or with a bad token the API answers 401 in the envelope', async () => {
    const none = await app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(none.statusCode).toBe(401);
    expect(codeOf(none)).toBe('unauthorized');
    const s = await signup(app);
    const forged = s.accessToken.slice(0, -4) + 'AAAA';
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(forged) }))
        .statusCode,
    ).toBe(401);
  });

  it('signup can be closed by config (open only for the first admin)', async () => {
    const closed = await build({ config: { signupEnabled: false } });
    try {
      await reset(closed);
      const attempt = () =>
        closed.inject({
          method: 'POST',
          url: '/api/auth/signup',
          payload: {
            orgName: 'A',
            name: 'A',
            email: uniqueEmail(),
            password: 'correct horse battery',
          },
        });
      expect((await attempt()).statusCode).toBe(202);
      const res = await attempt();
      expect(res.statusCode).toBe(403);
      expect(codeOf(res)).toBe('signup_closed');
    } finally {
      await closed.close();
    }
  });
});

describe('refresh tokens', () => {
  it('rotate: each refresh returns a new pair and the old refresh token stops working', async () => {
    const s = await signup(app);
    const r1 = await post('/api/auth/refresh', { refreshToken: s.refreshToken });
    expect(r1.statusCode).toBe(200);
    const s1 = r1.json<AuthSession>();
    expect(s1.refreshToken).not.toBe(s.refreshToken);
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: bearer(s1.accessToken),
    });
    expect(me.statusCode).toBe(200);
    const r2 = await post('/api/auth/refresh', { refreshToken: s1.refreshToken });
    expect(r2.statusCode).toBe(200);
  });

  it('reuse of a rotated token revokes the whole family, including the newest token', async () => {
    const s = await signup(app);
    const s1 = (
      await post('/api/auth/refresh', { refreshToken: s.refreshToken })
    ).json<AuthSession>();
    const s2 = (
      await post('/api/auth/refresh', { refreshToken: s1.refreshToken })
    ).json<AuthSession>();
    // An attacker replays the first token.
    const replay = await post('/api/auth/refresh', { refreshToken: s.refreshToken });
    expect(replay.statusCode).toBe(401);
    expect(codeOf(replay)).toBe('refresh_token_reused');
    // The legitimate holder's newest token is dead too.
    const legit = await post('/api/auth/refresh', { refreshToken: s2.refreshToken });
    expect(legit.statusCode).toBe(401);
    // Another session (another family) of the same user is untouched.
    const other = (
      await post('/api/auth/login', { email: s.user.email, password: 'correct horse battery' })
    ).json<AuthSession>();
    expect((await post('/api/auth/refresh', { refreshToken: other.refreshToken })).statusCode).toBe(
      200,
    );
  });

  it('a refresh whose response was lost: the previous token works once more within the grace window', async () => {
    const s = await signup(app);
    const lost = (
      await post('/api/auth/refresh', { refreshToken: s.refreshToken })
    ).json<AuthSession>();
    // The client never saw `lost` and retries with the token it still has.
    const retry = await post('/api/auth/refresh', { refreshToken: s.refreshToken });
    expect(retry.statusCode, retry.body).toBe(200);
    const next = retry.json<AuthSession>();
    expect((await post('/api/auth/refresh', { refreshToken: next.refreshToken })).statusCode).toBe(
      200,
    );
    // The unseen token was revoked; presenting it later is reuse and ends the family.
    expect((await post('/api/auth/refresh', { refreshToken: lost.refreshToken })).statusCode).toBe(
      401,
    );
  });

  it('after the grace window the previous token is reuse: the family is revoked', async () => {
    const s = await signup(app);
    const s1 = (
      await post('/api/auth/refresh', { refreshToken: s.refreshToken })
    ).json<AuthSession>();
    await app.services.db
      .updateTable('refresh_tokens')
      .set({ used_at: new Date(Date.now() - REFRESH_GRACE_MS - 1000) })
      .where('user_id', '=', s.user.id)
      .where('used_at', 'is not', null)
      .execute();
    const replay = await post('/api/auth/refresh', { refreshToken: s.refreshToken });
    expect(replay.statusCode).toBe(401);
    expect(codeOf(replay)).toBe('refresh_token_reused');
    expect((await post('/api/auth/refresh', { refreshToken: s1.refreshToken })).statusCode).toBe(
      401,
    );
  });

  it('concurrent refreshes with one token: at most one session stays live', async () => {
    const s = await signup(app);
    const results = await Promise.all(
      [1, 2, 3].map(() => post('/api/auth/refresh', { refreshToken: s.refreshToken })),
    );
    // Late duplicates are grace-window retries (each revokes the token the previous one issued) or
    // reuse (the family ends); either way no two live refresh tokens come out of one.
    expect(results.every((r) => r.statusCode === 200 || r.statusCode === 401)).toBe(true);
    const live = await app.services.db
      .selectFrom('refresh_tokens')
      .select('id')
      .where('user_id', '=', s.user.id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
    expect(live.length).toBeLessThanOrEqual(1);
  });

  it('logout ends the family; an unknown token is a 401', async () => {
    const s = await signup(app);
    expect((await post('/api/auth/logout', { refreshToken: s.refreshToken })).statusCode).toBe(204);
    expect((await post('/api/auth/refresh', { refreshToken: s.refreshToken })).statusCode).toBe(
      401,
    );
    const unknown = await post('/api/auth/refresh', { refreshToken: 'nope' });
    expect(unknown.statusCode).toBe(401);
    expect(codeOf(unknown)).toBe('invalid_refresh_token');
  });

  it('a deactivated agent can neither refresh nor use its access token', async () => {
    const admin = await signup(app);
    const agent = await addAgent(app, admin);
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/agents/${agent.user.id}`,
      headers: bearer(admin.accessToken),
    });
    expect(del.statusCode).toBe(204);
    expect((await post('/api/auth/refresh', { refreshToken: agent.refreshToken })).statusCode).toBe(
      401,
    );
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(agent.accessToken) }))
        .statusCode,
    ).toBe(401);
    const login = await post('/api/auth/login', {
      email: agent.user.email,
      password: 'agent password 1',
    });
    expect(login.statusCode).toBe(401);
  });
});
