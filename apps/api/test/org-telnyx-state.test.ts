import type { AuthSession, OrgSettings } from '@crokodialer/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addAgent, codeOf, reset, signup } from './helpers.js';
import { requester, startSimApp, type SimApp } from './sim-app.js';

/** What the console shows for write-only and Telnyx-side settings: when, and in what state. */
let s: SimApp;
let admin: AuthSession;
let req: ReturnType<typeof requester>;

beforeAll(async () => {
  s = await startSimApp();
  req = requester(s.app);
}, 120_000);
afterAll(async () => {
  await s?.app.close();
  await s?.sim.close();
});
beforeEach(async () => {
  await reset(s.app);
  admin = await signup(s.app);
});

const settings = async () => (await req(admin, 'GET', '/api/org/settings')).json<OrgSettings>();

describe('org settings: Telnyx state', () => {
  it('says when the API key was set; other changes keep that time; removing the key clears it', async () => {
    expect(await settings()).toMatchObject({ telnyxApiKeySet: false, telnyxApiKeySetAt: null });
    const before = Date.now();
    await req(admin, 'PATCH', '/api/org/settings', { telnyxApiKey: 'KEYnot-accepted-by-telnyx' });
    const first = await settings();
    expect(first.telnyxApiKeySet).toBe(true);
    expect(Date.parse(first.telnyxApiKeySetAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    await req(admin, 'PATCH', '/api/org/settings', {
      dispositions: ['sale', 'no-sale'],
      requireDisposition: true,
    });
    expect(await settings()).toMatchObject({
      telnyxApiKeySetAt: first.telnyxApiKeySetAt,
      dispositions: ['sale', 'no-sale'],
      requireDisposition: true,
    });
    await req(admin, 'PATCH', '/api/org/settings', { telnyxApiKey: null });
    expect(await settings()).toMatchObject({ telnyxApiKeySet: false, telnyxApiKeySetAt: null });
  });

  it('missing until provisioned; a refused key is an error with Telnyx’s reason; a good key provisions', async () => {
    expect(await settings()).toMatchObject({
      credentialConnection: { state: 'missing' },
      outboundVoiceProfile: { state: 'missing' },
    });
    const noKey = await req(admin, 'POST', '/api/org/telnyx/provision');
    expect(codeOf(noKey)).toBe('telnyx_not_configured');

    await req(admin, 'PATCH', '/api/org/settings', { telnyxApiKey: 'KEYnot-accepted-by-telnyx' });
    const refused = await req(admin, 'POST', '/api/org/telnyx/provision');
    expect(codeOf(refused)).toBe('telnyx_auth_failed');
    const failed = await settings();
    expect(failed.credentialConnection).toMatchObject({
      state: 'error',
      code: 'telnyx_auth_failed',
      problem: expect.stringMatching(/key/i) as unknown,
    });
    expect(failed.outboundVoiceProfile.state).toBe('error');

    await req(admin, 'PATCH', '/api/org/settings', { telnyxApiKey: s.sim.apiKey });
    // The failure was about the old key.
    expect((await settings()).credentialConnection).toEqual({ state: 'missing' });
    const done = await req(admin, 'POST', '/api/org/telnyx/provision');
    expect(done.statusCode).toBe(200);
    const ok = done.json<OrgSettings>();
    expect(ok.credentialConnection).toEqual({ state: 'provisioned' });
    expect(ok.outboundVoiceProfile).toEqual({ state: 'provisioned' });
    expect(s.sim.accounts.connectionById(ok.credentialConnectionId ?? '')).toBeTruthy();
  });

  it('only admins provision', async () => {
    const agent = await addAgent(s.app, admin);
    expect((await req(agent, 'POST', '/api/org/telnyx/provision')).statusCode).toBe(403);
  });
});
