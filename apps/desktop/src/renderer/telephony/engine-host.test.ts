import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostPort } from './ports.js';
import { TelephonyEngine } from './telephony-engine.js';
import { createTelephonyStore } from './telephony.store.js';
import { FakeClientFactory } from './testing/fake-rtc.js';
import { credentialMaterial, ScriptedLogin } from './testing/fake-ports.js';

beforeEach(() => vi.useFakeTimers({ now: 1_700_000_000_000 }));
afterEach(() => vi.useRealTimers());

function recordingHost() {
  const seen: string[] = [];
  const host: HostPort = {
    registrationChanged: (status) => seen.push(`registration:${status}`),
    callActiveChanged: (active) => seen.push(`active:${String(active)}`),
    incomingCall: (call) => seen.push(`incoming:${call.callId}:${call.from}`),
  };
  return { host, seen };
}

describe('TelephonyEngine → main (tray, keep-awake, notifications)', () => {
  it('reports registration changes, live calls and each inbound ring once', async () => {
    const factory = new FakeClientFactory();
    const { host, seen } = recordingHost();
    const engine = new TelephonyEngine({
      factory,
      login: new ScriptedLogin([() => credentialMaterial()]),
      sink: { report: () => undefined },
      store: createTelephonyStore(),
      calls: { agentNumber: '+15559870000' },
      host,
    });
    engine.start();
    await vi.advanceTimersByTimeAsync(0);
    factory.last.becomeReady();
    expect(seen).toEqual([
      'registration:offline',
      'registration:connecting',
      'registration:registered',
    ]);

    seen.length = 0;
    const ring = factory.last.ring('in-1', '+15550001111', '+15559870000');
    ring.update({ state: 'ringing' });
    await engine.answer('in-1');
    ring.update({ state: 'active' });
    await engine.hangup('in-1');
    expect(seen.filter((s) => s.startsWith('incoming:'))).toHaveLength(1);
    expect(seen).toContain('active:true');
    expect(seen).toContain('incoming:in-1:+15550001111');
    expect(seen.at(-1)).toBe('active:false');

    seen.length = 0;
    await engine.stop();
    expect(seen).toEqual(['registration:offline', 'active:false']);
  });
});
