import type {
  Agent,
  AuthSession,
  OrgSettings,
  PhoneNumber,
  WebrtcCredential,
  WebrtcToken,
} from '@crokodialer/shared';
import { VertoAgent } from '@crokodialer/telnyx-sim/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addAgent, reset, signup } from './helpers.js';
import { configureOrg, requester, startSimApp, type SimApp } from './sim-app.js';

/**
 * What a fresh Telnyx account needs before an agent can call out, provisioned by the API and
 * enforced by telnyx-sim as Telnyx enforces it (SIP 403 D38 without an outbound voice profile,
 * D51 for a caller ID the account does not own).
 */
const OWNED = '+15550100001';
const BUSY_DESTINATION = '+15551230486';
const SECOND_KEY = 'KEYsecond-key-of-the-account-0001';

let s: SimApp;
let admin: AuthSession;
let agent: AuthSession;
let req: ReturnType<typeof requester>;

beforeAll(async () => {
  s = await startSimApp({
    seed: { phone_numbers: [{ phone_number: OWNED }] },
    extraApiKeys: [SECOND_KEY],
  });
  req = requester(s.app);
}, 120_000);
afterAll(async () => {
  await s?.app.close();
  await s?.sim.close();
});
beforeEach(async () => {
  await reset(s.app);
  admin = await signup(s.app);
  agent = await addAgent(s.app, admin);
  await configureOrg(s.app, s.sim, admin);
});

async function agentPhone(): Promise<VertoAgent> {
  const cred = await req(admin, 'POST', `/api/agents/${agent.user.id}/webrtc-credential`);
  expect(cred.statusCode).toBe(201);
  const token = (await req(agent, 'POST', '/api/me/webrtc-token')).json<WebrtcToken>();
  return VertoAgent.connect(s.sim.wsUrl, { token: token.token });
}

async function outcome(phone: VertoAgent, callerId: string) {
  return phone.waitBye(await phone.dial(BUSY_DESTINATION, callerId));
}

describe('outbound on a fresh account', { timeout: 60_000 }, () => {
  it('provisions an outbound voice profile on the connection, so the call is not refused', async () => {
    const phone = await agentPhone();
    try {
      const settings = (await req(admin, 'GET', '/api/org/settings')).json<OrgSettings>();
      expect(settings.outboundVoiceProfileId).not.toBeNull();
      const connection = s.sim.accounts.connections.get(settings.credentialConnectionId ?? '');
      expect(connection?.outbound.outbound_voice_profile_id).toBe(settings.outboundVoiceProfileId);
      expect(connection?.sipUriCallingPreference).toBe('internal');
      const app = s.sim.accounts.applications.get(settings.callControlAppId ?? '');
      expect(app?.webhookEventUrl).toBe(`http://127.0.0.1:${s.port}/api/webhooks/telnyx`);
      expect(app?.outboundVoiceProfileId).toBe(settings.outboundVoiceProfileId);

      // The destination answers busy: Telnyx let the call out.
      expect(await outcome(phone, OWNED)).toMatchObject({ sipCode: 486 });
      // A caller ID the account does not own is refused by Telnyx …
      const foreign = await outcome(phone, '+15550109999');
      expect(foreign).toMatchObject({ sipCode: 403 });
      expect(String(foreign.sipReason)).toContain('D51');
    } finally {
      await phone.close();
    }
    // … and by the API, which only lets an admin give an agent the org's own numbers.
    await req(admin, 'POST', '/api/phone-numbers/sync');
    const foreignId = await req(admin, 'PATCH', `/api/agents/${agent.user.id}`, {
      callerIds: ['+15550109999'],
    });
    expect(foreignId.statusCode).toBe(400);
    const ownId = await req(admin, 'PATCH', `/api/agents/${agent.user.id}`, { callerIds: [OWNED] });
    expect(ownId.statusCode).toBe(200);
  });

  it('gives a connection made before outbound profiles existed one on next use', async () => {
    // An org whose connection predates the profile: exactly what a real account refuses (D38).
    const bare = s.sim.accounts.connections.create({
      connectionName: 'legacy',
      userName: `legacy${Date.now()}`,
      password: 'legacy-password',
    });
    if (!bare.ok) throw new Error('connection');
    await s.app.services.db
      .updateTable('org_settings')
      .set({ credential_connection_id: bare.value.id })
      .where('org_id', '=', admin.org.id)
      .execute();
    const phone = await agentPhone();
    try {
      expect(s.sim.accounts.outboundProfileOf(bare.value.id)).toBeDefined();
      expect(await outcome(phone, OWNED)).toMatchObject({ sipCode: 486 });
    } finally {
      await phone.close();
    }
  });
});

describe('changing what lives at Telnyx', { timeout: 90_000 }, () => {
  it('a new API key re-provisions the org and revokes the old credentials with the old key', async () => {
    const old = (
      await req(admin, 'POST', `/api/agents/${agent.user.id}/webrtc-credential`)
    ).json<WebrtcCredential>();
    const before = (await req(admin, 'GET', '/api/org/settings')).json<OrgSettings>();
    const number = (await req(admin, 'POST', '/api/phone-numbers/sync')).json<PhoneNumber[]>()[0]!;
    await req(admin, 'PATCH', `/api/phone-numbers/${number.id}`, { inboundAgentId: agent.user.id });

    const res = await req(admin, 'PATCH', '/api/org/settings', { telnyxApiKey: SECOND_KEY });
    expect(res.statusCode).toBe(200);
    const after = res.json<OrgSettings>();
    expect(after.credentialConnectionId).not.toBe(before.credentialConnectionId);
    expect(after.callControlAppId).not.toBe(before.callControlAppId);
    expect(after.outboundVoiceProfileId).not.toBe(before.outboundVoiceProfileId);
    expect(s.sim.accounts.credentialById(old.telnyxCredentialId)?.status).toBe('revoked');

    const fresh = (
      await req(admin, 'GET', `/api/agents/${agent.user.id}/webrtc-credential`)
    ).json<WebrtcCredential>();
    expect(fresh.telnyxCredentialId).not.toBe(old.telnyxCredentialId);
    expect(s.sim.accounts.credentialById(fresh.telnyxCredentialId)?.connectionId).toBe(
      after.credentialConnectionId,
    );
    expect(s.sim.accounts.phoneNumbers.byNumber(OWNED)?.connectionId).toBe(after.callControlAppId);
    // The agent's phone works on the new account.
    const token = (await req(agent, 'POST', '/api/me/webrtc-token')).json<WebrtcToken>();
    const phone = await VertoAgent.connect(s.sim.wsUrl, { token: token.token });
    try {
      expect(await outcome(phone, OWNED)).toMatchObject({ sipCode: 486 });
    } finally {
      await phone.close();
    }
  });

  it('a 404 on revoking an old credential is reported on the agent, not taken as done', async () => {
    const old = (
      await req(admin, 'POST', `/api/agents/${agent.user.id}/webrtc-credential`)
    ).json<WebrtcCredential>();
    s.sim.accounts.credentials.revoke(old.telnyxCredentialId);
    expect(
      (await req(admin, 'PATCH', '/api/org/settings', { telnyxApiKey: SECOND_KEY })).statusCode,
    ).toBe(200);
    const view = (await req(admin, 'GET', `/api/agents/${agent.user.id}`)).json<Agent>();
    expect(view).toMatchObject({
      hasWebrtcCredential: true,
      webrtcCredentialState: 'revocation-failed',
    });
    expect(view.webrtcCredentialError).toMatch(/404/);
  });

  it('a changed webhook URL is pushed to the connection and the application', async () => {
    await req(admin, 'POST', `/api/agents/${agent.user.id}/webrtc-credential`);
    const settings = (await req(admin, 'GET', '/api/org/settings')).json<OrgSettings>();
    // The API restarted behind a new public URL (the config is what WEBHOOK_PUBLIC_URL sets).
    const previous = s.app.services.config.webhookPublicUrl;
    s.app.services.config.webhookPublicUrl = 'https://dialer.example.test';
    try {
      expect(await s.app.services.orgSettings.reconcileWebhookUrls()).toEqual([admin.org.id]);
      const url = 'https://dialer.example.test/api/webhooks/telnyx';
      expect(
        s.sim.accounts.connections.get(settings.credentialConnectionId!)?.webhookEventUrl,
      ).toBe(url);
      expect(s.sim.accounts.applications.get(settings.callControlAppId!)?.webhookEventUrl).toBe(
        url,
      );
    } finally {
      s.app.services.config.webhookPublicUrl = previous;
    }
  });
});
