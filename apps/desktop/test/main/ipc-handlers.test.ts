import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIpcHandlers, type PlatformAdapter } from '../../src/main/ipc/ipc-handlers.js';
import { createIpcRouter } from '../../src/main/ipc/ipc-router.js';
import { createDesktopServices } from '../../src/main/services/desktop-services.js';
import { loadKeytar } from '../../src/main/services/keytar-backend.js';

async function setup() {
  const services = await createDesktopServices({
    dataDir: mkdtempSync(join(tmpdir(), 'croko-handlers-')),
    defaultApiUrl: 'http://127.0.0.1:9',
    keychain: await loadKeytar(),
  });
  const seen: string[] = [];
  const platform: PlatformAdapter = {
    appInfo: () => ({ version: '1.2.3', platform: 'linux', webMode: false }),
    openLink: (url) => Promise.resolve(void seen.push(`link:${url}`)),
    setRegistrationState: (s) => void seen.push(`state:${s}`),
    setCallActive: (a) => void seen.push(`active:${a}`),
    notifyIncomingCall: (c) => void seen.push(`notify:${c.from}`),
    focusWindow: () => void seen.push('focus'),
    takePendingDial: () => null,
  };
  const dispatch = createIpcRouter(createIpcHandlers(services, platform), services.log);
  return { services, seen, dispatch };
}

describe('IPC handlers over the real services', () => {
  it('routes OS requests to the platform adapter', async () => {
    const { dispatch, seen } = await setup();
    await dispatch('app:set-registration-state', 'registered');
    await dispatch('app:set-call-active', true);
    await dispatch('app:open-external', 'https://example.com/');
    await dispatch('app:focus-window', undefined);
    expect(seen).toEqual(['state:registered', 'active:true', 'link:https://example.com/', 'focus']);
    expect(await dispatch('app:get-info', undefined)).toEqual({
      ok: true,
      value: { version: '1.2.3', platform: 'linux', webMode: false },
    });
  });

  it('suppresses incoming-call notifications in do-not-disturb', async () => {
    const { dispatch, seen } = await setup();
    await dispatch('app:notify-incoming-call', { callId: 'c1', from: '+14155550100' });
    await dispatch('settings:update', { doNotDisturb: true });
    await dispatch('app:notify-incoming-call', { callId: 'c2', from: '+14155550101' });
    expect(seen).toEqual(['notify:+14155550100']);
  });

  it('hands out notices raised at startup once', async () => {
    const { dispatch, services } = await setup();
    services.notices.publish({ level: 'warning', message: 'hello', at: new Date().toISOString() });
    const first = await dispatch('app:take-notices', undefined);
    expect(first).toMatchObject({ ok: true, value: [{ message: 'hello' }] });
    expect(await dispatch('app:take-notices', undefined)).toEqual({ ok: true, value: [] });
  });

  it('says offline, not a crash, when signing in while the API is down', async () => {
    const { dispatch } = await setup();
    const reply = await dispatch('session:sign-in', {
      mode: 'companion',
      email: 'a@example.com',
      password: 'x',
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'offline' } });
  });
});
