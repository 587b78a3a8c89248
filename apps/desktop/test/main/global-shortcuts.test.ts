import type { SessionState, Settings, ShortcutAction } from '@crokodialer/shared';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  GlobalShortcuts,
  hasModifier,
  type ShortcutPort,
} from '../../src/main/global-shortcuts.js';
import type { KeychainBackend } from '../../src/main/services/credential-vault.js';
import { createDesktopServices } from '../../src/main/services/desktop-services.js';
import { loadKeytar } from '../../src/main/services/keytar-backend.js';

/** Electron's globalShortcut at the boundary: what is registered, and keys the OS holds for others. */
function fakePort(taken: string[] = []) {
  const registered = new Map<string, () => void>();
  const port: ShortcutPort = {
    register: (accelerator, callback) => {
      if (taken.includes(accelerator)) return false;
      if (!/^[A-Za-z0-9+]+$/.test(accelerator)) throw new Error('bad accelerator');
      registered.set(accelerator, callback);
      return true;
    },
    unregisterAll: () => registered.clear(),
  };
  return { port, registered };
}

/** The real keychain, under a service name of this file's own so parallel files never meet. */
async function keychain(): Promise<KeychainBackend> {
  const real = await loadKeytar();
  const service = (s: string) => `${s}-shortcuts-test-${process.pid}`;
  return {
    getPassword: (s, a) => real.getPassword(service(s), a),
    setPassword: (s, a, p) => real.setPassword(service(s), a, p),
    deletePassword: (s, a) => real.deletePassword(service(s), a),
  };
}

/** The main-process services as index.ts builds them, with the shortcuts wired the same way. */
async function start(dataDir: string, backend: KeychainBackend) {
  const services = await createDesktopServices({
    dataDir,
    defaultApiUrl: 'http://127.0.0.1:9',
    keychain: backend,
  });
  const { port, registered } = fakePort(['CommandOrControl+Shift+H']);
  const fired: ShortcutAction[] = [];
  const refused: ShortcutAction[][] = [];
  const shortcuts = new GlobalShortcuts({
    port,
    session: services.session,
    settings: services.settings,
    fire: (action) => fired.push(action),
    refused: (actions) => refused.push(actions),
  });
  shortcuts.start();
  return { services, shortcuts, registered, fired, refused };
}

const signInDirect = (services: Awaited<ReturnType<typeof start>>['services']) =>
  services.session.signIn({ mode: 'direct', login: 'agent1', password: 'sip-secret-123' });

describe('global shortcuts follow the session', () => {
  it('exist only while signed in: sign-in, a change, sign-out, a restored session, quit', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'croko-shortcuts-'));
    const backend = await keychain();
    const first = await start(dataDir, backend);
    await first.services.session.getState();
    expect(first.registered.size).toBe(0); // signed out: no keys taken from other apps

    await signInDirect(first.services);
    expect([...first.registered.keys()]).toEqual([
      'CommandOrControl+Shift+A',
      'CommandOrControl+Shift+M',
    ]);
    expect(first.refused).toEqual([['hangup']]); // held by another app: the user is told
    first.registered.get('CommandOrControl+Shift+M')!();
    expect(first.fired).toEqual(['mute']);

    first.services.settings.update({ shortcuts: { answer: 'Alt+Shift+P' } });
    expect([...first.registered.keys()]).toEqual(['Alt+Shift+P', 'CommandOrControl+Shift+M']);
    first.services.settings.update({ doNotDisturb: true });
    expect(first.refused).toHaveLength(2); // only a change of the keys registers them again

    await first.services.session.signOut();
    expect(first.registered.size).toBe(0);
    first.services.settings.update({ shortcuts: { answer: 'Alt+Shift+Q' } });
    expect(first.registered.size).toBe(0); // a change while signed out takes nothing

    await signInDirect(first.services);
    expect(first.registered.has('Alt+Shift+Q')).toBe(true);
    first.shortcuts.dispose(); // will-quit
    expect(first.registered.size).toBe(0);
    await first.services.outbox.stop();

    // The next launch restores the remembered session: the keys come back with it.
    const second = await start(dataDir, backend);
    expect(second.registered.size).toBe(0);
    await second.services.session.getState();
    expect([...second.registered.keys()]).toEqual(['Alt+Shift+Q', 'CommandOrControl+Shift+M']);
    await second.services.session.signOut();
    expect(second.registered.size).toBe(0);
    second.shortcuts.dispose();
    await second.services.outbox.stop();
  });

  it('never registers a single key, even if one reached the settings', () => {
    const { port, registered } = fakePort();
    const refused: ShortcutAction[][] = [];
    const signedIn: SessionState = {
      status: 'signed-in',
      mode: 'direct',
      login: 'agent1',
      remembered: true,
    };
    const shortcuts = new GlobalShortcuts({
      port,
      session: { current: () => signedIn, onChange: () => () => undefined },
      settings: {
        get: () => ({ shortcuts: { answer: 'A', hangup: 'Shift', mute: 'Ctrl+F9' } }) as Settings,
        onChange: () => () => undefined,
      },
      fire: () => undefined,
      refused: (actions) => refused.push(actions),
    });
    shortcuts.start();
    expect([...registered.keys()]).toEqual(['Ctrl+F9']);
    expect(refused).toEqual([['answer', 'hangup']]);
  });
});

describe('hasModifier', () => {
  it.each([
    ['CommandOrControl+Shift+A', true],
    ['Alt+F9', true],
    ['ctrl+a', true],
    ['A', false],
    ['F9', false],
    ['Shift', false],
    ['Ctrl+Shift', false],
    ['Ctrl+', false],
    ['+A', false],
    ['Tab+A', false],
    ['', false],
  ])('%s → %s', (accelerator, expected) => {
    expect(hasModifier(accelerator)).toBe(expected);
  });
});
