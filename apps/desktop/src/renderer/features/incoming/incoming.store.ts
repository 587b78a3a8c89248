import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CallView } from '../../telephony/telephony.store.js';

export type Ringing = Extract<CallView, { phase: 'incoming' }>;

/** The ringing call the card shows: the one that rang first. */
export function ringingCall(calls: readonly CallView[]): Ringing | undefined {
  return calls
    .filter((c): c is Ringing => c.phase === 'incoming')
    .sort((a, b) => a.startedAt - b.startedAt)[0];
}

/** The ringing card's own state: a press in flight, and why the last one failed. */
export interface IncomingState {
  busy: boolean;
  message: string | null;
  /** Runs answer or decline once at a time; a second press while one runs is ignored. */
  pressed: (command: () => Promise<{ ok: true } | { ok: false; message: string }>) => Promise<void>;
  callChanged: () => void;
}

export type IncomingStore = StoreApi<IncomingState>;

export function createIncomingStore(): IncomingStore {
  return createStore<IncomingState>()((set, get) => ({
    busy: false,
    message: null,
    pressed: async (command) => {
      if (get().busy) return;
      set({ busy: true, message: null });
      const result = await command().catch((e: unknown) => ({
        ok: false as const,
        message: e instanceof Error ? e.message : 'That did not work. Try again.',
      }));
      set({ busy: false, message: result.ok ? null : result.message });
    },
    callChanged: () => set({ busy: false, message: null }),
  }));
}
