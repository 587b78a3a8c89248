import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import {
  BUILT_IN_DISPOSITIONS,
  type AuthSession,
  type CallLog,
  type OrgSettings,
  type PhoneNumber,
  type WebrtcCredential,
  type WebrtcToken,
} from '@crokodialer/shared';
import { startSim, type Sim } from '@crokodialer/telnyx-sim';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addAgent, bearer, build, codeOf, reset, signup } from './helpers.js';

/**
 * Credential provisioning, token minting, number sync and webhook delivery against telnyx-sim,
 * through the official `telnyx` SDK (the API's real gateway) — no mock of our own in between.
 */
const SEED = {
  phone_numbers: [
    { id: '2000000000000000001', phone_number: '+15550100001' },
    { id: '2000000000000000002', phone_number: '+15550100002' },
  ],
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

let sim: Sim;
let app: FastifyInstance;
let admin: AuthSession;
let agent: AuthSession;

beforeAll(async () => {
  sim = await startSim({ seed: SEED, pingIntervalMs: 0 });
  const port = await freePort();
  app = await build({
    config: {
      telnyx: { baseUrl: sim.restUrl, maxRetries: 0 },
      webhookPublicUrl: `http://127.0.0.1:${port}`,
    },
  });
  await app.listen({ host: '127.0.0.1', port });
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});
beforeEach(async () => {
  await reset(app);
  admin = await signup(app);
  agent = await addAgent(app, admin);
});

const req = (
  s: AuthSession,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) => app.inject({ method, url, headers: bearer(s.accessToken), ...(payload ? { payload } : {}) });

async function configure(apiKey = sim.apiKey): Promise<void> {
  const res = await req(admin, 'PATCH', '/api/org/settings', {
    telnyxApiKey: apiKey,
    telnyxPublicKey: sim.webhookPublicKey,
    webrtcHost: sim.wsUrl,
  });
  expect(res.statusCode).toBe(200);
}

describe('org settings', () => {
  it('keeps the Telnyx API key write-only: never returned, never in the audit log or database plaintext', async () => {
    await configure();
    const settings = (await req(admin, 'GET', '/api/org/settings')).json<OrgSettings>();
    expect(settings).toEqual({
      telnyxApiKeySet: true,
      telnyxApiKeySetAt: expect.any(String) as unknown,
      credentialConnection: { state: 'missing' },
      outboundVoiceProfile: { state: 'missing' },
      telnyxPublicKey: sim.webhookPublicKey,
      credentialConnectionId: null,
      outboundVoiceProfileId: null,
      callControlAppId: null,
      webrtcHost: sim.wsUrl,
      dispositions: [...BUILT_IN_DISPOSITIONS],
      requireDisposition: false,
    });
    const audit = await req(admin, 'GET', '/api/audit');
    expect(audit.body).not.toContain(sim.apiKey);
    const stored = await app.services.db
      .selectFrom('org_settings')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(stored.telnyx_api_key_enc).not.toContain(sim.apiKey);
    expect(JSON.stringify(stored)).not.toContain(sim.apiKey);
    expect((await req(agent, 'GET', '/api/org/settings')).statusCode).toBe(403);
  });
});

describe('WebRTC credentials and tokens', () => {
  it('admin provisions a credential; the agent mints a login token the sim accepts', async () => {
    await configure();
    const created = await req(admin, 'POST', `/api/agents/${agent.user.id}/webrtc-credential`);
    expect(created.statusCode).toBe(201);
    const cred = created.json<WebrtcCredential>();
    expect(cred).not.toHaveProperty('sipPassword');
    const atSim = sim.accounts.credentialById(cred.telnyxCredentialId);
    expect(atSim?.sipUsername).toBe(cred.sipUsername);
    expect(atSim?.status).toBe('active');
    // The credential connection was created on first use, with our webhook URL.
    const settings = (await req(admin, 'GET', '/api/org/settings')).json<OrgSettings>();
    const connection = sim.accounts.connectionById(settings.credentialConnectionId ?? '');
    expect(connection?.webhookEventUrl).toMatch(/\/api\/webhooks\/telnyx$/);
    expect(atSim?.connectionId).toBe(connection?.id);
    // The SIP password never lands in our database.
    const row = await app.services.db
      .selectFrom('webrtc_credentials')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(atSim?.sipPassword ?? 'x');

    const minted = await req(agent, 'POST', '/api/me/webrtc-token');
    expect(minted.statusCode).toBe(200);
    const token = minted.json<WebrtcToken>();
    expect(token.host).toBe(sim.wsUrl);
    const check = sim.accounts.checkToken(token.token);
    expect(check.ok && check.credential.id).toBe(cred.telnyxCredentialId);
    const hours = (Date.parse(token.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23);
    expect(hours).toBeLessThanOrEqual(24.01);

    const twice = await req(admin, 'POST', `/api/agents/${agent.user.id}/webrtc-credential`);
    expect(codeOf(twice)).toBe('credential_exists');
  });

  it('concurrent provisioning for one agent leaves exactly one credential at Telnyx', async () => {
    await configure();
    const results = await Promise.all(
      [1, 2, 3].map(() => req(admin, 'POST', `/api/agents/${agent.user.id}/webrtc-credential`)),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    const tag = `crokodialer-agent-${agent.user.id}`;
    const active = sim.accounts.credentials
      .list({})
      .filter((c) => c.tag === tag && c.status === 'active');
    expect(active).toHaveLength(1);
    // …and one credential connection: concurrent first uses share it.
    const ours = sim.accounts.connections
      .list()
      .filter((c) => c.connectionName === `crokodialer-${admin.org.id.slice(0, 8)}`);
    expect(ours).toHaveLength(1);
    expect(active[0]!.id).toBe(
      results.find((r) => r.statusCode === 201)!.json<WebrtcCredential>().telnyxCredentialId,
    );
  });

  it('without a credential the token route says to ask an admin (409)', async () => {
    await configure();
    const res = await req(agent, 'POST', '/api/me/webrtc-token');
    expect(res.statusCode).toBe(409);
    expect(codeOf(res)).toBe('no_webrtc_credential');
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/ask an admin/);
  });

  it('rotate replaces the credential at Telnyx; revoke removes it', async () => {
    await configure();
    const first = (
      await req(admin, 'POST', `/api/agents/${agent.user.id}/webrtc-credential`)
    ).json<WebrtcCredential>();
    const rotated = await req(
      admin,
      'POST',
      `/api/agents/${agent.user.id}/webrtc-credential/rotate`,
    );
    expect(rotated.statusCode).toBe(200);
    const second = rotated.json<WebrtcCredential>();
    expect(second.telnyxCredentialId).not.toBe(first.telnyxCredentialId);
    expect(sim.accounts.credentialById(first.telnyxCredentialId)?.status).toBe('revoked');
    expect(sim.accounts.credentialById(second.telnyxCredentialId)?.status).toBe('active');

    expect(
      (await req(admin, 'DELETE', `/api/agents/${agent.user.id}/webrtc-credential`)).statusCode,
    ).toBe(204);
    expect(sim.accounts.credentialById(second.telnyxCredentialId)?.status).toBe('revoked');
    expect(codeOf(await req(agent, 'POST', '/api/me/webrtc-token'))).toBe('no_webrtc_credential');
  });

  it('deactivating an agent revokes its credential at Telnyx and its sessions', async () => {
    await configure();
    const cred = (
      await req(admin, 'POST', `/api/agents/${agent.user.id}/webrtc-credential`)
    ).json<WebrtcCredential>();
    expect(
      (await req(admin, 'PATCH', `/api/agents/${agent.user.id}`, { active: false })).statusCode,
    ).toBe(200);
    expect(sim.accounts.credentialById(cred.telnyxCredentialId)?.status).toBe('revoked');
    const refresh = await app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: agent.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
    const rows = await app.services.db.selectFrom('webrtc_credentials').selectAll().execute();
    expect(rows).toEqual([]);
  });

  it('Telnyx rate limiting (429) is a 503 with its Retry-After, and nothing half-created', async () => {
    await configure();
    const fault = await fetch(`${sim.controlUrl}/faults/rest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ throttleNext: { count: 1, retryAfterSeconds: 17 } }),
    });
    expect(fault.status).toBe(200);
    const limited = await req(admin, 'POST', `/api/agents/${agent.user.id}/webrtc-credential`);
    expect(limited.statusCode).toBe(503);
    expect(codeOf(limited)).toBe('telnyx_rate_limited');
    expect(limited.headers['retry-after']).toBe('17');
    expect(await app.services.db.selectFrom('webrtc_credentials').selectAll().execute()).toEqual(
      [],
    );
    // Once Telnyx serves again, the same request succeeds.
    const created = await req(admin, 'POST', `/api/agents/${agent.user.id}/webrtc-credential`);
    expect(created.statusCode).toBe(201);
  });

  it('Telnyx failures become stable codes and leave nothing behind', async () => {
    const notConfigured = await req(
      admin,
      'POST',
      `/api/agents/${agent.user.id}/webrtc-credential`,
    );
    expect(notConfigured.statusCode).toBe(409);
    expect(codeOf(notConfigured)).toBe('telnyx_not_configured');

    await configure('KEYwrong-wrong-wrong-wrong');
    const badKey = await req(admin, 'POST', `/api/agents/${agent.user.id}/webrtc-credential`);
    expect(badKey.statusCode).toBe(502);
    expect(codeOf(badKey)).toBe('telnyx_auth_failed');
    expect(await app.services.db.selectFrom('webrtc_credentials').selectAll().execute()).toEqual(
      [],
    );

    const down = await build({
      config: { telnyx: { baseUrl: `http://127.0.0.1:${await freePort()}/v2`, maxRetries: 0 } },
    });
    try {
      const s = await signup(down, 'Down');
      const a = await addAgent(down, s);
      await down.inject({
        method: 'PATCH',
        url: '/api/org/settings',
        headers: bearer(s.accessToken),
        payload: { telnyxApiKey: sim.apiKey },
      });
      const res = await down.inject({
        method: 'POST',
        url: `/api/agents/${a.user.id}/webrtc-credential`,
        headers: bearer(s.accessToken),
      });
      expect(res.statusCode).toBe(502);
      expect(codeOf(res)).toBe('telnyx_unreachable');
      expect(await down.services.db.selectFrom('webrtc_credentials').selectAll().execute()).toEqual(
        [],
      );
    } finally {
      await down.close();
    }
  });
});

describe('phone numbers', () => {
  it('syncs from Telnyx, routes inbound to an agent and allows them as caller IDs', async () => {
    await configure();
    const synced = await req(admin, 'POST', '/api/phone-numbers/sync');
    expect(synced.statusCode).toBe(200);
    const numbers = synced.json<PhoneNumber[]>();
    expect(numbers.map((n) => n.phoneNumber)).toEqual(['+15550100001', '+15550100002']);
    const first = numbers[0]!;
    const routed = await req(admin, 'PATCH', `/api/phone-numbers/${first.id}`, {
      inboundAgentId: agent.user.id,
    });
    expect(routed.json<PhoneNumber>().inboundAgentId).toBe(agent.user.id);
    const callerIds = await req(admin, 'PATCH', `/api/agents/${agent.user.id}`, {
      callerIds: ['+15550100002'],
    });
    expect(callerIds.statusCode).toBe(200);
    const unknown = await req(admin, 'PATCH', `/api/agents/${agent.user.id}`, {
      callerIds: ['+15559999999'],
    });
    expect(codeOf(unknown)).toBe('unknown_caller_id');
    const listed = (await req(agent, 'GET', '/api/phone-numbers')).json<PhoneNumber[]>();
    expect(listed.find((n) => n.phoneNumber === '+15550100002')?.callerIdAgentIds).toEqual([
      agent.user.id,
    ]);
    // A re-sync keeps routing.
    const again = (await req(admin, 'POST', '/api/phone-numbers/sync')).json<PhoneNumber[]>();
    expect(again.find((n) => n.id === first.id)?.inboundAgentId).toBe(agent.user.id);
  });
});

describe('webhooks from the sim', () => {
  it('signed deliveries from telnyx-sim reconcile the call log by client_state', async () => {
    await configure();
    await req(admin, 'POST', `/api/agents/${agent.user.id}/webrtc-credential`);
    const settings = (await req(admin, 'GET', '/api/org/settings')).json<OrgSettings>();
    const id = randomUUID();
    await req(agent, 'POST', '/api/call-logs', {
      id,
      direction: 'outbound',
      from: '+15550100001',
      to: '+15550100099',
      status: 'ringing',
      startedAt: new Date().toISOString(),
    });
    const base = {
      call_control_id: 'v3:sim-call-1',
      call_session_id: 'sess-1',
      connection_id: settings.credentialConnectionId,
      client_state: Buffer.from(id).toString('base64'),
      from: '+15550100001',
      to: '+15550100099',
    };
    sim.webhooks.emit(settings.credentialConnectionId!, 'call.answered', {
      ...base,
      state: 'answered',
    });
    sim.webhooks.emit(settings.credentialConnectionId!, 'call.hangup', {
      ...base,
      state: 'hangup',
      hangup_cause: 'normal_clearing',
      hangup_source: 'callee',
    });
    await sim.webhooks.drain();
    const attempts = sim.webhooks.attempts();
    expect(attempts.map((a) => a.status)).toEqual([200, 200]);
    const log = (await req(agent, 'GET', `/api/call-logs/${id}`)).json<CallLog>();
    expect(log).toMatchObject({
      status: 'completed',
      hangupCause: 'normal_clearing',
      telnyxCallControlId: 'v3:sim-call-1',
      telnyxCallSessionId: 'sess-1',
    });
    expect(log.answeredAt).not.toBeNull();
    expect(log.endedAt).not.toBeNull();
  });
  it("deliveries the org's public key does not verify are refused (401)", async () => {
    await configure();
    await req(admin, 'POST', `/api/agents/${agent.user.id}/webrtc-credential`);
    // The org now trusts another key than the one the sim signs with.
    const otherKey = Buffer.alloc(32, 9).toString('base64');
    await req(admin, 'PATCH', '/api/org/settings', { telnyxPublicKey: otherKey });
    const settings = (await req(admin, 'GET', '/api/org/settings')).json<OrgSettings>();
    const id = randomUUID();
    await req(agent, 'POST', '/api/call-logs', {
      id,
      direction: 'outbound',
      from: '+15550100001',
      to: '+15550100099',
      status: 'ringing',
      startedAt: new Date().toISOString(),
    });
    const before = sim.webhooks.attempts().length;
    sim.webhooks.emit(settings.credentialConnectionId!, 'call.hangup', {
      connection_id: settings.credentialConnectionId,
      client_state: id,
      hangup_cause: 'user_busy',
    });
    const deadline = Date.now() + 5000;
    while (sim.webhooks.attempts().length === before && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(sim.webhooks.attempts().slice(before)[0]?.status).toBe(401);
    expect((await req(agent, 'GET', `/api/call-logs/${id}`)).json<CallLog>().status).toBe(
      'ringing',
    );
  });
});
