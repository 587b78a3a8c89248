import { SettingsSchema, type Settings } from '@crokodialer/shared';

/**
 * Settings file layout history. The file is `{ version, settings }`; each migration lifts the
 * settings of one version to the next, so any older file reaches CURRENT_SETTINGS_VERSION in order.
 *   v1 (pre-release builds): flat device ids, `region`, `dnd`.
 *   v2: nested `audio` and `shortcuts`, ringtone, links, account email (a later `directCallerIds`
 *   takes its default; a stored `requireDisposition` is dropped: the org's call policy rules).
 */
export const CURRENT_SETTINGS_VERSION = 2;

type Raw = Record<string, unknown>;
const MIGRATIONS: Record<number, (s: Raw) => Raw> = {
  1: ({ region, inputDeviceId, outputDeviceId, ringerDeviceId, dnd, ...rest }) => ({
    ...rest,
    defaultRegion: region,
    audio: { inputDeviceId, outputDeviceId, ringerDeviceId },
    doNotDisturb: dnd,
  }),
};

export function defaultSettings(apiUrl: string): Settings {
  return {
    apiUrl,
    mode: 'companion',
    telnyxHost: 'wss://rtc.telnyx.com',
    defaultRegion: 'US',
    audio: { inputDeviceId: null, outputDeviceId: null, ringerDeviceId: null },
    ringtone: 'default',
    shortcuts: {
      answer: 'CommandOrControl+Shift+A',
      hangup: 'CommandOrControl+Shift+H',
      mute: 'CommandOrControl+Shift+M',
    },
    doNotDisturb: false,
    presence: 'available',
    autoDialLinks: false,
    directCallerIds: [],
    windowBounds: null,
    theme: 'system',
    launchAtLogin: false,
    accountEmail: null,
  };
}

export type MigrationResult =
  { ok: true; settings: Settings; migratedFrom: number | null } | { ok: false; reason: string };

function isRecord(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Brings a parsed settings file to the current version; never throws, says why it could not. */
export function migrateSettings(file: unknown, defaults: Settings): MigrationResult {
  if (!isRecord(file) || !isRecord(file.settings) || typeof file.version !== 'number') {
    return { ok: false, reason: 'the file is not a Crokodialer settings file' };
  }
  const from = file.version;
  if (!Number.isInteger(from) || from < 1) return { ok: false, reason: 'unknown settings version' };
  if (from > CURRENT_SETTINGS_VERSION) {
    return { ok: false, reason: `it was written by a newer Crokodialer (settings v${from})` };
  }
  let settings: Raw = file.settings;
  for (let v = from; v < CURRENT_SETTINGS_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return { ok: false, reason: `no migration from settings v${v}` };
    settings = step(settings);
  }
  // Fields added later take their defaults; nested groups merge so one new key does not wipe others.
  const merged = {
    ...defaults,
    ...dropUndefined(settings),
    audio: {
      ...defaults.audio,
      ...(isRecord(settings.audio) ? dropUndefined(settings.audio) : {}),
    },
    shortcuts: {
      ...defaults.shortcuts,
      ...(isRecord(settings.shortcuts) ? dropUndefined(settings.shortcuts) : {}),
    },
  };
  const parsed = SettingsSchema.safeParse(merged);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? 'a field';
    return { ok: false, reason: `${field} holds an invalid value` };
  }
  return {
    ok: true,
    settings: parsed.data,
    migratedFrom: from === CURRENT_SETTINGS_VERSION ? null : from,
  };
}

function dropUndefined(r: Raw): Raw {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined));
}
