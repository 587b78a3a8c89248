// The real @telnyx/webrtc 2.27.10 in headless Chromium against the sim: login, calls with audio
// both ways, inbound, hold, DTMF and dial-plan causes.
import { describe, expect, it } from 'vitest';
import { useBrowserSuite } from './helpers/browser-suite.js';
import { control, newCredential, simCall, waitFor } from './helpers/sim-fixture.js';

const suite = useBrowserSuite();

describe('login through the real SDK', { timeout: 60_000 }, () => {
  it('logs in by SIP password and registers', async () => {
    const { cred } = await suite.readyAgent();
    const state = (
      await control<{ registrations: { credentialId: string }[] }>(suite.sim, '/state')
    ).body;
    expect(state.registrations.map((r) => r.credentialId)).toContain(cred.id);
  });

  it('logs in by a JWT minted for the credential', async () => {
    const cred = newCredential(suite.sim);
    const token = await suite.sim.accounts.issueToken(cred.id);
    if (!token.ok) throw new Error('no token');
    const agent = await suite.agent();
    await agent.connect({ host: suite.sim.wsUrl, token: token.value });
    await agent.waitReady();
    const { body } = await control<{ sessions: { credentialId: string; loginKind: string }[] }>(
      suite.sim,
      '/state',
    );
    expect(body.sessions).toContainEqual(
      expect.objectContaining({ credentialId: cred.id, loginKind: 'token' }),
    );
  });

  it('reports LOGIN_FAILED for a bad password and never becomes ready', async () => {
    const cred = newCredential(suite.sim);
    const agent = await suite.agent();
    await agent.connect({ host: suite.sim.wsUrl, login: cred.sipUsername, password: 'wrong-pw' });
    const error = await agent.waitEvent('login error', (e) => e.type === 'error');
    expect(error).toMatchObject({ code: 46001, name: 'LOGIN_FAILED' });
    await new Promise((r) => setTimeout(r, 500));
    expect((await agent.events()).some((e) => e.type === 'ready')).toBe(false);
  });

  it('rejects a revoked token', async () => {
    const cred = newCredential(suite.sim);
    const token = await suite.sim.accounts.issueToken(cred.id);
    if (!token.ok) throw new Error('no token');
    expect(
      (await control(suite.sim, '/faults/revoke-tokens', { credentialId: cred.id })).status,
    ).toBe(200);
    const agent = await suite.agent();
    await agent.connect({ host: suite.sim.wsUrl, token: token.value });
    const error = await agent.waitEvent('login error', (e) => e.type === 'error');
    expect(error).toMatchObject({ code: 46001 });
  });
});

describe('calls through the real SDK', { timeout: 60_000 }, () => {
  it('places an outbound call with audio both ways and the same ids on both sides', async () => {
    const { agent } = await suite.readyAgent();
    const id = await agent.newCall({
      destinationNumber: '+15551230000',
      callerNumber: '+15559870000',
      clientState: 'bGVhZC00Mg==',
    });
    const active = await agent.waitCallState(id, 'active');
    const browserAudio = await waitFor('browser inbound RTP', async () => {
      const a = await agent.inboundAudio(id);
      return a.packets > 10 && a;
    });
    expect(browserAudio.bytes).toBeGreaterThan(0);
    expect(browserAudio.codec).toBe('audio/PCMU');
    const simSide = await waitFor('sim RTP both ways', async () => {
      const c = await simCall(suite.sim, id);
      return c && c.rtp.packetsIn > 10 && c.rtp.packetsOut > 10 && c;
    });
    expect(simSide).toMatchObject({
      state: 'active',
      direction: 'outbound',
      clientState: 'bGVhZC00Mg==',
      callControlId: active.callControlId,
    });
    expect(active.callControlId).toMatch(/^v3:/);

    await agent.call('hangup', id);
    await agent.waitCallState(id, 'destroy');
    const ended = await waitFor('sim call ended', async () => {
      const c = await simCall(suite.sim, id);
      return c?.state === 'ended' && c;
    });
    expect(ended.hangup).toMatchObject({
      cause: 'NORMAL_CLEARING',
      causeCode: 16,
      source: 'caller',
    });
  });

  it('rings an inbound call, the agent answers, audio flows, the remote side hangs up', async () => {
    const { agent, cred } = await suite.readyAgent();
    const rung = await control<{ callId: string }>(suite.sim, '/calls/inbound', {
      credentialId: cred.id,
      from: '+15550001111',
      callerName: 'Alice',
      customHeaders: { 'X-Lead-Id': '42' },
    });
    expect(rung.status).toBe(201);
    const { callId } = rung.body;
    const ringing = await agent.waitCallState(callId, 'ringing');
    expect(ringing).toMatchObject({
      direction: 'inbound',
      remoteCallerName: 'Alice',
      remoteCallerNumber: '+15550001111',
      customHeaders: [{ name: 'X-Lead-Id', value: '42' }],
    });
    await agent.call('answer', callId);
    await agent.waitCallState(callId, 'active');
    await waitFor(
      'browser hears the tone',
      async () => (await agent.inboundAudio(callId)).packets > 10,
    );
    await waitFor(
      'sim hears the mic',
      async () => ((await simCall(suite.sim, callId))?.rtp.packetsIn ?? 0) > 10,
    );

    expect((await control(suite.sim, `/calls/${callId}/hangup`, {})).status).toBe(200);
    const hangup = await agent.waitCallState(callId, 'hangup');
    expect(hangup).toMatchObject({ cause: 'NORMAL_CLEARING', causeCode: 16, sipCode: 200 });
  });

  it('an inbound call the agent declines ends with USER_BUSY from the callee', async () => {
    const { agent, cred } = await suite.readyAgent();
    const { body } = await control<{ callId: string }>(suite.sim, '/calls/inbound', {
      sipUsername: cred.sipUsername,
    });
    await agent.waitCallState(body.callId, 'ringing');
    await agent.call('hangup', body.callId);
    const ended = await waitFor('declined on the sim', async () => {
      const c = await simCall(suite.sim, body.callId);
      return c?.state === 'ended' && c;
    });
    expect(ended.hangup).toMatchObject({ cause: 'USER_BUSY', causeCode: 17, source: 'callee' });
  });

  it('holds and unholds, and DTMF digits reach the sim', async () => {
    const { agent } = await suite.readyAgent();
    const id = await agent.newCall({ destinationNumber: '+15551230000' });
    await agent.waitCallState(id, 'active');
    await agent.call('hold', id);
    await agent.waitCallState(id, 'held');
    expect((await simCall(suite.sim, id))?.state).toBe('held');
    // The far end is on hold: the sim's tone pauses (README "Media").
    await new Promise((r) => setTimeout(r, 200));
    const heldOut = (await simCall(suite.sim, id))!.rtp.packetsOut;
    await new Promise((r) => setTimeout(r, 500));
    expect((await simCall(suite.sim, id))!.rtp.packetsOut).toBe(heldOut);
    const mark = await agent.eventCount();
    await agent.call('unhold', id);
    await agent.waitCallState(id, 'active', 10_000, mark);
    expect((await simCall(suite.sim, id))?.state).toBe('active');
    await waitFor(
      'tone resumes',
      async () => ((await simCall(suite.sim, id))?.rtp.packetsOut ?? 0) > heldOut + 10,
    );

    for (const digit of ['1', '2', '#']) await agent.dtmf(id, digit);
    await waitFor('DTMF recorded', async () => (await simCall(suite.sim, id))?.dtmf === '12#');
  });

  it.each([
    ['+15551230486', { cause: 'USER_BUSY', causeCode: 17, sipCode: 486 }],
    ['+15551230408', { cause: 'NO_ANSWER', causeCode: 19, sipCode: 408 }],
    ['+15551230603', { cause: 'CALL_REJECTED', causeCode: 21, sipCode: 603 }],
  ])('dialling %s ends the call with %o at the SDK', async (destination, expected) => {
    const { agent } = await suite.readyAgent();
    const id = await agent.newCall({ destinationNumber: destination });
    const hangup = await agent.waitCallState(id, 'hangup');
    expect(hangup).toMatchObject(expected);
  });

  it('connects a trickle-ICE call to an echo destination (Opus) with audio both ways', async () => {
    const { agent } = await suite.readyAgent();
    const id = await agent.newCall({ destinationNumber: '+15551230001', trickleIce: true });
    await agent.waitCallState(id, 'active');
    await waitFor(
      'echoed audio in the browser',
      async () => (await agent.inboundAudio(id)).packets > 10,
    );
    const c = await waitFor('sim echoes', async () => {
      const call = await simCall(suite.sim, id);
      return call && call.rtp.packetsIn > 10 && call.rtp.packetsOut > 10 && call;
    });
    expect(c.state).toBe('active');
  });

  it('stops sending audio on a call when the stop-media fault hits it', async () => {
    const { agent } = await suite.readyAgent();
    const id = await agent.newCall({ destinationNumber: '+15551230000' });
    await agent.waitCallState(id, 'active');
    await waitFor('audio first', async () => (await agent.inboundAudio(id)).packets > 10);
    expect((await control(suite.sim, `/calls/${id}/stop-media`, {})).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    const simBefore = (await simCall(suite.sim, id))!.rtp.packetsOut;
    const browserBefore = (await agent.inboundAudio(id)).packets;
    await new Promise((r) => setTimeout(r, 1000));
    expect((await simCall(suite.sim, id))!.rtp.packetsOut).toBe(simBefore);
    // A packet or two may still be in flight when the first count was taken.
    expect((await agent.inboundAudio(id)).packets - browserBefore).toBeLessThan(5);
    // The browser's microphone still reaches the sim: only the sim's side stopped.
    const inBefore = (await simCall(suite.sim, id))!.rtp.packetsIn;
    await waitFor(
      'mic still flows',
      async () => (await simCall(suite.sim, id))!.rtp.packetsIn > inBefore,
    );
  });
});
