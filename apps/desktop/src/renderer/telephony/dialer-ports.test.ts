import type { DialerApi, LoginMaterial } from '@crokodialer/shared';
import { describe, expect, it } from 'vitest';
import { dialerPorts } from './dialer-ports.js';
import type { CallLogEvent } from './ports.js';

type Handler = (payload: { online: boolean; at: string }) => void;

function fakeDialer(enqueueFails = false) {
  const enqueued: CallLogEvent[] = [];
  const resume = new Set<() => void>();
  const network = new Set<Handler>();
  const material: LoginMaterial = {
    kind: 'credentials',
    login: 'agent1',
    password: 'pw-secret',
    host: 'ws://127.0.0.1:9',
  };
  const appCalls: string[] = [];
  const dialer = {
    app: {
      setRegistrationState: (s: string) => {
        appCalls.push(`registration:${s}`);
        return Promise.resolve();
      },
      setCallActive: (a: boolean) => {
        appCalls.push(`active:${String(a)}`);
        return Promise.resolve();
      },
      notifyIncomingCall: (c: { callId: string; from: string }) => {
        appCalls.push(`incoming:${c.callId}:${c.from}`);
        return Promise.reject(new Error('notifications off'));
      },
    },
    session: { getLoginMaterial: () => Promise.resolve(material) },
    callLogs: {
      enqueue: (e: CallLogEvent) => {
        enqueued.push(e);
        return enqueueFails
          ? Promise.reject(new Error('disk full'))
          : Promise.resolve({ pending: 1, capacity: 10 });
      },
    },
    system: {
      onResume: (l: () => void) => {
        resume.add(l);
        return () => resume.delete(l);
      },
      onNetworkChange: (l: Handler) => {
        network.add(l);
        return () => network.delete(l);
      },
    },
  } as unknown as DialerApi;
  return { dialer, enqueued, resume, network, material, appCalls };
}

function fakeWindow() {
  const listeners = new Map<string, Set<() => void>>();
  return {
    listeners,
    addEventListener: (type: string, fn: () => void) => {
      const set = listeners.get(type) ?? new Set();
      set.add(fn);
      listeners.set(type, set);
    },
    removeEventListener: (type: string, fn: () => void) => listeners.get(type)?.delete(fn),
    fire: (type: string) => listeners.get(type)?.forEach((fn) => fn()),
    count: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

describe('dialerPorts', () => {
  it('hands over login material and enqueues call-log events', async () => {
    const f = fakeDialer();
    const ports = dialerPorts(f.dialer, fakeWindow());
    await expect(ports.login.get()).resolves.toEqual(f.material);
    const event = { id: 'x' } as unknown as CallLogEvent;
    ports.sink.report(event);
    expect(f.enqueued).toEqual([event]);
  });

  it('never throws when the outbox fails, and says so without details', async () => {
    const f = fakeDialer(true);
    const messages: string[] = [];
    const ports = dialerPorts(f.dialer, fakeWindow(), (m) => messages.push(m));
    expect(() => ports.sink.report({ id: 'x' } as unknown as CallLogEvent)).not.toThrow();
    await new Promise((r) => setTimeout(r, 0));
    expect(messages).toEqual(['call-log enqueue failed: Error']);
  });

  it('merges resume, network and focus signals and unsubscribes all of them', () => {
    const f = fakeDialer();
    const win = fakeWindow();
    const { signals } = dialerPorts(f.dialer, win);
    const seen: string[] = [];
    const subs = [
      signals.onResume(() => seen.push('resume')),
      signals.onNetworkChange((online) => seen.push(`net:${online}`)),
      signals.onFocusChange((focused) => seen.push(`focus:${focused}`)),
    ];
    f.resume.forEach((l) => l());
    f.network.forEach((l) => l({ online: false, at: 'now' }));
    win.fire('online');
    win.fire('blur');
    win.fire('focus');
    expect(seen).toEqual(['resume', 'net:false', 'net:true', 'focus:false', 'focus:true']);
    subs.forEach((u) => u());
    expect(win.count()).toBe(0);
    expect(f.resume.size + f.network.size).toBe(0);
  });

  it('tells main the registration state, live calls and inbound rings; a failure is a diagnostic', async () => {
    const f = fakeDialer();
    const diagnostics: string[] = [];
    const ports = dialerPorts(f.dialer, fakeWindow(), (m) => diagnostics.push(m));
    ports.host.registrationChanged('registered');
    ports.host.callActiveChanged(true);
    ports.host.incomingCall({ callId: 'c1', from: '+15550001111' });
    await Promise.resolve();
    await Promise.resolve();
    expect(f.appCalls).toEqual([
      'registration:registered',
      'active:true',
      'incoming:c1:+15550001111',
    ]);
    expect(diagnostics).toEqual(['incoming-call notice failed: Error']);
  });
});
