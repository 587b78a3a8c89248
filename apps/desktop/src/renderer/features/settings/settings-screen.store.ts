import {
  parseDialInput,
  ShortcutsSchema,
  type CountryCode,
  type ShortcutAction,
} from '@crokodialer/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';

/** What the audio checks need; the browser's in the app, fakes in tests. */
export interface AudioCheckPorts {
  meter: (deviceId: string | null, onLevel: (level: number) => void) => Promise<() => void>;
  tone: (deviceId: string | null) => Promise<void>;
}

export interface SettingsScreenState {
  level: number;
  metering: boolean;
  toneTarget: 'output' | 'ringer' | null;
  problem: string | null;
  meterToggled: (deviceId: string | null) => Promise<void>;
  toneRequested: (target: 'output' | 'ringer', deviceId: string | null) => Promise<void>;
  left: () => void;
}

export type SettingsScreenStore = StoreApi<SettingsScreenState>;

const deviceProblem = (e: unknown) =>
  e instanceof DOMException && e.name === 'NotAllowedError'
    ? 'Crokodialer may not use the microphone. Allow it in your system privacy settings.'
    : 'That device could not be opened. Pick another one or plug it back in.';

export function createSettingsScreenStore(ports: AudioCheckPorts): SettingsScreenStore {
  let stop: (() => void) | null = null;
  return createStore<SettingsScreenState>()((set, get) => ({
    level: 0,
    metering: false,
    toneTarget: null,
    problem: null,
    meterToggled: async (deviceId) => {
      if (get().metering) {
        get().left();
        return;
      }
      set({ metering: true, problem: null });
      try {
        stop = await ports.meter(deviceId, (level) => set({ level }));
        if (!get().metering) get().left();
      } catch (e) {
        set({ metering: false, problem: deviceProblem(e) });
      }
    },
    toneRequested: async (target, deviceId) => {
      if (get().toneTarget) return;
      set({ toneTarget: target, problem: null });
      try {
        await ports.tone(deviceId);
        set({ toneTarget: null });
      } catch (e) {
        set({ toneTarget: null, problem: deviceProblem(e) });
      }
    },
    left: () => {
      stop?.();
      stop = null;
      set({ metering: false, level: 0 });
    },
  }));
}

/** Why a shortcut cannot be saved, or null when it can (empty turns it off). */
export function shortcutProblem(action: ShortcutAction, value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (!ShortcutsSchema.shape[action].safeParse(trimmed).success || !trimmed.includes('+')) {
    return 'Use a modifier and a key joined by +, such as CommandOrControl+Shift+A.';
  }
  return null;
}

export const MAX_CALLER_IDS = 20;

/** A caller-ID number as the agent typed it: its E.164 form, or what to fix. Never throws. */
export function callerIdFrom(
  text: string,
  region: CountryCode,
  have: readonly string[],
): { e164: string } | { error: string } {
  if (text.trim() === '') return { error: 'Type the number your calls should show.' };
  const parsed = parseDialInput(text, region);
  if (!parsed.ok) return { error: parsed.message };
  if (parsed.kind === 'sip' || !parsed.e164.startsWith('+') || parsed.extension) {
    return {
      error: 'A caller ID is a full phone number without an extension, like +1 415 555 0100.',
    };
  }
  if (have.includes(parsed.e164))
    return { error: `${parsed.international} is already in the list.` };
  if (have.length >= MAX_CALLER_IDS) {
    return { error: `Up to ${MAX_CALLER_IDS} numbers; remove one first.` };
  }
  return { e164: parsed.e164 };
}
