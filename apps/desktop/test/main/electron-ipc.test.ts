import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { registerIpcHandlers } from '../../src/main/ipc/electron-ipc.js';
import { createIpcRouter, type IpcHandlers } from '../../src/main/ipc/ipc-router.js';
import { AppError } from '../../src/main/services/app-error.js';
import { createLogger } from '../../src/main/services/logger.js';

const APP = 'app://crokodialer';
type Handler = (event: IpcMainInvokeEvent, args: unknown) => Promise<unknown>;

/** ipcMain mocked at the boundary: records handlers so the test can invoke them like Electron does. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, h: Handler) => void handlers.set(channel, h),
    removeHandler: (channel: string) => void handlers.delete(channel),
  } as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>;
  const invoke = (channel: string, args: unknown, frame: unknown) => {
    const h = handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h({ senderFrame: frame } as IpcMainInvokeEvent, args);
  };
  return { ipcMain, handlers, invoke };
}

const signedOut = { status: 'signed-out', mode: 'companion' } as const;
const handlers = {
  'session:get-state': () => signedOut,
  'app:open-external': () => undefined,
  'settings:update': () => ({ not: 'settings' }),
  'session:get-login-material': () => {
    throw new AppError('not-signed-in', 'Sign in first.');
  },
  'dial-links:take-pending': () => {
    throw new Error('disk on fire at /home/agent/secret-path');
  },
} as unknown as IpcHandlers;

function setup() {
  const fake = fakeIpcMain();
  const log = createLogger({ echo: false, file: '/dev/null' });
  const dispose = registerIpcHandlers(fake.ipcMain, createIpcRouter(handlers, log), [APP], log);
  return { ...fake, dispose };
}
const mainFrame = { url: `${APP}/index.html`, parent: null };

describe('IPC handle()', () => {
  it('registers one handler per contract channel and none generic', () => {
    const { handlers: registered, dispose } = setup();
    expect([...registered.keys()]).toContain('call-logs:enqueue');
    expect([...registered.keys()].every((c) => /^[a-z-]+:[a-z-]+$/.test(c))).toBe(true);
    dispose();
    expect(registered.size).toBe(0);
  });

  it('answers the app main frame', async () => {
    const { invoke } = setup();
    await expect(invoke('session:get-state', undefined, mainFrame)).resolves.toEqual({
      ok: true,
      value: signedOut,
    });
  });

  it.each([
    ['a foreign origin', { url: 'https://evil.example/', parent: null }],
    ['a subframe of the app', { url: `${APP}/index.html`, parent: {} }],
    ['a destroyed frame', null],
    [
      'a file: page when the app is served from app://',
      { url: 'file:///tmp/x.html', parent: null },
    ],
    ['a look-alike origin', { url: 'app://crokodialer.evil/index.html', parent: null }],
  ])('refuses %s', async (_name, frame) => {
    const { invoke } = setup();
    await expect(invoke('session:get-state', undefined, frame)).resolves.toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'not allowed from this page' },
    });
  });

  it.each([
    ['an extra argument on a no-argument channel', 'session:get-state', { x: 1 }],
    ['a missing url', 'app:open-external', {}],
    ['a wrong type', 'app:open-external', { url: 42 }],
    ['an unknown field', 'app:open-external', { url: 'https://a.b', exec: 'rm' }],
  ])('refuses %s as bad-request', async (_name, channel, args) => {
    const { invoke } = setup();
    const reply = (await invoke(channel, args, mainFrame)) as {
      ok: boolean;
      error: { code: string };
    };
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('bad-request');
  });

  it('refuses a result that breaks the contract instead of leaking it', async () => {
    const { invoke } = setup();
    const reply = await invoke('settings:update', { doNotDisturb: true }, mainFrame);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('passes user-actionable errors as {code, message} and hides unexpected ones', async () => {
    const { invoke } = setup();
    await expect(invoke('session:get-login-material', undefined, mainFrame)).resolves.toEqual({
      ok: false,
      error: { code: 'not-signed-in', message: 'Sign in first.' },
    });
    const hidden = await invoke('dial-links:take-pending', undefined, mainFrame);
    expect(JSON.stringify(hidden)).not.toContain('secret-path');
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
