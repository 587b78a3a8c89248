import type { Notice } from '@crokodialer/shared';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, migrateSettings } from '../../src/main/services/settings-migrations.js';
import Conf from 'conf';
import {
  SettingsStore,
  type SettingsBackendOptions,
  type SettingsFile,
} from '../../src/main/services/settings-store.js';

const API = 'http://127.0.0.1:4000';
let dir: string;
let notices: Notice[];
const open = () => new SettingsStore({ dir, defaultApiUrl: API, onNotice: (n) => notices.push(n) });
const onDisk = () =>
  JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as {
    version: number;
    settings: Record<string, unknown>;
  };

beforeEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(join(tmpdir(), 'croko-settings-'));
  notices = [];
});

describe('SettingsStore', () => {
  it('writes through the backend it is given (electron-store in Electron) with owner-only options', () => {
    const seen: SettingsBackendOptions[] = [];
    const store = new SettingsStore({
      dir,
      defaultApiUrl: API,
      createBackend: (options) => {
        seen.push(options);
        return new Conf<SettingsFile>(options);
      },
    });
    store.update({ defaultRegion: 'DE' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ cwd: dir, configName: 'settings', configFileMode: 0o600 });
    expect(onDisk().settings.defaultRegion).toBe('DE');
  });

  it('starts from defaults and persists changes across restarts, owner-only', () => {
    const store = open();
    expect(store.get().defaultRegion).toBe('US');
    store.update({ defaultRegion: 'GB', audio: { inputDeviceId: 'mic-2' }, doNotDisturb: true });
    const again = open().get();
    expect(again.defaultRegion).toBe('GB');
    expect(again.audio).toEqual({
      inputDeviceId: 'mic-2',
      outputDeviceId: null,
      ringerDeviceId: null,
    });
    expect(again.doNotDisturb).toBe(true);
    expect(statSync(join(dir, 'settings.json')).mode & 0o077).toBe(0);
    expect(notices).toEqual([]);
  });

  it('tells listeners about changes', () => {
    const store = open();
    const seen: boolean[] = [];
    const off = store.onChange((s) => seen.push(s.doNotDisturb));
    store.update({ doNotDisturb: true });
    off();
    store.update({ doNotDisturb: false });
    expect(seen).toEqual([true]);
  });

  it('refuses invalid values with a message and keeps the old ones', () => {
    const store = open();
    expect(() => store.update({ defaultRegion: 'usa' })).toThrow(/not valid|region/);
    expect(() => store.update({ apiUrl: 'https://evil' } as never)).toThrow();
    expect(open().get().defaultRegion).toBe('US');
  });

  it('migrates a v1 file and says so', () => {
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        version: 1,
        settings: {
          apiUrl: 'https://api.example.com',
          mode: 'direct',
          region: 'DE',
          inputDeviceId: 'in-1',
          dnd: true,
        },
      }),
    );
    const s = open().get();
    expect(s).toMatchObject({
      apiUrl: 'https://api.example.com',
      mode: 'direct',
      defaultRegion: 'DE',
      doNotDisturb: true,
      audio: { inputDeviceId: 'in-1', outputDeviceId: null, ringerDeviceId: null },
      ringtone: 'default',
    });
    expect(onDisk().version).toBe(2);
    expect(notices.map((n) => n.level)).toEqual(['info']);
  });

  it.each([
    ['truncated JSON', '{"version":2,"settings":{"apiUrl":'],
    ['binary garbage', '\u0000\u0001\u0002'],
    ['a JSON array', '[1,2,3]'],
    ['an invalid value', JSON.stringify({ version: 2, settings: { defaultRegion: 42 } })],
    ['a newer version', JSON.stringify({ version: 99, settings: {} })],
  ])('backs up and resets %s with a notice, never crashing', (_name, content) => {
    writeFileSync(join(dir, 'settings.json'), content);
    const store = open();
    expect(store.get()).toEqual(defaultSettings(API));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.level).toBe('warning');
    expect(notices[0]!.message).toMatch(/reset to defaults/);
    const backups = readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe(content);
    expect(onDisk().version).toBe(2);
  });
});

describe('migrateSettings', () => {
  const defaults = defaultSettings(API);
  it.each([
    [null, /not a Crokodialer settings file/],
    [{ version: 0, settings: {} }, /unknown settings version/],
    [{ version: 2, settings: { mode: 'telepathy' } }, /mode/],
  ])('explains why %j cannot be used', (file, reason) => {
    const r = migrateSettings(file, defaults);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
  it('fills fields added since with their defaults', () => {
    const r = migrateSettings({ version: 2, settings: { shortcuts: { mute: null } } }, defaults);
    expect(r.ok && r.settings.shortcuts).toEqual({ ...defaults.shortcuts, mute: null });
  });
});
