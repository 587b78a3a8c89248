import { createHash } from 'node:crypto';
import type { Agent, AuthSession, CreatedInvite, Invite } from '@crokodialer/shared';
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

const as = (s: AuthSession, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: bearer(s.accessToken), ...(payload ? { payload } : {}) });
const post = (url: string, payload: object, ip = '198.51.100.7') =>
  app.inject({ method: 'POST', url, payload, remoteAddress: ip });
const login = (email: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

async function invite(email = uniqueEmail('invitee')) {
  const res = await as(admin, 'POST', '/api/invites', { email, name: 'Ivy Invitee' });
  expect(res.statusCode).toBe(201);
  const created = res.json<CreatedInvite>();
  const token = new URL(created.inviteUrl).hash.replace('#invite=', '');
  return { ...created, token, email };
}

describe('invites', () => {
  it('creates a pending user and a link once; the invitee sets a password and signs in', async () => {
    const { invite: inv, inviteUrl, token, email } = await invite();
    expect(inviteUrl).toMatch(/^http:\/\/localhost(:\d+)?\/admin\/#invite=[A-Za-z0-9_-]{43}$/);
    expect(inv).toMatchObject({ email, name: 'Ivy Invitee', role: 'agent', state: 'pending' });
    // Only the token's hash is stored; the pending user cannot sign in with anything.
    const stored = await app.services.db.selectFrom('invites').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(token);
    const agents = (await as(admin, 'GET', '/api/agents')).json<Agent[]>();
    expect(agents.find((a) => a.email === email)).toMatchObject({ active: false });
    expect(codeOf(await login(email, '!invited'))).toBe('invalid_credentials');
    // The list never repeats the link.
    const list = await as(admin, 'GET', '/api/invites');
    expect(list.json<Invite[]>().map((i) => i.id)).toEqual([inv.id]);
    expect(list.body).not.toContain(token);

    const details = await post('/api/invites/details', { token });
    expect(details.json()).toMatchObject({ email, name: 'Ivy Invitee', orgName: 'Acme' });
    const accepted = await post('/api/invites/accept', { token, password: 'my own password' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ email });
    expect((await login(email, 'my own password')).statusCode).toBe(200);
    expect((await as(admin, 'GET', '/api/invites')).json<Invite[]>()).toEqual([]);

    // Single use: the same link now says so, and cannot reset the password.
    const again = await post('/api/invites/accept', { token, password: 'attacker password' });
    expect([again.statusCode, codeOf(again)]).toEqual([410, 'invite_used']);
    expect(codeOf(await post('/api/invites/details', { token }))).toBe('invite_used');
    expect((await login(email, 'attacker password')).statusCode).toBe(401);
    const actions = await app.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'invite.%')
      .orderBy('created_at')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['invite.created', 'invite.accepted']);
  });

  it('expired, revoked, unknown and malformed links each give their own clear error', async () => {
    const expired = await invite();
    await app.services.db
      .updateTable('invites')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', expired.invite.id)
      .execute();
    const late = await post('/api/invites/accept', {
      token: expired.token,
      password: 'long enough!',
    });
    expect([late.statusCode, codeOf(late)]).toEqual([410, 'invite_expired']);
    expect(late.json<{ error: { message: string } }>().error.message).toMatch(/expired.*admin/);
    expect((await as(admin, 'GET', '/api/invites')).json<Invite[]>()[0]?.state).toBe('expired');

    const revoked = await invite();
    expect((await as(admin, 'DELETE', `/api/invites/${revoked.invite.id}`)).statusCode).toBe(204);
    const withdrawn = await post('/api/invites/accept', {
      token: revoked.token,
      password: 'long enough!',
    });
    expect([withdrawn.statusCode, codeOf(withdrawn)]).toEqual([410, 'invite_revoked']);
    expect((await login(revoked.email, 'long enough!')).statusCode).toBe(401);
    expect(codeOf(await as(admin, 'DELETE', `/api/invites/${revoked.invite.id}`))).toBe(
      'not_found',
    );

    const unknown = await post('/api/invites/accept', {
      token: 'A'.repeat(43),
      password: 'long enough!',
    });
    expect([unknown.statusCode, codeOf(unknown)]).toEqual([404, 'invite_not_found']);
    const malformed = await post('/api/invites/accept', { token: 'abc', password: 'long enough!' });
    expect(malformed.statusCode).toBe(400);
    const short = await post('/api/invites/accept', { token: revoked.token, password: 'short' });
    expect(short.statusCode).toBe(400);
  });

  it('only admins invite; another org cannot see or revoke; a taken email is refused', async () => {
    const agent = await addAgent(app, admin);
    expect(
      (await as(agent, 'POST', '/api/invites', { email: uniqueEmail(), name: 'X' })).statusCode,
    ).toBe(403);
    expect((await as(agent, 'GET', '/api/invites')).statusCode).toBe(403);
    const mine = await invite();
    const other = await signup(app, 'Other');
    expect((await as(other, 'GET', '/api/invites')).json<Invite[]>()).toEqual([]);
    expect((await as(other, 'DELETE', `/api/invites/${mine.invite.id}`)).statusCode).toBe(404);
    const dup = await as(admin, 'POST', '/api/invites', { email: mine.email, name: 'Dup' });
    expect(codeOf(dup)).toBe('agent_exists');
    const elsewhere = await as(admin, 'POST', '/api/invites', {
      email: other.user.email,
      name: 'X',
    });
    expect(codeOf(elsewhere)).toBe('email_unavailable');
    const badCallerId = await as(admin, 'POST', '/api/invites', {
      email: uniqueEmail(),
      name: 'Caller',
      callerIds: ['+15550109999'],
    });
    expect(codeOf(badCallerId)).toBe('unknown_caller_id');
    expect(await app.services.db.selectFrom('invites').select('id').execute()).toHaveLength(1);
  });
});

describe('invite routes are rate-limited per address', () => {
  let limited: FastifyInstance;
  beforeAll(async () => {
    limited = await build({ config: { rateLimit: { authPerMinute: 3, perMinute: 100_000 } } });
  });
  afterAll(async () => {
    await limited.close();
  });

  it('guessing tokens from one address is stopped; another address is not', async () => {
    const guess = (ip: string) =>
      limited.inject({
        method: 'POST',
        url: '/api/invites/accept',
        payload: { token: 'B'.repeat(43), password: 'long enough!' },
        remoteAddress: ip,
      });
    for (let i = 0; i < 3; i++) expect((await guess('203.0.113.5')).statusCode).toBe(404);
    expect((await guess('203.0.113.5')).statusCode).toBe(429);
    expect((await guess('203.0.113.6')).statusCode).toBe(404);
  });
});
