import type { AuthSession, BrowserSession } from '@crokodialer/shared';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addAgent, bearer, build, codeOf, reset, signup } from './helpers.js';

/** The admin console's cookie session: cookie flags, CSRF, origin checks, agents refused. */
let app: FastifyInstance;
let admin: AuthSession & { email: string };
const PASSWORD = 'correct horse battery';
const ORIGIN = 'http://localhost:80';
const HOST = 'localhost:80';

beforeAll(async () => {
  app = await build();
}, 120_000);
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await reset(app);
  const session = await signup(app);
  admin = { ...session, email: session.user.email };
});

const cookieOf = (res: LightMyRequestResponse, name: string) =>
  res.cookies.find((c) => c.name === name);

async function browserLogin(email = admin.email, password = PASSWORD) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/browser/login',
    headers: { origin: ORIGIN, host: HOST },
    payload: { email, password },
  });
}

/** A follow-up request carrying the cookies a browser would send, with the CSRF echo. */
function withCookies(res: LightMyRequestResponse, url: string, csrf?: string, origin = ORIGIN) {
  const rt = cookieOf(res, 'croko_rt')?.value ?? '';
  const token = cookieOf(res, 'croko_csrf')?.value ?? '';
  return app.inject({
    method: 'POST',
    url,
    headers: {
      origin,
      host: HOST,
      cookie: `croko_rt=${rt}; croko_csrf=${token}`,
      ...(csrf === undefined ? { 'x-csrf-token': token } : csrf ? { 'x-csrf-token': csrf } : {}),
    },
  });
}

describe('browser sign-in', () => {
  it('keeps the refresh token out of the body, in an httpOnly SameSite=Strict cookie scoped to the auth routes', async () => {
    const res = await browserLogin();
    expect(res.statusCode).toBe(200);
    const body = res.json<BrowserSession & { refreshToken?: string }>();
    expect(body.accessToken).toBeTruthy();
    expect(body.refreshToken).toBeUndefined();
    const rt = cookieOf(res, 'croko_rt');
    expect(rt).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth/browser' });
    expect(rt?.secure).toBeFalsy(); // plain http here; see the https case below
    const csrf = cookieOf(res, 'croko_csrf');
    expect(csrf).toMatchObject({ sameSite: 'Strict', path: '/' });
    expect(csrf?.httpOnly).toBeFalsy();
    expect(csrf?.value).not.toBe(rt?.value);
  });

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/browser/login',
      headers: { origin: 'https://evil.example', host: HOST },
      payload: { email: admin.email, password: PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(codeOf(res)).toBe('csrf_refused');
    expect(res.cookies).toHaveLength(0);
  });

  it('refuses an agent with admins_only, sets no cookie and leaves no session behind', async () => {
    const agent = await addAgent(app, admin, 'Alice');
    const res = await browserLogin(agent.user.email, 'agent password 1');
    expect(res.statusCode).toBe(403);
    expect(codeOf(res)).toBe('admins_only');
    expect(cookieOf(res, 'croko_rt')?.value ?? '').toBe('');
    const rows = await app.services.db
      .selectFrom('refresh_tokens')
      .select('revoked_at')
      .where('user_id', '=', agent.user.id)
      .execute();
    // The agent's desktop session (addAgent signed in once) plus the refused one, now revoked.
    expect(rows.filter((r) => r.revoked_at === null)).toHaveLength(1);
  });

  it('the API refuses an agent on admin routes too', async () => {
    const agent = await addAgent(app, admin, 'Alice');
    for (const url of [
      '/api/admin/dashboard?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z',
      '/api/audit',
      '/api/org/settings',
    ]) {
      const res = await app.inject({ url, headers: bearer(agent.accessToken) });
      expect(res.statusCode, url).toBe(403);
    }
  });
});

describe('cookie-authenticated refresh and sign-out', () => {
  it('refreshes with cookie + CSRF echo + same origin, rotating both cookies', async () => {
    const login = await browserLogin();
    const res = await withCookies(login, '/api/auth/browser/refresh');
    expect(res.statusCode).toBe(200);
    expect(res.json<BrowserSession>().user.id).toBe(admin.user.id);
    expect(cookieOf(res, 'croko_rt')?.value).not.toBe(cookieOf(login, 'croko_rt')?.value);
    expect(cookieOf(res, 'croko_csrf')?.value).not.toBe(cookieOf(login, 'croko_csrf')?.value);
  });

  it('refuses a refresh without the CSRF header, with a forged one, or from another origin', async () => {
    const login = await browserLogin();
    const missing = await withCookies(login, '/api/auth/browser/refresh', '');
    expect([missing.statusCode, codeOf(missing)]).toEqual([403, 'csrf_refused']);
    const forged = await withCookies(login, '/api/auth/browser/refresh', 'A'.repeat(43));
    expect([forged.statusCode, codeOf(forged)]).toEqual([403, 'csrf_refused']);
    const crossSite = await withCookies(
      login,
      '/api/auth/browser/refresh',
      undefined,
      'https://evil.example',
    );
    expect([crossSite.statusCode, codeOf(crossSite)]).toEqual([403, 'csrf_refused']);
    // None of the refused attempts used the token: the real page still refreshes.
    expect((await withCookies(login, '/api/auth/browser/refresh')).statusCode).toBe(200);
  });

  it('without a cookie a refresh is a 401 the console turns into its sign-in page', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/browser/refresh',
      headers: { origin: ORIGIN, host: HOST },
    });
    expect([res.statusCode, codeOf(res)]).toEqual([401, 'no_session']);
  });

  it('sign-out ends the session and clears the cookies', async () => {
    const login = await browserLogin();
    const out = await withCookies(login, '/api/auth/browser/logout');
    expect(out.statusCode).toBe(204);
    expect(cookieOf(out, 'croko_rt')?.value).toBe('');
    expect((await withCookies(login, '/api/auth/browser/refresh')).statusCode).toBe(401);
  });

  it('sign-out everywhere also ends the admin’s desktop sessions', async () => {
    const login = await browserLogin();
    const desktop = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: admin.email, password: PASSWORD },
    });
    const { accessToken } = login.json<BrowserSession>();
    const rt = cookieOf(login, 'croko_rt')?.value ?? '';
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/browser/logout-everywhere',
      headers: {
        ...bearer(accessToken),
        origin: ORIGIN,
        host: HOST,
        cookie: `croko_rt=${rt}`,
        'x-csrf-token': cookieOf(login, 'croko_csrf')?.value ?? '',
      },
    });
    expect(out.statusCode).toBe(204);
    const refreshed = await app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: desktop.json<AuthSession>().refreshToken },
    });
    expect(refreshed.statusCode).toBe(401);
    expect((await withCookies(login, '/api/auth/browser/refresh')).statusCode).toBe(401);
  });

  it('a demoted admin’s next console refresh is refused with admins_only', async () => {
    const second = await addAgent(app, admin, 'Bob');
    await app.inject({
      method: 'PATCH',
      url: `/api/agents/${second.user.id}`,
      headers: bearer(admin.accessToken),
      payload: { role: 'admin' },
    });
    const login = await browserLogin(second.user.email, 'agent password 1');
    expect(login.statusCode).toBe(200);
    await app.inject({
      method: 'PATCH',
      url: `/api/agents/${second.user.id}`,
      headers: bearer(admin.accessToken),
      payload: { role: 'agent' },
    });
    const res = await withCookies(login, '/api/auth/browser/refresh');
    expect([res.statusCode, codeOf(res)]).toEqual([403, 'admins_only']);
  });
});
