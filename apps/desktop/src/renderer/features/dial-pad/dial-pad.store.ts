import {
  deleteDialableBefore,
  formatDialInput,
  parseDialInput,
  type AccountProfile,
  type CountryCode,
  type Settings,
} from '@crokodialer/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';

/** Where recent numbers are kept between runs (localStorage in the app, a map in tests). */
export interface RecentNumbersStorage {
  load(): string[];
  save(numbers: string[]): void;
}

/** What to dial and how to show it. */
export interface DialTarget {
  /** E.164, an emergency/short code as typed, or a sip: URI. */
  destination: string;
  display: string;
  /** Digits dialled as DTMF once the call is answered (`;ext=123`, `x123`, `,,123`). */
  extension?: string | undefined;
}

export const MAX_RECENT = 8;

export interface DialPadState {
  text: string;
  caret: number;
  error: string | null;
  recent: string[];
  /** The caller ID picked for the next calls; null means the first the account has. */
  callerId: string | null;
  callerIdChosen: (callerId: string) => void;
  textEdited: (text: string, caret: number, region: CountryCode) => void;
  keyPressed: (key: string, region: CountryCode) => void;
  backspacePressed: (region: CountryCode) => void;
  cleared: () => void;
  filled: (text: string, region: CountryCode) => void;
  /** Parses the field; a target to dial, or null with `error` saying what to fix. */
  dialRequested: (region: CountryCode) => DialTarget | null;
  dialFailed: (message: string) => void;
  dialed: (target: DialTarget) => void;
}

export type DialPadStore = StoreApi<DialPadState>;

export function targetOf(text: string, region: CountryCode): DialTarget | { error: string } {
  const parsed = parseDialInput(text, region);
  if (!parsed.ok) return { error: parsed.message };
  if (parsed.kind === 'sip') return { destination: parsed.uri, display: parsed.uri };
  return { destination: parsed.e164, display: parsed.international, extension: parsed.extension };
}

export function createDialPadStore(storage: RecentNumbersStorage): DialPadStore {
  return createStore<DialPadState>()((set, get) => ({
    text: '',
    caret: 0,
    error: null,
    recent: storage.load().slice(0, MAX_RECENT),
    callerId: null,
    callerIdChosen: (callerId) => set({ callerId }),

    textEdited: (text, caret, region) => {
      const edit = formatDialInput(text, caret, region);
      set({ text: edit.text, caret: edit.caret, error: null });
    },
    keyPressed: (key, region) => {
      const { text, caret } = get();
      const next = text.slice(0, caret) + key + text.slice(caret);
      get().textEdited(next, caret + key.length, region);
    },
    backspacePressed: (region) => {
      const { text, caret } = get();
      const edit = deleteDialableBefore(text, caret, region);
      set({ text: edit.text, caret: edit.caret, error: null });
    },
    cleared: () => set({ text: '', caret: 0, error: null }),
    filled: (text, region) => get().textEdited(text, text.length, region),

    dialRequested: (region) => {
      const target = targetOf(get().text, region);
      if ('error' in target) {
        set({ error: target.error });
        return null;
      }
      return target;
    },
    dialFailed: (message) => set({ error: message }),
    dialed: (target) => {
      const recent = [target.destination, ...get().recent.filter((n) => n !== target.destination)];
      const kept = recent.slice(0, MAX_RECENT);
      storage.save(kept);
      set({ recent: kept, text: '', caret: 0, error: null });
    },
  }));
}

/** The caller ID to use: the chosen one while the account still has it, else its first. */
export function effectiveCallerId(
  chosen: string | null,
  available: readonly string[],
): string | null {
  return chosen !== null && available.includes(chosen) ? chosen : (available[0] ?? null);
}

/**
 * The caller IDs the agent may choose from: the companion account's list from the API, or in
 * direct mode (no account) the numbers the agent entered in Settings.
 */
export function availableCallerIds(
  settings: Pick<Settings, 'mode' | 'directCallerIds'>,
  profile: Pick<AccountProfile, 'callerIds'> | null,
): readonly string[] {
  return settings.mode === 'direct' ? settings.directCallerIds : (profile?.callerIds ?? []);
}
