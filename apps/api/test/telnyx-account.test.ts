import type { AuthSession, OrgSettings, WebrtcToken } from '@crokodialer/shared';
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

let s: SimApp;
let admin: AuthSession;
let agent: AuthSession;
let req: ReturnType<typeof requester>;

beforeAll(async () => {
  s = await startSimApp({ seed: { phone_numbers: [{ phone_number: OWNED }] } });
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
