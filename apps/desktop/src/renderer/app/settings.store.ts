import type { DialerApi, Settings, SettingsPatch } from '@crokodialer/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';

/**
 * Main's settings mirrored for the UI. Main is their one home: the UI sends patches and shows what
 * main answers (and what the tray or another window changed), never a copy of its own.
 */
export interface SettingsState {
  settings: Settings | null;
  error: string | null;
  changed: (settings: Settings) => void;
  update: (patch: SettingsPatch) => Promise<boolean>;
}

export type SettingsStore = StoreApi<SettingsState>;

export function createSettingsStore(dialer: Pick<DialerApi, 'settings'>): SettingsStore {
  return createStore<SettingsState>()((set) => ({
    settings: null,
    error: null,
    changed: (settings) => set({ settings, error: null }),
    update: async (patch) => {
      try {
        set({ settings: await dialer.settings.update(patch), error: null });
        return true;
      } catch (error) {
        const message = error instanceof Error ? error.message.replace(/^[a-z-]+: /, '') : '';
        set({ error: `That setting was not saved: ${message}` });
        return false;
      }
    },
  }));
}
