import type { DialerApi } from '@crokodialer/shared';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron mocked at the boundary: contextBridge records what the preload exposes, ipcRenderer
// records invokes and listeners.
const exposed = new Map<string, unknown>();
const invokes: [string, unknown][] = [];
const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke: (channel: string, args: unknown) => {
      invokes.push([channel, args]);
      return Promise.resolve({ ok: true, value: { status: 'signed-out', mode: 'companion' } });
    },
    on: (channel: string, fn: (...a: unknown[]) => void) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(fn);
      listeners.set(channel, set);
    },
    removeListener: (channel: string, fn: (...a: unknown[]) => void) =>
      listeners.get(channel)?.delete(fn),
  },
}));

// The page's window: the preload adds its beforeunload guard there.
let page: EventTarget;
beforeEach(async () => {
  vi.resetModules();
  exposed.clear();
  invokes.length = 0;
  listeners.clear();
  page = new EventTarget();
  vi.stubGlobal('window', page);
  await import('../../src/preload/index.js');
});

/** Fires beforeunload the way Chromium does; reports whether the SDK's own listener ran. */
function unload(): { vetoed: boolean; sdkHungUp: boolean } {
  let sdkHungUp = false;
  const sdk = () => (sdkHungUp = true); // registered by the page after the preload
  page.addEventListener('beforeunload', sdk);
  const event = new Event('beforeunload', { cancelable: true });
  page.dispatchEvent(event);
  page.removeEventListener('beforeunload', sdk);
  return { vetoed: event.defaultPrevented, sdkHungUp };
}

describe('preload', () => {
  it('exposes exactly one object, window.dialer, made of functions only', () => {
    expect([...exposed.keys()]).toEqual(['dialer']);
    const walk = (value: unknown): string[] =>
      typeof value === 'function'
        ? []
        : Object.entries(value as object).flatMap(([k, v]) =>
            typeof v === 'function' ? [] : typeof v === 'object' ? walk(v) : [k],
          );
    expect(walk(exposed.get('dialer'))).toEqual([]);
    expect(JSON.stringify(Object.keys(exposed.get('dialer') as object))).not.toMatch(
      /invoke|send|ipcRenderer|require|process/,
    );
  });

  it('sends requests on their own channel and unwraps replies', async () => {
    const dialer = exposed.get('dialer') as DialerApi;
    await expect(dialer.session.getState()).resolves.toEqual({
      status: 'signed-out',
      mode: 'companion',
    });
    expect(invokes).toEqual([['session:get-state', undefined]]);
    expect(listeners.get('app:on-quitting')?.size).toBe(1);
  });

  it('while a call is live, a reload neither unloads nor lets the SDK hang up', async () => {
    const dialer = exposed.get('dialer') as DialerApi;
    expect(unload()).toEqual({ vetoed: false, sdkHungUp: true });
    await dialer.app.setCallActive(true);
    expect(unload()).toEqual({ vetoed: true, sdkHungUp: false });
    await dialer.app.setCallActive(false);
    expect(unload()).toEqual({ vetoed: false, sdkHungUp: true });
  });

  it('once main says the user chose to quit, the SDK hangs the live call up', async () => {
    const dialer = exposed.get('dialer') as DialerApi;
    await dialer.app.setCallActive(true);
    for (const fn of listeners.get('app:on-quitting') ?? []) fn({}, { at: 'now' });
    expect(unload()).toEqual({ vetoed: false, sdkHungUp: true });
  });

  it('passes events without the IpcRendererEvent and unsubscribes', () => {
    const dialer = exposed.get('dialer') as DialerApi;
    const got: unknown[][] = [];
    const off = dialer.system.onResume((...args: unknown[]) => got.push(args));
    const [fn] = listeners.get('system:on-resume')!;
    fn!({ sender: 'ipcRenderer-would-leak' }, { at: 'now' });
    expect(got).toEqual([[{ at: 'now' }]]);
    off();
    expect(listeners.get('system:on-resume')!.size).toBe(0);
  });
});
