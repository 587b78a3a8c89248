import { beforeEach, describe, expect, it, vi } from 'vitest';

// The composition root with Electron mocked: what happens before `ready` is pure wiring that
// must not regress (sandbox for every renderer, single instance, link schemes, one web guard).
const calls: string[] = [];
const handlers = new Map<string, (...a: unknown[]) => void>();
let gotLock = true;
vi.mock('electron', () => ({
  app: {
    enableSandbox: () => calls.push('enableSandbox'),
    requestSingleInstanceLock: () => gotLock,
    quit: () => calls.push('quit'),
    setAsDefaultProtocolClient: (s: string) => calls.push(`protocol:${s}`),
    on: (event: string, fn: (...a: unknown[]) => void) => handlers.set(event, fn),
    whenReady: () => new Promise(() => undefined), // never ready: start() is covered elsewhere
    isPackaged: true,
  },
  protocol: {
    registerSchemesAsPrivileged: (s: { scheme: string }[]) =>
      calls.push(`privileged:${s.map((x) => x.scheme).join()}`),
  },
  shell: { openExternal: () => Promise.resolve() },
  BrowserWindow: class {},
}));

// electron-store imports the real `electron` from node_modules, which vi.mock above cannot reach
// (it is not inlined) and whose binary is absent here: stand it in at the same boundary.
vi.mock('electron-store', () => ({ default: class {} }));

beforeEach(() => {
  vi.resetModules();
  calls.length = 0;
  handlers.clear();
});

describe('main/index.ts', () => {
  it('sandboxes every renderer, registers app:// and tel/callto/sip, guards all web contents', async () => {
    gotLock = true;
    await import('../../src/main/index.js');
    expect(calls).toEqual([
      'enableSandbox',
      'privileged:app',
      'protocol:tel',
      'protocol:callto',
      'protocol:sip',
    ]);
    const guarded: string[] = [];
    const contents = {
      on: (event: string) => guarded.push(event),
      setWindowOpenHandler: (fn: (d: { url: string }) => { action: string }) => {
        guarded.push(`open:${fn({ url: 'https://evil.example' }).action}`);
      },
    };
    handlers.get('web-contents-created')!({}, contents);
    expect(guarded).toEqual(
      expect.arrayContaining(['will-navigate', 'will-attach-webview', 'open:deny']),
    );
    expect(handlers.has('open-url')).toBe(true);
  });

  it('quits a second instance at once (the first one receives its argv)', async () => {
    gotLock = false;
    await import('../../src/main/index.js');
    expect(calls).toContain('quit');
    expect(calls.filter((c) => c.startsWith('protocol:'))).toEqual([]);
  });
});
