import { buildApp, type TelnyxGateway } from '@crokodialer/api';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/** Telnyx is the one boundary we cannot reach: a fake gateway that mints JWT-shaped login tokens. */
export const fakeTelnyx: TelnyxGateway = {
  createOutboundProfile: () => Promise.resolve({ id: `ovp-${randomUUID()}` }),
  createCredentialConnection: () => Promise.resolve({ id: `conn-${randomUUID()}` }),
  updateCredentialConnection: () => Promise.resolve(),
  createCallControlApp: () => Promise.resolve({ id: `app-${randomUUID()}` }),
  updateCallControlApp: () => Promise.resolve(),
  assignNumber: () => Promise.resolve(),
  createCredential: () =>
    Promise.resolve({ id: `cred-${randomUUID()}`, sipUsername: `gencred${Date.now()}` }),
  deleteCredential: () => Promise.resolve(),
  createToken: () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const exp = Math.floor(Date.now() / 1000) + 86_400;
    return Promise.resolve(`${b64({ alg: 'none' })}.${b64({ exp, jti: randomUUID() })}.sig`);
  },
  listPhoneNumbers: () => Promise.resolve([]),
  // Calls are routed by the API's Call Control tests against telnyx-sim; the desktop suites dial
  // agents directly, so these are never reached here.
  dial: () => Promise.reject(new Error('fake Telnyx: no Call Control')),
  answer: () => Promise.reject(new Error('fake Telnyx: no Call Control')),
  bridge: () => Promise.reject(new Error('fake Telnyx: no Call Control')),
  speak: () => Promise.reject(new Error('fake Telnyx: no Call Control')),
  hangup: () => Promise.reject(new Error('fake Telnyx: no Call Control')),
};

export const WEBRTC_HOST = 'ws://127.0.0.1:14999';

/** The real companion API (Fastify, PGlite in memory, or a data dir) listening on 127.0.0.1. */
export async function startRealApi(options: { dataDir?: string | null; port?: number } = {}) {
  const app = await buildApp({
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    config: {
      database: { kind: 'pglite', dataDir: options.dataDir ?? null },
      logger: false,
      argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
      rateLimit: { authPerMinute: 10_000 },
      telnyx: { webrtcHost: WEBRTC_HOST },
    },
    telnyx: fakeTelnyx,
  });
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { app, url, close: () => app.close() };
}

export interface TestAccount {
  email: string;
  password: string;
  accessToken: string;
  userId: string;
}

async function post(url: string, body: unknown, token?: string, method = 'POST') {
  const res = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Signs up a fresh org whose admin has a WebRTC credential (so webrtc-token works). */
export async function createAccount(apiUrl: string): Promise<TestAccount> {
  const email = `agent-${randomUUID()}@example.com`;
  const password = `pw-${randomUUID()}`;
  await post(`${apiUrl}/api/auth/signup`, {
    orgName: 'Test Org',
    name: 'Test Agent',
    email,
    password,
  });
  const session = (await post(`${apiUrl}/api/auth/login`, { email, password })) as {
    accessToken: string;
    user: { id: string };
  };
  const token = session.accessToken;
  await post(`${apiUrl}/api/org/settings`, { telnyxApiKey: 'KEY_test_0123456789' }, token, 'PATCH');
  await post(`${apiUrl}/api/agents/${session.user.id}/webrtc-credential`, {}, token);
  return { email, password, accessToken: token, userId: session.user.id };
}

/** Call logs as the API stores them (for exactly-once assertions). */
export async function listCallLogs(apiUrl: string, token: string) {
  const res = await fetch(`${apiUrl}/api/call-logs?limit=200`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`list call logs: ${res.status}`);
  return ((await res.json()) as { items: { id: string; status: string }[] }).items;
}
