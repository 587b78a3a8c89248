import type { Agent, AuditEntry, AuthSession, CallLogPage, PhoneNumber } from '@crokodialer/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addAgent, reset, signup } from './helpers.js';
import { configureOrg, requester, startSimApp, type SimApp } from './sim-app.js';

/**
 * Deactivating an agent completes whatever Telnyx does: routing to them stops, their sessions end
 * and the deactivation is audited at once; deleting their Telnyx credential is queued in the
 * database and retried until Telnyx confirms, and the admin sees where it stands.
 */
const NUMBER = '+15550100001';

let s: SimApp;
let req: ReturnType<typeof requester>;
let admin: AuthSession;
let agent: AuthSession;

beforeAll(async () => {
  s = await startSimApp({ seed: { phone_numbers: [{ phone_number: NUMBER }] } });
  req = requester(s.app);
}, 120_000);
afterAll(async () => {
  await s?.app.close();
  await s?.sim.close();
});
beforeEach(async () => {
  await reset(s.app);
  admin = await signup(s.app);
  agent = await addAgent(s.app, admin, 'Ann');
  await configureOrg(s.app, s.sim, admin);
}, 60_000);

async function credentialId(): Promise<string> {
  const res = await req(admin, 'POST', `/api/agents/${agent.user.id}/webrtc-credential`);
  expect(res.statusCode).toBe(201);
  return res.json<{ telnyxCredentialId: string }>().telnyxCredentialId;
}

const agentView = async () =>
  (await req(admin, 'GET', `/api/agents/${agent.user.id}`)).json<Agent>();

async function failNextTelnyxRequest(): Promise<void> {
  const res = await fetch(`${s.sim.controlUrl}/faults/rest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ throttleNext: { count: 1, retryAfterSeconds: 1 } }),
  });
  expect(res.status).toBe(200);
}

describe('deactivating an agent', { timeout: 90_000 }, () => {
  it('stops routing, ends sessions and audits at once; retries the revocation until Telnyx confirms', async () => {
    const telnyxId = await credentialId();
    const number = (await req(admin, 'POST', '/api/phone-numbers/sync')).json<PhoneNumber[]>()[0]!;
    await req(admin, 'PATCH', `/api/phone-numbers/${number.id}`, { inboundAgentId: agent.user.id });
    expect((await agentView()).webrtcCredentialState).toBe('active');

    await failNextTelnyxRequest();
    const res = await req(admin, 'DELETE', `/api/agents/${agent.user.id}`);
    expect(res.statusCode).toBe(204);

    const view = await agentView();
    expect(view).toMatchObject({
      active: false,
      hasWebrtcCredential: false,
      webrtcCredentialState: 'revocation-pending',
    });
    expect(view.webrtcCredentialError).toMatch(/rate limiting/);
    expect(s.sim.accounts.credentialById(telnyxId)?.status).toBe('active');
    const refresh = await s.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: agent.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
    const audit = (await req(admin, 'GET', '/api/audit')).json<{ items: AuditEntry[] }>();
    expect(audit.items.map((e) => e.action)).toContain('agent.deactivated');

    // A call to the agent's number no longer rings them: routing skips the inactive agent.
    const call = await fetch(`${s.sim.controlUrl}/pstn/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+15557001234', to: NUMBER }),
    });
    expect(call.status).toBe(201);
    const deadline = Date.now() + 15_000;
    let page: CallLogPage = { items: [], nextCursor: null };
    while (page.items.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      page = (await req(admin, 'GET', '/api/call-logs?direction=inbound')).json<CallLogPage>();
    }
    expect(page.items[0]?.route?.attempts).toEqual([
      { agentId: agent.user.id, outcome: 'skipped', reason: 'inactive' },
    ]);

    // Not yet due: the worker leaves it alone; once due, it deletes the credential at Telnyx.
    expect(await s.app.services.revocations.runDue(new Date())).toBe(0);
    const later = new Date(Date.now() + 10 * 60_000);
    expect(await s.app.services.revocations.runDue(later)).toBe(1);
    expect(s.sim.accounts.credentialById(telnyxId)?.status).toBe('revoked');
    expect(await agentView()).toMatchObject({
      webrtcCredentialState: 'revoked',
      webrtcCredentialError: null,
    });
  });

  it('reports a 404 from Telnyx as a failed revocation, not as done', async () => {
    const telnyxId = await credentialId();
    // Gone at Telnyx already (deleted in the portal, or another account's key): unconfirmed.
    s.sim.accounts.credentials.revoke(telnyxId);
    expect(
      (await req(admin, 'PATCH', `/api/agents/${agent.user.id}`, { active: false })).statusCode,
    ).toBe(200);
    const view = await agentView();
    expect(view.webrtcCredentialState).toBe('revocation-failed');
    expect(view.webrtcCredentialError).toMatch(/404/);
    // Failed is final: the worker does not retry it forever.
    expect(await s.app.services.revocations.runDue(new Date(Date.now() + 86_400_000))).toBe(0);
  });
});
