import type { Agent, AuditEntry, AuthSession, PresenceEntry } from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addAgent, bearer, build, codeOf, reset, signup, uniqueEmail } from './helpers.js';

let app: FastifyInstance;
let admin: AuthSession;
beforeAll(async () => {
  app = await build();
});
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await reset(app);
  admin = await signup(app);
});

const as = (
  s: AuthSession,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) => app.inject({ method, url, headers: bearer(s.accessToken), ...(payload ? { payload } : {}) });

describe('agents', () => {
  it('an email held in another org is refused without a word about that org or account', async () => {
    const other = await signup(app, 'Other');
    const theirAgent = uniqueEmail('theirs');
    await as(other, 'POST', '/api/agents', {
      email: theirAgent,
      name: 'T',
      password: 'their pw 1',
    });
    const tries = [other.user.email, theirAgent].map((email) =>
      as(admin, 'POST', '/api/agents', { email, name: 'Mine', password: 'agent password 1' }),
    );
    const answers = await Promise.all(tries);
    for (const res of answers) {
      expect(res.statusCode).toBe(409);
      expect(codeOf(res)).toBe('email_unavailable');
      for (const secret of [other.org.id, other.user.id, 'Other', 'exists', 'account'])
        expect(res.body).not.toContain(secret);
    }
    // An admin and an agent of the other org get byte-identical answers.
    expect(answers[0]!.body).toBe(answers[1]!.body);
    // A rename onto the other org's email says the same.
    const mine = (
      await as(admin, 'POST', '/api/agents', {
        email: uniqueEmail('mine'),
        name: 'Mine',
        password: 'agent password 1',
      })
    ).json<Agent>();
    const renamed = await as(admin, 'PATCH', `/api/agents/${mine.id}`, { email: theirAgent });
    expect(renamed.body).toBe(answers[0]!.body);
    // Nothing of theirs changed.
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: theirAgent, password: 'their pw 1' },
    });
    expect(login.json<AuthSession>().org.id).toBe(other.org.id);
  });

  it('an email already in the admin’s own org names that agent', async () => {
    const dana = await addAgent(app, admin, 'Dana');
    const res = await as(admin, 'POST', '/api/agents', {
      email: dana.user.email,
      name: 'Dana again',
      password: 'agent password 1',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error: { code: 'agent_exists', details: { agentId: dana.user.id } },
    });
  });

  it('admins create, list, update and deactivate agents; every action is audited', async () => {
    const email = uniqueEmail('agent');
    const created = await as(admin, 'POST', '/api/agents', {
      email,
      name: 'Dana',
      password: 'dana password',
    });
    expect(created.statusCode).toBe(201);
    const dana = created.json<Agent>();
    expect(dana).toMatchObject({
      email,
      role: 'agent',
      active: true,
      hasWebrtcCredential: false,
      presence: 'offline',
    });
    expect(created.body).not.toContain('password');
    const dup = await as(admin, 'POST', '/api/agents', {
      email: email.toUpperCase(),
      name: 'Dup',
      password: 'dana password',
    });
    expect(dup.statusCode).toBe(409);
    expect(codeOf(dup)).toBe('agent_exists');

    const list = (await as(admin, 'GET', '/api/agents')).json<Agent[]>();
    expect(list.map((a) => a.id)).toEqual([admin.user.id, dana.id]);
    const renamed = await as(admin, 'PATCH', `/api/agents/${dana.id}`, {
      name: 'Dana S.',
      role: 'admin',
    });
    expect(renamed.json<Agent>()).toMatchObject({ name: 'Dana S.', role: 'admin' });
    expect((await as(admin, 'DELETE', `/api/agents/${dana.id}`)).statusCode).toBe(204);
    expect((await as(admin, 'GET', `/api/agents/${dana.id}`)).json<Agent>().active).toBe(false);

    const audit = (await as(admin, 'GET', '/api/audit')).json<{ items: AuditEntry[] }>();
    expect(audit.items.map((e) => e.action)).toEqual([
      'agent.deactivated',
      'agent.updated',
      'agent.created',
    ]);
    expect(audit.items.every((e) => e.actorId === admin.user.id)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('dana password');
  });

  it('an agent reads itself only and cannot manage others', async () => {
    const agent = await addAgent(app, admin);
    const list = (await as(agent, 'GET', '/api/agents')).json<Agent[]>();
    expect(list.map((a) => a.id)).toEqual([agent.user.id]);
    expect((await as(agent, 'GET', `/api/agents/${admin.user.id}`)).statusCode).toBe(404);
    const post = await as(agent, 'POST', '/api/agents', {
      email: uniqueEmail(),
      name: 'X',
      password: 'long enough pw',
    });
    expect(post.statusCode).toBe(403);
    expect(codeOf(post)).toBe('forbidden');
  });

  it('the last active admin cannot be demoted or deactivated', async () => {
    const self = await as(admin, 'PATCH', `/api/agents/${admin.user.id}`, { role: 'agent' });
    expect(self.statusCode).toBe(409);
    expect(codeOf(self)).toBe('last_admin');
    expect(codeOf(await as(admin, 'DELETE', `/api/agents/${admin.user.id}`))).toBe('last_admin');
  });

  it('a password change by an admin ends the agent’s sessions', async () => {
    const agent = await addAgent(app, admin);
    await as(admin, 'PATCH', `/api/agents/${agent.user.id}`, { password: 'a brand new pw' });
    const refresh = await app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: agent.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: agent.user.email, password: 'a brand new pw' },
    });
    expect(login.statusCode).toBe(200);
  });
});

describe('presence', () => {
  it('agents set their own; admins see everyone with last-seen, agents see themselves', async () => {
    const agent = await addAgent(app, admin, 'Zed');
    const set = await as(agent, 'PUT', '/api/me/presence', { presence: 'do-not-disturb' });
    expect(set.json<PresenceEntry>()).toMatchObject({
      agentId: agent.user.id,
      presence: 'do-not-disturb',
    });
    expect(set.json<PresenceEntry>().lastSeenAt).not.toBeNull();
    const all = (await as(admin, 'GET', '/api/presence')).json<PresenceEntry[]>();
    expect(all.map((p) => [p.name, p.presence])).toEqual([
      [admin.user.name, 'offline'],
      ['Zed', 'do-not-disturb'],
    ]);
    // Any signed-in request counts as seen, even without a presence change.
    expect(all.find((p) => p.agentId === admin.user.id)?.lastSeenAt).not.toBeNull();
    const own = (await as(agent, 'GET', '/api/presence')).json<PresenceEntry[]>();
    expect(own.map((p) => p.agentId)).toEqual([agent.user.id]);
  });
});

describe('audit pagination', () => {
  it('pages the audit log newest first with a cursor', async () => {
    for (let i = 0; i < 5; i++) await addAgent(app, admin, `A${i}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page: { items: AuditEntry[]; nextCursor: string | null } = (
        await as(admin, 'GET', `/api/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(codeOf(await as(admin, 'GET', '/api/audit?cursor=zzz'))).toBe('invalid_cursor');
  });
});

describe('operations', () => {
  it('healthz, readyz, OpenAPI and security headers', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({
      status: 'ready',
    });
    const doc = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.json<{ openapi: string }>().openapi).toMatch(/^3\./);
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('CORS opens only to configured origins', async () => {
    const open = await build({ config: { corsOrigins: ['https://app.example'] } });
    try {
      const ok = await open.inject({
        method: 'GET',
        url: '/healthz',
        headers: { origin: 'https://app.example' },
      });
      expect(ok.headers['access-control-allow-origin']).toBe('https://app.example');
      const no = await open.inject({
        method: 'GET',
        url: '/healthz',
        headers: { origin: 'https://evil.example' },
      });
      expect(no.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await open.close();
    }
  });

  it('with the database gone: readyz 503, and a 500 that hides its details', async () => {
    const doomed = await build();
    const s = await signup(doomed, 'Doomed');
    await doomed.services.db.destroy();
    const res = await doomed.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    const me = await doomed.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: bearer(s.accessToken),
    });
    expect(me.statusCode).toBe(500);
    expect(me.json()).toEqual({
      error: { code: 'internal_error', message: 'something went wrong on our side' },
    });
    await doomed.close().catch(() => undefined);
  });
});
