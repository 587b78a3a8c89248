import {
  SettingsPatchSchema,
  SettingsSchema,
  type Notice,
  type Settings,
  type SettingsPatch,
} from '@crokodialer/shared';
import Conf, { type Options as ConfOptions } from 'conf';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from './app-error.js';
import {
  CURRENT_SETTINGS_VERSION,
  defaultSettings,
  migrateSettings,
} from './settings-migrations.js';

export interface SettingsStoreOptions {
  /** Folder of settings.json (Electron: app.getPath('userData'); web mode/tests: any folder). */
  dir: string;
  defaultApiUrl: string;
  /** Raised when the user should know (corrupt file reset, migration). */
  onNotice?: (notice: Notice) => void;
  now?: () => Date;
  /**
   * Builds the backing store. Electron's main passes electron-store (a `Conf` subclass that knows
   * the app's paths); web mode and tests use `conf` itself, which electron-store builds on.
   */
  createBackend?: (options: SettingsBackendOptions) => Conf<SettingsFile>;
}

/** The options every backend gets: the file's folder and name, owner-only permissions. */
export type SettingsBackendOptions = ConfOptions<SettingsFile> & {
  cwd: string;
  configName: string;
};

export type SettingsFile = {
  version: number;
  settings: Settings;
};

/**
 * Settings on `conf` (electron-store's engine: atomic writes), with a zod schema and versioned
 * migrations. A corrupt or unreadable file is moved aside and replaced by defaults, with a notice —
 * never a crash. Nothing secret is ever stored here (docs/architecture.md#secrets).
 */
export class SettingsStore {
  private readonly conf: Conf<SettingsFile>;
  private readonly listeners = new Set<(s: Settings) => void>();
  private current: Settings;

  constructor(private readonly options: SettingsStoreOptions) {
    const file = join(options.dir, 'settings.json');
    const defaults = defaultSettings(options.defaultApiUrl);
    this.current = this.load(file, defaults);
    const createBackend = options.createBackend ?? ((o) => new Conf<SettingsFile>(o));
    this.conf = createBackend({
      cwd: options.dir,
      configName: 'settings',
      configFileMode: 0o600,
      clearInvalidConfig: false,
    });
    this.conf.store = { version: CURRENT_SETTINGS_VERSION, settings: this.current };
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  /** A change from the renderer: only the fields SettingsPatchSchema allows. */
  update(patch: SettingsPatch): Settings {
    const p = SettingsPatchSchema.parse(patch);
    return this.write({
      ...this.current,
      ...p,
      audio: { ...this.current.audio, ...p.audio },
      shortcuts: { ...this.current.shortcuts, ...p.shortcuts },
    });
  }

  /** Changes only main may make (sign-in result, window bounds). */
  updateInternal(change: Partial<Settings>): Settings {
    return this.write({ ...this.current, ...change });
  }

  onChange(listener: (s: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(next: Settings): Settings {
    const parsed = SettingsSchema.safeParse(next);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') ?? 'settings';
      throw new AppError('bad-request', `That value for ${field} is not valid.`);
    }
    this.current = parsed.data;
    this.conf.store = { version: CURRENT_SETTINGS_VERSION, settings: this.current };
    for (const l of this.listeners) l(this.get());
    return this.get();
  }

  private load(file: string, defaults: Settings): Settings {
    if (!existsSync(file)) return defaults;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return this.reset(file, defaults, 'it could not be read (damaged file)');
    }
    const result = migrateSettings(parsed, defaults);
    if (!result.ok) return this.reset(file, defaults, result.reason);
    if (result.migratedFrom !== null) {
      this.notice('info', `Settings were updated from an older version (v${result.migratedFrom}).`);
    }
    return result.settings;
  }

  private reset(file: string, defaults: Settings, reason: string): Settings {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const backup = `${file}.corrupt-${stamp}`;
    renameSync(file, backup);
    this.notice(
      'warning',
      `Your settings were reset to defaults because ${reason}. The old file was kept as ${backup}.`,
    );
    return defaults;
  }

  private notice(level: Notice['level'], message: string): void {
    this.options.onNotice?.({ level, message, at: this.now().toISOString() });
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
