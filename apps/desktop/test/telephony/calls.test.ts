// Calls through the real engine, real SDK and real Chromium against telnyx-sim.
// Run inside the loopback-only namespace (README.md in this folder).
import type { Sim } from '@crokodialer/telnyx-sim';
import { launchChromium } from '@crokodialer/telnyx-sim/testing';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AGENT_NUMBER,
  control,
  EngineAgent,
  newCredential,
  simCall,
  serveHarness,
  startE2eSim,
  waitFor,
  type Credential,
} from './harness/e2e-harness.js';

let sim: Sim;
let server: Awaited<ReturnType<typeof serveHarness>>;
let browser: Browser;
let agent: EngineAgent;
let cred: Credential;

beforeAll(async () => {
  [sim, server, browser] = await Promise.all([startE2eSim(), serveHarness(), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await Promise.all([browser?.close(), server?.close(), sim?.close()]);
});

beforeEach(async () => {
  await control(sim, '/faults/reset', {});
  cred = newCredential(sim);
  agent = await EngineAgent.open(browser, server.url, () => ({
    kind: 'credentials',
    login: cred.sipUsername,
    password: cred.sipPassword,
    host: sim.wsUrl,
  }));
  await agent.start();
  await agent.waitConnection('registered');
}, 30_000);

afterEach(async (ctx) => {
  await agent.close(ctx.task.result?.state === 'fail', ctx.task.name);
});

async function dial(destination: string): Promise<{ callId: string; logId: string }> {
  const result = await agent.run((d: string) => window.T.dial(d, '+15559870000'), destination);
  if (!result.ok) throw new Error(result.message);
  return result;
}

async function ringIn(from = '+15550001111'): Promise<string> {
  const before = Object.keys((await agent.snapshot()).calls);
  await control(sim, '/calls/inbound', { credentialId: cred.id, from, media: 'tone' });
  const s = await agent.waitCall('an incoming call', (snap) =>
    Object.values(snap.calls).some((c) => c.phase === 'incoming' && !before.includes(c.id)),
  );
  const call = Object.values(s.calls).find((c) => c.phase === 'incoming' && !before.includes(c.id));
  return call!.id;
}

const phaseOf = async (id: string) => (await agent.snapshot()).calls[id]?.phase;

describe('outbound', () => {
  it('connects with audio both ways, clientState carries the call-log id, logs each step', async () => {
    const { callId, logId } = await dial('+15551230000');
    await agent.waitCall('active', (s) => s.calls[callId]?.phase === 'active');
    const media = await waitFor('audio from the far end', async () => {
      const m = await agent.media(callId);
      return m && m.packetsReceived > 20 && m.audioLevel > 0 ? m : undefined;
    });
    expect(media.bytesSent).toBeGreaterThan(0);
    const onSim = await waitFor('browser audio at the sim', async () => {
      const c = await simCall(sim, callId);
      return c && c.rtp.packetsIn > 20 ? c : undefined;
    });
    expect(atob(onSim.clientState ?? '')).toBe(logId);
    // Call quality from the SDK's peer stats: measured, and good on loopback.
    const withQuality = await agent.waitCall('call quality', (snap) => {
      const c = snap.calls[callId];
      return c?.phase === 'active' && c.quality !== undefined;
    });
    const view = withQuality.calls[callId];
    expect(view?.phase === 'active' && view.quality).toMatchObject({ poor: false });
    await agent.run((id: string) => window.T.hangup(id), callId);
    const s = await agent.waitCall('ended', (snap) => snap.calls[callId]?.phase === 'ended');
    expect(s.calls[callId]).toMatchObject({ status: 'completed' });
    const logs = s.logs.filter((l) => l.id === logId);
    expect(logs.map((l) => l.status)).toEqual(['initiated', 'connected', 'completed']);
    expect(logs.at(-1)).toMatchObject({
      direction: 'outbound',
      from: AGENT_NUMBER,
      to: '+15551230000',
      hangupCause: 'NORMAL_CLEARING',
    });
    expect(logs.at(-1)?.telnyxCallControlId).toBeTruthy();
  });

  it.each([
    ['+15551230486', 'busy'],
    ['+15551230408', 'no-answer'],
    ['+15551230603', 'rejected'],
    ['+15551230016', 'completed'],
  ])('%s ends as %s', async (destination, status) => {
    const { callId, logId } = await dial(destination);
    const s = await agent.waitCall(
      `${status}`,
      (snap) => snap.calls[callId]?.phase === 'ended',
      8_000,
    );
    expect(s.calls[callId]).toMatchObject({ status });
    expect(s.logs.filter((l) => l.id === logId).at(-1)?.status).toBe(status);
  });

  it('cancel while ringing', async () => {
    // 0408 rings for a while without answering.
    const { callId } = await dial('+15551230408');
    await waitFor('the sim sees the call', () => simCall(sim, callId));
    await agent.run((id: string) => window.T.hangup(id), callId);
    const s = await agent.waitCall('ended', (snap) => snap.calls[callId]?.phase === 'ended');
    expect(s.calls[callId]).toMatchObject({ status: 'cancelled' });
  });
});

describe('dialling policy', () => {
  it.each([
    ['911', 'US', '911'],
    ['112', 'DE', '112'],
    ['411', 'US', '411'],
    ['sip:alice@pbx.example.com', 'US', 'sip:alice@pbx.example.com'],
  ])('%s typed in %s reaches the gateway as %s, and connects', async (input, region, wire) => {
    const result = await agent.run(
      ([i, r]: [string, string]) => window.T.dialInput(i, r, '+15559870000'),
      [input, region] as [string, string],
    );
    if (!result.ok) throw new Error(result.message);
    await agent.waitCall('connected', (s) => s.calls[result.callId]?.phase === 'active');
    expect((await simCall(sim, result.callId))?.to).toBe(wire);
    await agent.run((id: string) => window.T.hangup(id), result.callId);
  });
});

describe('inbound', () => {
  it('rings with caller id, answers with audio, remote hangup → completed', async () => {
    const id = await ringIn('+15550004444');
    expect((await agent.snapshot()).calls[id]).toMatchObject({ remoteNumber: '+15550004444' });
    await agent.run((i: string) => window.T.answer(i), id);
    await agent.waitCall('active', (s) => s.calls[id]?.phase === 'active');
    await waitFor('tone from the caller', async () => {
      const m = await agent.media(id);
      return m && m.audioLevel > 0 ? m : undefined;
    });
    await control(sim, `/calls/${id}/hangup`, { cause: 'NORMAL_CLEARING' });
    const s = await agent.waitCall('ended', (snap) => snap.calls[id]?.phase === 'ended');
    expect(s.calls[id]).toMatchObject({ status: 'completed' });
    expect(s.logs.at(-1)).toMatchObject({
      direction: 'inbound',
      from: '+15550004444',
      status: 'completed',
    });
  });

  it('decline → rejected at the sim and in the log', async () => {
    const id = await ringIn();
    await agent.run((i: string) => window.T.hangup(i), id);
    const s = await agent.waitCall('ended', (snap) => snap.calls[id]?.phase === 'ended');
    expect(s.calls[id]).toMatchObject({ status: 'rejected' });
    const onSim = await waitFor('sim hangup', async () => (await simCall(sim, id))?.hangup);
    expect(onSim.cause).toBe('USER_BUSY');
  });

  it('do-not-disturb declines as busy without ringing the agent', async () => {
    await agent.run(() => window.T.setDoNotDisturb(true));
    await control(sim, '/calls/inbound', { credentialId: cred.id });
    const s = await agent.waitCall('declined', (snap) =>
      Object.values(snap.calls).some((c) => c.phase === 'ended'),
    );
    expect(Object.values(s.calls)[0]).toMatchObject({ status: 'rejected' });
  });

  it('call waiting: hold the current call and answer the second; hold and resume', async () => {
    const first = await ringIn('+15550001111');
    await agent.run((i: string) => window.T.answer(i), first);
    await agent.waitCall('first active', (s) => s.calls[first]?.phase === 'active');
    const second = await ringIn('+15550002222');
    expect((await agent.snapshot()).calls[second]).toMatchObject({
      phase: 'incoming',
      waiting: true,
    });
    await agent.run((i: string) => window.T.answer(i), second);
    const s = await agent.waitCall('second active, first held', (snap) => {
      const a = snap.calls[first];
      const b = snap.calls[second];
      return a?.phase === 'active' && a.held && b?.phase === 'active' && !b.held;
    });
    expect(Object.values(s.calls).filter((c) => c.phase === 'active')).toHaveLength(2);
    await agent.run((i: string) => window.T.resume(i), first);
    await agent.waitCall('first resumed, second held', (snap) => {
      const a = snap.calls[first];
      const b = snap.calls[second];
      return a?.phase === 'active' && !a.held && b?.phase === 'active' && b.held;
    });
    expect(await phaseOf(second)).toBe('active');
  });
});

describe('in call', () => {
  it('DTMF reaches the sim; mute is reflected', async () => {
    const { callId } = await dial('+15551230000');
    await agent.waitCall('active', (s) => s.calls[callId]?.phase === 'active');
    expect(await agent.run((id: string) => window.T.dtmf(id, '12#'), callId)).toEqual({ ok: true });
    await waitFor('digits at the sim', async () => (await simCall(sim, callId))?.dtmf === '12#');
    await agent.run((id: string) => window.T.setMuted(id, true), callId);
    expect((await agent.snapshot()).calls[callId]).toMatchObject({ muted: true });
  });

  it('switches the microphone mid-call and falls back to the default when it disappears', async () => {
    const { callId } = await dial('+15551230000');
    await agent.waitCall('active', (s) => s.calls[callId]?.phase === 'active');
    const devices = await waitFor('devices listed', async () => {
      const d = await agent.run(() => window.T.devices());
      return d.inputs.length > 1 ? d : undefined;
    });
    const other = devices.inputs.find((id) => id !== 'default')!;
    await agent.run((id: string) => window.T.selectInputDevice(id), other);
    await waitFor('the call uses the chosen microphone', async () => {
      return (await agent.run((id: string) => window.T.callInputDevice(id), callId)) === other;
    });
    await agent.run((id: string) => window.T.unplug(id), other);
    await waitFor('back on the default microphone', async () => {
      const now = await agent.run((id: string) => window.T.callInputDevice(id), callId);
      return now !== undefined && now !== other;
    });
    const before = (await simCall(sim, callId))?.rtp.packetsIn ?? 0;
    await waitFor('the sim still hears us', async () => {
      return ((await simCall(sim, callId))?.rtp.packetsIn ?? 0) > before + 25;
    });
    expect(await phaseOf(callId)).toBe('active');
  });
});
