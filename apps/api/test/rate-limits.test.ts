import type { AuthSession } from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/index.js';
import { bearer, build, codeOf, reset, signup, uniqueEmail } from './helpers.js';

/** Limits count in the database (shared by instances: see multi-instance.test.ts). */
const PER_MINUTE = 3;
let app: FastifyInstance;

beforeAll(async () => {
  app = await build({ config: { rateLimit: { authPerMinute: PER_MINUTE, perMinute: 1200 } } });
});
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await reset(app);
});

const login = (email: string, password: string, ip: string) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: ip,
    payload: { email, password },
  });

async function agentWithPassword(admin: AuthSession, password = 'agent password 1') {
  const email = uniqueEmail('agent');
  const res = await app.inject({
    method: 'POST',
    url: '/api/agents',
    headers: bearer(admin.accessToken),
    payload: { email, name: 'Agent', password },
  });
  expect(res.statusCode, res.body).toBe(201);
  return email;
}

describe('sign-in limits', () => {
  it("junk from elsewhere cannot lock a known email out; the attacker's own source is limited", async () => {
    const email = await agentWithPassword(await signup(app));
    for (let i = 0; i < PER_MINUTE; i++)
      expect((await login(email, 'guess guess', '203.0.113.66')).statusCode).toBe(401);
    const blocked = await login(email, 'agent password 1', '203.0.113.66');
    expect(blocked.statusCode).toBe(429);
    expect(codeOf(blocked)).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The agent, from the office, signs in as usual.
    expect((await login(email, 'agent password 1', '198.51.100.7')).statusCode).toBe(200);
  });

  it('one address spraying many accounts runs out of failures', async () => {
    const budget = PER_MINUTE * 5;
    for (let i = 0; i < budget; i++)
      expect((await login(uniqueEmail('x'), 'guess guess', '203.0.113.9')).statusCode).toBe(401);
    expect((await login(uniqueEmail('x'), 'guess guess', '203.0.113.9')).statusCode).toBe(429);
    expect((await login(uniqueEmail('x'), 'guess guess', '203.0.113.10')).statusCode).toBe(401);
  });
});

describe('a sales floor behind one NAT', () => {
  it(
    '60 agents sign in at nine from one address with the default limits',
    { timeout: 300_000 },
    async () => {
      const floor = await build({ env: {}, config: { rateLimit: loadConfig({}).rateLimit } });
      try {
        await reset(floor);
        const admin = await signup(floor);
        const emails: string[] = [];
        for (let i = 0; i < 60; i++) {
          const email = uniqueEmail('floor');
          const res = await floor.inject({
            method: 'POST',
            url: '/api/agents',
            headers: bearer(admin.accessToken),
            payload: { email, name: `Agent ${i}`, password: 'agent password 1' },
          });
          expect(res.statusCode).toBe(201);
          emails.push(email);
        }
        const statuses: number[] = [];
        for (let i = 0; i < emails.length; i += 10) {
          const batch = await Promise.all(
            emails.slice(i, i + 10).map((email) =>
              floor.inject({
                method: 'POST',
                url: '/api/auth/login',
                remoteAddress: '198.51.100.1',
                payload: { email, password: 'agent password 1' },
              }),
            ),
          );
          statuses.push(...batch.map((r) => r.statusCode));
        }
        expect(statuses).toEqual(emails.map(() => 200));
      } finally {
        await floor.close();
      }
    },
  );
});

describe('per-user limits', () => {
  it('token minting is limited per user, whatever the address', async () => {
    const s = await signup(app);
    const mint = (ip: string) =>
      app.inject({
        method: 'POST',
        url: '/api/me/webrtc-token',
        remoteAddress: ip,
        headers: bearer(s.accessToken),
      });
    for (let i = 0; i < PER_MINUTE; i++)
      expect((await mint(`10.2.0.${i + 1}`)).statusCode).toBe(409);
    const blocked = await mint('10.2.0.200');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
  });

  it('refresh is limited per user, whatever the address; bad tokens per address', async () => {
    const s = await signup(app);
    let token = s.refreshToken;
    for (let i = 0; i < PER_MINUTE; i++) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/auth/refresh',
        remoteAddress: `10.3.0.${i + 1}`,
        payload: { refreshToken: token },
      });
      expect(r.statusCode).toBe(200);
      token = r.json<AuthSession>().refreshToken;
    }
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      remoteAddress: '10.3.0.99',
      payload: { refreshToken: token },
    });
    expect(r.statusCode).toBe(429);

    const bad = (ip: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/refresh',
        remoteAddress: ip,
        payload: { refreshToken: 'made up' },
      });
    for (let i = 0; i < PER_MINUTE * 5; i++) expect((await bad('10.1.1.1')).statusCode).toBe(401);
    expect((await bad('10.1.1.1')).statusCode).toBe(429);
    expect((await bad('10.1.1.2')).statusCode).toBe(401);
  });

  it('the request ceiling counts per signed-in user, not per address', async () => {
    const tight = await build({ config: { rateLimit: { authPerMinute: 100, perMinute: 5 } } });
    try {
      await reset(tight);
      const a = await signup(tight, 'A');
      const b = await signup(tight, 'B');
      const me = (s: AuthSession, ip: string) =>
        tight.inject({ url: '/api/auth/me', remoteAddress: ip, headers: bearer(s.accessToken) });
      for (let i = 0; i < 5; i++) expect((await me(a, `10.9.0.${i}`)).statusCode).toBe(200);
      const over = await me(a, '10.9.0.77');
      expect(over.statusCode).toBe(429);
      expect(codeOf(over)).toBe('rate_limited');
      // Another user on the same address is not affected.
      expect((await me(b, '10.9.0.0')).statusCode).toBe(200);
    } finally {
      await tight.close();
    }
  });
});

describe('TRUST_PROXY', () => {
  it('takes proxy addresses and CIDRs, and names a bad entry', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.0.0.0/8,::1,fd00::/8' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
    ]);
    expect(loadConfig({}).trustProxy).toEqual([]);
    for (const bad of ['proxy.internal', '10.0.0.0/33', '10.0.0.1/8/1', 'true'])
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(ConfigError);
  });

  const signupVia = (target: FastifyInstance, proxy: string, client: string) =>
    target.inject({
      method: 'POST',
      url: '/api/auth/signup',
      remoteAddress: proxy,
      headers: { 'x-forwarded-for': client },
      payload: { orgName: 'O', name: 'N', email: uniqueEmail('s'), password: 'long enough pw' },
    });

  it("behind a trusted proxy each client's own address is limited", async () => {
    const proxied = await build({
      config: { trustProxy: ['10.0.0.0/8'], rateLimit: { authPerMinute: 2, perMinute: 1200 } },
    });
    try {
      await reset(proxied);
      for (let i = 0; i < 2; i++)
        expect((await signupVia(proxied, '10.0.0.5', '203.0.113.1')).statusCode).toBe(202);
      expect((await signupVia(proxied, '10.0.0.5', '203.0.113.1')).statusCode).toBe(429);
      // Another client through the same proxy has its own allowance.
      expect((await signupVia(proxied, '10.0.0.5', '203.0.113.2')).statusCode).toBe(202);
      // X-Forwarded-For from an address that is not a trusted proxy is ignored.
      for (let i = 0; i < 2; i++)
        expect((await signupVia(proxied, '192.0.2.9', `203.0.113.${10 + i}`)).statusCode).toBe(202);
      expect((await signupVia(proxied, '192.0.2.9', '203.0.113.99')).statusCode).toBe(429);
    } finally {
      await proxied.close();
    }
  });
});
