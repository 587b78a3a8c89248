import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CallView } from '../../telephony/telephony.store.js';

/** The call screen's own state: the DTMF pad, digits sent, and the last command's complaint. */
export interface CallScreenState {
  keypadOpen: boolean;
  /** Digits sent on the current call, shown like a phone shows them. */
  sent: string;
  message: string | null;
  keypadToggled: () => void;
  digitsSent: (digits: string) => void;
  commandFailed: (message: string) => void;
  callChanged: () => void;
}

export type CallScreenStore = StoreApi<CallScreenState>;

export const MAX_SHOWN_DIGITS = 24;

export function createCallScreenStore(): CallScreenStore {
  return createStore<CallScreenState>()((set) => ({
    keypadOpen: false,
    sent: '',
    message: null,
    keypadToggled: () => set((s) => ({ keypadOpen: !s.keypadOpen })),
    digitsSent: (digits) =>
      set((s) => ({ sent: (s.sent + digits).slice(-MAX_SHOWN_DIGITS), message: null })),
    commandFailed: (message) => set({ message }),
    callChanged: () => set({ keypadOpen: false, sent: '', message: null }),
  }));
}

type Live = Exclude<CallView, { phase: 'ended' }>;

/**
 * The call the screen is about: the connected call that is not on hold, else the newest outbound
 * call being set up, else the oldest live one. Ringing inbound calls belong to the ringing card.
 */
export function focusedCall(calls: readonly CallView[]): Live | undefined {
  const live = calls.filter((c): c is Live => c.phase !== 'ended' && c.phase !== 'incoming');
  return (
    live.find((c) => c.phase === 'active' && !c.held) ??
    [...live].reverse().find((c) => c.phase !== 'active') ??
    live[0]
  );
}

/** Keys the call screen sends as DTMF when typed. */
export function dtmfKey(key: string): string | null {
  return /^[0-9*#]$/.test(key) ? key : null;
}

/** Words for where a call stands, for the screen and the live region alike. */
export function phaseWords(call: CallView): string {
  switch (call.phase) {
    case 'dialing':
      return 'Calling…';
    case 'ringing-out':
      return 'Ringing…';
    case 'answering':
      return 'Connecting…';
    case 'incoming':
      return 'Incoming call';
    case 'active':
      if (call.recovering) return 'Reconnecting: your call is kept';
      return call.held ? 'On hold' : 'Connected';
    case 'ended':
      return 'Call ended';
  }
}
