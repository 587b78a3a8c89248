import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AudioDevices, MediaDevicesPort } from './audio-devices.js';
import { SDK_CODES } from './connection-state.js';
import type { CallLogEvent } from './ports.js';
import { TelephonyEngine } from './telephony-engine.js';
import { createTelephonyStore, liveCalls } from './telephony.store.js';
import { FakeClientFactory, FakeRtcCall } from './testing/fake-rtc.js';
import { credentialMaterial, ScriptedLogin } from './testing/fake-ports.js';

const AGENT = '+15559870000';
const LEAD = '+15551230000';

function setup(devices?: AudioDevices) {
  const factory = new FakeClientFactory();
  const store = createTelephonyStore();
  const logs: CallLogEvent[] = [];
  let deviceList = devices ?? { inputs: [], outputs: [] };
  const deviceListeners = new Set<() => void>();
  const media: MediaDevicesPort = {
    enumerate: () => Promise.resolve(deviceList),
    onChange: (l) => {
      deviceListeners.add(l);
      return () => deviceListeners.delete(l);
    },
  };
  let n = 0;
  const engine = new TelephonyEngine({
    factory,
    login: new ScriptedLogin([() => credentialMaterial()]),
    sink: { report: (e) => logs.push(e) },
    store,
    media,
    calls: { agentNumber: AGENT },
    // Deterministic call-log ids.
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  });
  const start = async () => {
    engine.start();
    await vi.advanceTimersByTimeAsync(0);
    factory.last.becomeReady();
  };
  const call = (id: string) => store.getState().calls[id];
  const unplug = async (next: AudioDevices) => {
    deviceList = next;
    for (const l of deviceListeners) l();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { engine, factory, store, logs, start, call, unplug };
}

/** The SDK call the engine placed for `callId`: the test plays the gateway's part on it. */
function placed(factory: FakeClientFactory, callId: string): FakeRtcCall {
  const call = factory.last.placed.find((c) => c.id === callId);
  if (!call) throw new Error(`no placed call ${callId}`);
  return call;
}

beforeEach(() => vi.useFakeTimers({ now: 1_700_000_000_000 }));
afterEach(() => vi.useRealTimers());

describe('outbound calls', () => {
  it('dials with E.164, caller ID and the call-log id as base64 clientState; logs every step', async () => {
    const { engine, factory, logs, start, call } = setup();
    await start();
    const result = engine.dial({ destination: LEAD, callerNumber: AGENT, callerName: 'Ann' });
    if (!result.ok) throw new Error(result.message);
    const request = factory.last.outbound[0]!;
    expect(request).toMatchObject({ destination: LEAD, callerNumber: AGENT, callerName: 'Ann' });
    expect(atob(request.clientState)).toBe(result.logId);
    expect(call(result.callId)?.phase).toBe('dialing');
    const sdkCall = placed(factory, result.callId);
    sdkCall.update({ state: 'trying' });
    sdkCall.update({ state: 'early' });
    expect(call(result.callId)?.phase).toBe('ringing-out');
    vi.advanceTimersByTime(3_000);
    sdkCall.update({ state: 'active', telnyxCallControlId: 'v3:abc' });
    vi.advanceTimersByTime(65_000);
    sdkCall.update({ state: 'hangup', cause: 'NORMAL_CLEARING', causeCode: 16, sipCode: 200 });
    sdkCall.update({ state: 'destroy' });
    expect(logs.map((l) => l.status)).toEqual(['initiated', 'ringing', 'connected', 'completed']);
    const last = logs.at(-1)!;
    expect(last).toMatchObject({
      id: result.logId,
      direction: 'outbound',
      from: AGENT,
      to: LEAD,
      durationSeconds: 65,
      telnyxCallControlId: 'v3:abc',
      hangupCause: 'NORMAL_CLEARING',
    });
    expect(call(result.callId)).toMatchObject({ phase: 'ended', status: 'completed' });
  });

  it.each([
    ['busy', { cause: 'USER_BUSY', causeCode: 17, sipCode: 486 }],
    ['no-answer', { cause: 'NO_ANSWER', causeCode: 19, sipCode: 480 }],
    ['rejected', { cause: 'CALL_REJECTED', causeCode: 21, sipCode: 603 }],
  ] as const)('a far end that answers %s ends the call with that status', async (status, bye) => {
    const { engine, factory, logs, start } = setup();
    await start();
    const result = engine.dial({ destination: LEAD, callerNumber: AGENT });
    if (!result.ok) throw new Error(result.message);
    const sdkCall = placed(factory, result.callId);
    sdkCall.update({ state: 'trying' });
    sdkCall.update({ state: 'hangup', ...bye });
    expect(logs.at(-1)?.status).toBe(status);
  });

  it('cancel while ringing → cancelled', async () => {
    const { engine, factory, logs, start } = setup();
    await start();
    const result = engine.dial({ destination: LEAD, callerNumber: AGENT });
    if (!result.ok) throw new Error(result.message);
    placed(factory, result.callId).update({ state: 'trying' });
    await engine.hangup(result.callId);
    expect(logs.at(-1)?.status).toBe('cancelled');
  });

  it.each([
    [{ destination: '5', callerNumber: AGENT }, /country code/],
    [{ destination: '+1 415 555', callerNumber: AGENT }, /country code/],
    [{ destination: 'sip:nobody', callerNumber: AGENT }, /sip: address/],
    [{ destination: 'alice', callerNumber: AGENT }, /country code/],
    [{ destination: LEAD, callerNumber: 'agent1' }, /caller ID/],
  ])('refuses bad input with a message, never a throw: %j', async (request, message) => {
    const { engine, start, factory } = setup();
    await start();
    const result = engine.dial(request);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
    expect(factory.last.outbound).toHaveLength(0);
  });

  it('refuses to dial while not registered', () => {
    const { engine } = setup();
    const result = engine.dial({ destination: LEAD, callerNumber: AGENT });
    expect(!result.ok && result.message).toMatch(/Not connected/);
  });
});

describe('inbound calls', () => {
  it('rings with caller id, answers, hangs up → completed, logged inbound to our number', async () => {
    const { engine, factory, logs, start, call } = setup();
    await start();
    const ring = factory.last.ring('in-1', '+15550001111', 'user1');
    expect(call('in-1')).toMatchObject({
      phase: 'incoming',
      remoteNumber: '+15550001111',
      waiting: false,
    });
    await engine.answer('in-1');
    ring.update({ state: 'active' });
    expect(call('in-1')?.phase).toBe('active');
    await engine.hangup('in-1');
    expect(logs.at(-1)).toMatchObject({
      direction: 'inbound',
      from: '+15550001111',
      to: AGENT,
      status: 'completed',
    });
  });

  it('logs calls from withheld and SIP callers instead of dropping them', async () => {
    const { factory, logs, start } = setup();
    await start();
    const withheld = factory.last.ring('in-1', '', AGENT);
    withheld.update({ state: 'hangup', cause: 'ORIGINATOR_CANCEL', causeCode: 487, sipCode: 487 });
    expect(logs.filter((l) => l.direction === 'inbound').at(-1)).toMatchObject({
      from: 'anonymous',
      to: AGENT,
      status: 'missed',
    });
    const sipUser = factory.last.ring('in-2', 'sip:alice@pbx.example.com', AGENT);
    sipUser.update({ state: 'hangup', cause: 'ORIGINATOR_CANCEL', causeCode: 487, sipCode: 487 });
    expect(logs.at(-1)).toMatchObject({ from: 'sip:alice@pbx.example.com', status: 'missed' });
    const odd = factory.last.ring('in-3', ' Alice <555> ', AGENT);
    odd.update({ state: 'hangup', cause: 'ORIGINATOR_CANCEL', causeCode: 487, sipCode: 487 });
    expect(logs.at(-1)).toMatchObject({ from: 'Alice555', status: 'missed' });
  });

  it('decline → rejected; caller gives up → missed', async () => {
    const { engine, factory, logs, start } = setup();
    await start();
    factory.last.ring('in-1', '+15550001111', AGENT);
    await engine.decline('in-1');
    expect(logs.at(-1)?.status).toBe('rejected');
    const ring = factory.last.ring('in-2', '+15550002222', AGENT);
    ring.update({ state: 'hangup', cause: 'ORIGINATOR_CANCEL', causeCode: 487, sipCode: 487 });
    expect(logs.at(-1)).toMatchObject({ status: 'missed', from: '+15550002222' });
  });

  it('do-not-disturb declines politely', async () => {
    const { engine, factory, logs, start } = setup();
    await start();
    engine.setDoNotDisturb(true);
    const ring = factory.last.ring('in-1', '+15550001111', AGENT);
    await vi.advanceTimersByTimeAsync(0);
    expect(ring.hungUp).toBe(1);
    expect(ring.snap.cause).toBe('USER_BUSY');
    expect(logs.at(-1)?.status).toBe('rejected');
  });

  it('call waiting: hold the current call and answer the second', async () => {
    const { engine, factory, start, call, store } = setup();
    await start();
    const first = factory.last.ring('in-1', '+15550001111', AGENT);
    await engine.answer('in-1');
    first.update({ state: 'active' });
    factory.last.ring('in-2', '+15550002222', AGENT);
    expect(call('in-2')).toMatchObject({ phase: 'incoming', waiting: true });
    await engine.answer('in-2');
    expect(call('in-1')).toMatchObject({ phase: 'active', held: true });
    expect(liveCalls(store.getState()).map((c) => c.id)).toEqual(['in-1', 'in-2']);
  });
});

describe('in call', () => {
  async function connected() {
    const ctx = setup({
      inputs: [{ deviceId: 'usb-mic', label: 'USB' }],
      outputs: [{ deviceId: 'usb-spk', label: 'USB' }],
    });
    await ctx.start();
    const sdkCall = ctx.factory.last.ring('in-1', '+15550001111', AGENT);
    await ctx.engine.answer('in-1');
    sdkCall.update({ state: 'active' });
    return { ...ctx, sdkCall };
  }

  it('mute, hold/resume and DTMF reach the call; bad digits are refused', async () => {
    const { engine, sdkCall, call } = await connected();
    expect(engine.setMuted('in-1', true)).toEqual({ ok: true });
    expect(call('in-1')).toMatchObject({ muted: true });
    await engine.hold('in-1');
    expect(call('in-1')).toMatchObject({ held: true });
    await engine.resume('in-1');
    expect(call('in-1')).toMatchObject({ held: false });
    expect(engine.sendDtmf('in-1', '12#*')).toEqual({ ok: true });
    expect(engine.sendDtmf('in-1', '1x')).toMatchObject({ ok: false });
    expect(sdkCall.dtmfSent).toBe('12#*');
  });

  it('switches devices, and falls back to the default when the chosen one disappears', async () => {
    const { engine, sdkCall, unplug, call } = await connected();
    await engine.selectInputDevice('usb-mic');
    await engine.selectOutputDevice('usb-spk');
    expect([sdkCall.inputDevice, sdkCall.outputDevice]).toEqual(['usb-mic', 'usb-spk']);
    await unplug({ inputs: [], outputs: [] });
    expect([sdkCall.inputDevice, sdkCall.outputDevice]).toEqual(['default', 'default']);
    expect(call('in-1')?.phase).toBe('active');
  });

  it('a reattached call (same id, now "inbound") is the same call', async () => {
    const { engine, factory, logs, start, call } = setup();
    await start();
    const result = engine.dial({ destination: LEAD, callerNumber: AGENT });
    if (!result.ok) throw new Error(result.message);
    const sdkCall = placed(factory, result.callId);
    sdkCall.update({ state: 'active' });
    sdkCall.update({ state: 'recovering', cause: 'NORMAL_CLEARING', causeCode: 16 });
    expect(call(result.callId)).toMatchObject({ phase: 'active', recovering: true });
    // The SDK builds a new Call with the same id and direction inbound (wire/reconnect.txt).
    const recovered = new FakeRtcCall(factory.last, {
      id: result.callId,
      direction: 'inbound',
      remoteNumber: '+15550009999',
      localNumber: LEAD,
    });
    recovered.update({ state: 'active' });
    expect(call(result.callId)).toMatchObject({
      phase: 'active',
      recovering: false,
      direction: 'outbound',
    });
    expect(Object.keys(engine.store.getState().calls)).toHaveLength(1);
    expect(logs.every((l) => l.direction === 'outbound' && l.id === result.logId)).toBe(true);
    expect(logs.at(-1)?.status).toBe('connected');
  });

  it('SESSION_NOT_REATTACHED ends the call in the UI and the log, with a reason', async () => {
    const { engine, factory, logs, start, call } = setup();
    await start();
    const result = engine.dial({ destination: LEAD, callerNumber: AGENT });
    if (!result.ok) throw new Error(result.message);
    placed(factory, result.callId).update({ state: 'active' });
    factory.last.error(SDK_CODES.sessionNotReattached, 'SESSION_NOT_REATTACHED', result.callId);
    expect(call(result.callId)).toMatchObject({ phase: 'ended', status: 'completed' });
    const view = call(result.callId);
    expect(view?.phase === 'ended' && view.reason).toMatch(/lost while reconnecting/);
    expect(logs.at(-1)).toMatchObject({
      hangupCause: 'SESSION_NOT_REATTACHED',
      status: 'completed',
    });
  });
});
