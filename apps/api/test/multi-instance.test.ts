import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { AuthSession, PresenceEntry } from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/index.js';
import { truncateAll } from '../src/db/database.js';
import { uniqueEmail } from './helpers.js';

/**
 * Two API instances — real HTTP listeners, as behind a load balancer — on one PostgreSQL, with
 * nothing shared but the environment. Runs in the PostgreSQL tier only (vitest.config.ts): PGlite
 * is one process by design (production.test.ts shows the second one refused).
 */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('multi-instance.test.ts needs DATABASE_URL (scripts/with-postgres.sh)');

const ENV = {
  JWT_SECRET: randomUUID() + randomUUID(),
  SECRETS_KEY: Buffer.alloc(32, 9).toString('base64'),
};
const AUTH_PER_MINUTE = 4;

async function instance(): Promise<{ app: FastifyInstance; base: string }> {
  const app = await buildApp({
    env: ENV,
    config: {
      database: { kind: 'postgres', url: url ?? '' },
      logger: false,
      argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
      rateLimit: { authPerMinute: AUTH_PER_MINUTE, perMinute: 10_000 },
    },
  });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, base };
}

let a: { app: FastifyInstance; base: string };
let b: { app: FastifyInstance; base: string };

beforeAll(async () => {
  a = await instance();
  b = await instance();
});
afterAll(async () => {
  await a?.app.close();
  await b?.app.close();
});
beforeEach(async () => {
  await truncateAll(a.app.services.db);
});

async function call<T = unknown>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
}
const auth = (s: AuthSession) => ({ authorization: `Bearer ${s.accessToken}` });

async function signupOn(base: string): Promise<AuthSession> {
  const account = { email: uniqueEmail('multi'), password: 'correct horse battery' };
  const res = await call(base, 'POST', '/api/auth/signup', {
    orgName: 'Two Hosts',
    name: 'Admin',
    ...account,
  });
  expect(res.status).toBe(202);
  const login = await call<AuthSession>(base, 'POST', '/api/auth/login', account);
  expect(login.status).toBe(200);
  return login.json;
}

describe('two instances on one PostgreSQL', () => {
  it('share sessions: a token from one works on the other; reuse detected across them', async () => {
    const s = await signupOn(a.base);
    expect((await call(b.base, 'GET', '/api/auth/me', undefined, auth(s))).status).toBe(200);
    const refreshed = await call<AuthSession>(b.base, 'POST', '/api/auth/refresh', {
      refreshToken: s.refreshToken,
    });
    expect(refreshed.status).toBe(200);
    // The old token again, on the other instance, after the grace window would end the family;
    // a logout on one ends the session on both.
    await call(a.base, 'POST', '/api/auth/logout', { refreshToken: refreshed.json.refreshToken });
    const after = await call<{ error: { code: string } }>(b.base, 'POST', '/api/auth/refresh', {
      refreshToken: refreshed.json.refreshToken,
    });
    expect(after.status).toBe(401);
  });

  it('share rate limits: attempts on either count against one allowance', async () => {
    const email = uniqueEmail('victim');
    const statuses: number[] = [];
    for (let i = 0; i < AUTH_PER_MINUTE; i++) {
      const target = i % 2 === 0 ? a : b;
      statuses.push(
        (await call(target.base, 'POST', '/api/auth/login', { email, password: 'guess guess' }))
          .status,
      );
    }
    expect(statuses).toEqual(statuses.map(() => 401));
    const next = await call<{ error: { code: string } }>(b.base, 'POST', '/api/auth/login', {
      email,
      password: 'guess guess',
    });
    expect(next.status).toBe(429);
    expect(next.json.error.code).toBe('rate_limited');
  });

  it('share presence: set on one, seen on the other', async () => {
    const admin = await signupOn(a.base);
    const set = await call(a.base, 'PUT', '/api/me/presence', { presence: 'away' }, auth(admin));
    expect(set.status).toBe(200);
    const seen = await call<PresenceEntry[]>(
      b.base,
      'GET',
      '/api/presence',
      undefined,
      auth(admin),
    );
    expect(seen.json.find((p) => p.agentId === admin.user.id)?.presence).toBe('away');
  });

  it('share webhook de-duplication: one event delivered to both is handled once', async () => {
    const admin = await signupOn(a.base);
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicKeyBase64 = publicKey
      .export({ format: 'der', type: 'spki' })
      .subarray(-32)
      .toString('base64');
    await call(
      a.base,
      'PATCH',
      '/api/org/settings',
      { telnyxPublicKey: publicKeyBase64 },
      auth(admin),
    );
    const logId = randomUUID();
    await call(
      a.base,
      'POST',
      '/api/call-logs',
      {
        id: logId,
        direction: 'outbound',
        from: '+15550100001',
        to: '+15550100002',
        status: 'initiated',
        startedAt: new Date().toISOString(),
      },
      auth(admin),
    );
    const body = JSON.stringify({
      data: {
        record_type: 'event',
        event_type: 'call.answered',
        id: randomUUID(),
        occurred_at: new Date().toISOString(),
        payload: { call_control_id: 'v3:multi', client_state: logId },
      },
    });
    const ts = Math.floor(Date.now() / 1000);
    const headers = {
      'telnyx-timestamp': String(ts),
      'telnyx-signature-ed25519': sign(null, Buffer.from(`${ts}|${body}`), privateKey).toString(
        'base64',
      ),
    };
    const results = await Promise.all(
      [a, b].map((i) =>
        call<{ duplicate: boolean }>(i.base, 'POST', '/api/webhooks/telnyx', body, headers),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results.map((r) => r.json.duplicate).sort()).toEqual([false, true]);
  });
});
