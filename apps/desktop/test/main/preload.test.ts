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

beforeEach(async () => {
  vi.resetModules();
  exposed.clear();
  invokes.length = 0;
  listeners.clear();
  await import('../../src/preload/index.js');
});

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
