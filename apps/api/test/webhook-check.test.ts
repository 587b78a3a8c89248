import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookInfo, WebhookTest } from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, build, signup } from './helpers.js';

/** "Send a test": the server calls its own public webhook address and checks who answers. */
let app: FastifyInstance;
let impostor: Server;
let impostorUrl: string;

beforeAll(async () => {
  app = await build();
  await app.listen({ host: '127.0.0.1', port: 0 });
  // Another server at the public address: answers 200, but cannot prove it is this deployment.
  impostor = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ proof: 'guess' }));
  });
  await new Promise<void>((r) => impostor.listen(0, '127.0.0.1', r));
  impostorUrl = `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await app?.close();
  impostor?.close();
});

async function testWith(
  publicUrl: string | null,
): Promise<{ info: WebhookInfo; test: WebhookTest }> {
  const other = await build({ config: { webhookPublicUrl: publicUrl } });
  try {
    const admin = await signup(other);
    const info = await other.inject({
      url: '/api/admin/webhook',
      headers: bearer(admin.accessToken),
    });
    const test = await other.inject({
      method: 'POST',
      url: '/api/admin/webhook/test',
      headers: bearer(admin.accessToken),
    });
    expect(test.statusCode).toBe(200);
    return { info: info.json<WebhookInfo>(), test: test.json<WebhookTest>() };
  } finally {
    await other.close();
  }
}

describe('POST /api/admin/webhook/test', () => {
  it('passes when the public address ends at this deployment (same secret, any instance)', async () => {
    const address = app.server.address() as AddressInfo;
    const url = `http://127.0.0.1:${address.port}`;
    // A second instance with the same JWT secret stands in for "another instance behind the proxy".
    const secret = app.services.config.jwtSecret;
    const other = await build({ config: { webhookPublicUrl: url, jwtSecret: secret } });
    try {
      const admin = await signup(other);
      const info = await other.inject({
        url: '/api/admin/webhook',
        headers: bearer(admin.accessToken),
      });
      expect(info.json<WebhookInfo>().url).toBe(`${url}/api/webhooks/telnyx`);
      const res = await other.inject({
        method: 'POST',
        url: '/api/admin/webhook/test',
        headers: bearer(admin.accessToken),
      });
      expect(res.json<WebhookTest>()).toMatchObject({ reachable: true, problem: null });
    } finally {
      await other.close();
    }
  }, 120_000);

  it('fails, saying why, when another server answers at the address', async () => {
    const { test } = await testWith(impostorUrl);
    expect(test.reachable).toBe(false);
    expect(test.problem).toMatch(/not as this server/);
  }, 120_000);

  it('fails, saying why, when nothing listens or no public address is set', async () => {
    const closed = await testWith('http://127.0.0.1:1');
    expect(closed.test).toMatchObject({ reachable: false });
    expect(closed.test.problem).toMatch(/could not be reached/);
    const unset = await testWith(null);
    expect(unset.info.url).toBeNull();
    expect(unset.test.problem).toMatch(/WEBHOOK_PUBLIC_URL/);
  }, 120_000);

  it('is for admins only', async () => {
    const admin = await signup(app);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { orgName: 'x', name: 'y', email: 'z@example.test', password: 'long enough pw' },
    });
    expect(res.statusCode).toBe(202);
    const created = await app.inject({
      method: 'POST',
      url: '/api/agents',
      headers: bearer(admin.accessToken),
      payload: { email: 'agent-w@example.test', name: 'W', password: 'agent password 1' },
    });
    expect(created.statusCode).toBe(201);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'agent-w@example.test', password: 'agent password 1' },
    });
    const agentToken = login.json<{ accessToken: string }>().accessToken;
    const denied = await app.inject({
      method: 'POST',
      url: '/api/admin/webhook/test',
      headers: bearer(agentToken),
    });
    expect(denied.statusCode).toBe(403);
  });
});
