// The real SDK through the sim's faults: a socket dropped mid-call is reattached with
// media resuming; a gateway refusing connections is rejoined; punt; forgotten calls; newest session
// rings; early media and remote hang-up from the dial plan.
import { describe, expect, it } from 'vitest';
import { useBrowserSuite } from './helpers/browser-suite.js';
import { control, newCredential, simCall, simState, waitFor } from './helpers/sim-fixture.js';

// Server pings on (docs/telnyx-protocol.md#ping): the SDK must keep answering them through every
// fault.
const suite = useBrowserSuite({ pingIntervalMs: 1000 });

describe('reconnects and faults with the real SDK', { timeout: 60_000 }, () => {
  it('reattaches a call after the socket is dropped, and media resumes', async () => {
    const { agent } = await suite.readyAgent();
    const id = await agent.newCall({ destinationNumber: '+15551230000' });
    await agent.waitCallState(id, 'active');
    await waitFor('media before the drop', async () => (await agent.inboundAudio(id)).packets > 10);
    const mark = await agent.eventCount();

    const dropped = await control<{ dropped: number }>(suite.sim, '/faults/drop-sockets', {});
    expect(dropped.body.dropped).toBeGreaterThan(0);
    await agent.waitEvent('socket close', (e) => e.type === 'socket.close', 10_000, mark);
    await agent.waitCallState(id, 'recovering', 15_000, mark);
    await agent.waitCallState(id, 'active', 15_000, mark);

    const before = (await simCall(suite.sim, id))!.rtp.packetsIn;
    // The recovered call has a new RTCPeerConnection; its inbound RTP proves the new leg carries audio.
    await waitFor(
      'browser audio on the new leg',
      async () => (await agent.inboundAudio(id)).packets > 10,
    );
    await waitFor(
      'sim hears the browser again',
      async () => ((await simCall(suite.sim, id))?.rtp.packetsIn ?? 0) > before + 10,
    );
    expect((await simCall(suite.sim, id))?.state).toBe('active');
  });

  it('reattaches an answered inbound call after a drop, keeping its id and audio', async () => {
    const { agent, cred } = await suite.readyAgent();
    const { body } = await control<{ callId: string }>(suite.sim, '/calls/inbound', {
      credentialId: cred.id,
      callerName: 'Bob',
      media: 'echo',
    });
    await agent.waitCallState(body.callId, 'ringing');
    await agent.call('answer', body.callId);
    await agent.waitCallState(body.callId, 'active');
    const mark = await agent.eventCount();
    await control(suite.sim, '/faults/drop-sockets', {});
    await agent.waitCallState(body.callId, 'recovering', 15_000, mark);
    await agent.waitCallState(body.callId, 'active', 15_000, mark);
    // Echo mode: the browser hears its own microphone back; the sim's offers are PCMU only.
    const audio = await waitFor('audio on the recovered leg', async () => {
      const a = await agent.inboundAudio(body.callId);
      return a.packets > 10 && a;
    });
    expect(audio.codec).toBe('audio/PCMU');
    expect((await simCall(suite.sim, body.callId))?.state).toBe('active');
  });

  it('forgets calls on reconnect when told to: the SDK reports SESSION_NOT_REATTACHED', async () => {
    const { agent } = await suite.readyAgent();
    const id = await agent.newCall({ destinationNumber: '+15551230000' });
    await agent.waitCallState(id, 'active');
    const mark = await agent.eventCount();
    await control(suite.sim, '/faults/forget-calls', { enabled: true });
    await control(suite.sim, '/faults/drop-sockets', {});
    const error = await agent.waitEvent('48501', (e) => e.type === 'error', 15_000, mark);
    expect(error).toMatchObject({ code: 48501, name: 'SESSION_NOT_REATTACHED' });
    await agent.waitReady(15_000, mark);
    expect((await simCall(suite.sim, id))?.state).toBe('ended');
  });

  it('registers again after the gateway refused connections for a while', async () => {
    const { agent, cred } = await suite.readyAgent();
    const mark = await agent.eventCount();
    await control(suite.sim, '/faults/refuse-connections', { seconds: 2 });
    await control(suite.sim, '/faults/drop-sockets', {});
    await agent.waitEvent('a refused reconnect', (e) => e.code === 45002, 10_000, mark);
    await agent.waitReady(20_000, mark);
    const state = await simState(suite.sim);
    expect(state.registrations.map((r) => r.credentialId)).toContain(cred.id);
  });

  it('punts a session: the SDK closes its socket and does not come back by itself', async () => {
    const { agent, cred } = await suite.readyAgent();
    const mark = await agent.eventCount();
    const punted = await control<{ punted: string[] }>(suite.sim, '/faults/punt', {
      credentialId: cred.id,
    });
    expect(punted.body.punted).toHaveLength(1);
    await agent.waitEvent('socket close', (e) => e.type === 'socket.close', 10_000, mark);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await agent.connected()).toBe(false);
    expect((await agent.events()).slice(mark).some((e) => e.type === 'ready')).toBe(false);
  });

  it('reports GATEWAY_FAILED when the gateway state is FAILED', async () => {
    await control(suite.sim, '/faults/gateway-state', { state: 'FAILED' });
    const cred = newCredential(suite.sim);
    const agent = await suite.agent();
    await agent.connect({
      host: suite.sim.wsUrl,
      login: cred.sipUsername,
      password: cred.sipPassword,
    });
    const error = await agent.waitEvent('gateway error', (e) => e.type === 'error');
    expect(error).toMatchObject({ code: 45004, name: 'GATEWAY_FAILED' });
    expect((await agent.events()).some((e) => e.type === 'ready')).toBe(false);
  });

  it('gets a ping request back from the SDK for the server pings', async () => {
    const { cred } = await suite.readyAgent();
    const pings = await waitFor(
      'the SDK answering server pings',
      async () => {
        const state = await simState(suite.sim);
        const session = state.sessions.find((s) => s.credentialId === cred.id);
        return session && session.clientPings >= 2 && session.clientPings;
      },
      10_000,
    );
    expect(pings).toBeGreaterThanOrEqual(2);
  });

  it('rings only the newest session of a credential', async () => {
    const { agent: older, cred } = await suite.readyAgent();
    const newer = await suite.agent();
    await newer.connect({
      host: suite.sim.wsUrl,
      login: cred.sipUsername,
      password: cred.sipPassword,
    });
    await newer.waitReady();
    const { body } = await control<{ callId: string }>(suite.sim, '/calls/inbound', {
      credentialId: cred.id,
    });
    await newer.waitCallState(body.callId, 'ringing');
    expect((await older.events()).some((e) => e.id === body.callId)).toBe(false);
  });

  it('rings the agent a phone number routes to', async () => {
    const { agent } = await suite.readyAgent();
    const { status, body } = await control<{ callId: string }>(suite.sim, '/calls/inbound', {
      number: '+15557770100',
    });
    expect(status).toBe(201);
    await agent.waitCallState(body.callId, 'ringing');
  });
});

describe('dial plan timing with the real SDK', { timeout: 60_000 }, () => {
  it('plays early media, then answers', async () => {
    const { agent } = await suite.readyAgent();
    const id = await agent.newCall({ destinationNumber: '+15551230183' });
    await agent.waitCallState(id, 'early');
    await waitFor('early media audio', async () => (await agent.inboundAudio(id)).packets > 5);
    await agent.waitCallState(id, 'active');
  });

  it('answers, then the remote side hangs up', async () => {
    const { agent } = await suite.readyAgent();
    const id = await agent.newCall({ destinationNumber: '+15551230016' });
    await agent.waitCallState(id, 'active');
    const hangup = await agent.waitCallState(id, 'hangup', 10_000);
    expect(hangup).toMatchObject({ cause: 'NORMAL_CLEARING', causeCode: 16 });
    expect((await simCall(suite.sim, id))?.hangup?.source).toBe('callee');
  });
});
