import type { EventChannel, Settings } from '@crokodialer/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forwardServiceEvents } from '../../src/main/ipc/service-events.js';
import {
  createDesktopServices,
  type DesktopServices,
} from '../../src/main/services/desktop-services.js';
import { loadKeytar } from '../../src/main/services/keytar-backend.js';
import { presenceOf } from '../../src/main/services/presence-sync.js';
import { FlakyProxy } from '../helpers/flaky-proxy.js';
import { createAccount, startRealApi, type TestAccount } from '../helpers/real-api.js';
import { waitFor } from '../helpers/wait-for.js';

// Settings in main are the one source of do-not-disturb and presence: whoever changes them (the
// tray, a window), the renderer hears `settings:on-change` and the real API learns the presence.
let api: Awaited<ReturnType<typeof startRealApi>>;
let proxy: FlakyProxy;
let services: DesktopServices;
let account: TestAccount;
let events: [EventChannel, unknown][];

beforeAll(async () => {
  api = await startRealApi();
}, 120_000);
afterAll(async () => {
  await proxy?.down();
  await api?.close();
});

describe('presence from the settings', () => {
  it.each([
    [{ doNotDisturb: false, presence: 'available' }, 'available'],
    [{ doNotDisturb: false, presence: 'away' }, 'away'],
    [{ doNotDisturb: true, presence: 'available' }, 'do-not-disturb'],
    [{ doNotDisturb: true, presence: 'away' }, 'do-not-disturb'],
  ] as const)('%o shows the team %s', (settings, expected) => {
    expect(presenceOf(settings)).toBe(expected);
  });
});

async function presenceAtApi(): Promise<string | undefined> {
  const res = await fetch(`${api.url}/api/presence`, {
    headers: { authorization: `Bearer ${account.accessToken}` },
  });
  const entries = (await res.json()) as { agentId: string; presence: string }[];
  return entries.find((e) => e.agentId === account.userId)?.presence;
}

describe('presence sync over the real services', () => {
  beforeEach(async () => {
    services?.presence.dispose();
    await proxy?.down();
    proxy = new FlakyProxy(api.url);
    await proxy.up();
    const dataDir = mkdtempSync(join(tmpdir(), 'croko-presence-'));
    rmSync(dataDir, { recursive: true, force: true });
    services = await createDesktopServices({
      dataDir,
      defaultApiUrl: proxy.url,
      keychain: await loadKeytar(),
    });
    await services.vault.deleteRefreshToken(proxy.url);
    events = [];
    forwardServiceEvents(services, (event, payload) => events.push([event, payload]));
    account = await createAccount(api.url);
    await services.session.signIn({
      mode: 'companion',
      email: account.email,
      password: account.password,
    });
  });

  it('a tray change reaches the renderer as settings:on-change and the API as presence', async () => {
    // What the tray's "Do not disturb" item does (index.ts: changePresence → settings.update).
    services.settings.update({ doNotDisturb: true });
    expect(events).toContainEqual([
      'settings:on-change',
      expect.objectContaining({ doNotDisturb: true }) as Settings,
    ]);
    await waitFor(async () => (await presenceAtApi()) === 'do-not-disturb', 'DND at the API');

    services.settings.update({ doNotDisturb: false, presence: 'away' });
    await waitFor(async () => (await presenceAtApi()) === 'away', 'away at the API');
  });

  it('chosen devices are settings too: a change reaches every renderer', () => {
    services.settings.update({ audio: { inputDeviceId: 'usb-headset' } });
    const last = events.filter(([e]) => e === 'settings:on-change').at(-1)?.[1] as Settings;
    expect(last.audio).toEqual({
      inputDeviceId: 'usb-headset',
      outputDeviceId: null,
      ringerDeviceId: null,
    });
  });

  it('a change made while the API is down reaches it once the app is back online', async () => {
    await services.presence.sync();
    await proxy.down();
    services.settings.update({ presence: 'away' });
    await services.presence.sync();
    expect(await presenceAtApi()).not.toBe('away');
    await proxy.up();
    services.reconnected(); // what main does on network back / resume
    await waitFor(async () => (await presenceAtApi()) === 'away', 'away after the outage');
  });

  it('does not push presence for a signed-out account', async () => {
    await services.session.signOut();
    const before = proxy.forwarded.length;
    services.settings.update({ presence: 'away' });
    await services.presence.sync();
    expect(proxy.forwarded.slice(before).filter((p) => p.includes('presence'))).toEqual([]);
  });
});
