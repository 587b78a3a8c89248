import {
  DIRECT_CALL_POLICY,
  type CallDirection,
  type CallLogEvent,
  type CallPolicy,
} from '@crokodialer/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';

/** How the after-call form reaches the call log: the outbox, by the call's own log id. */
export interface AfterCallPorts {
  /** The last call-log event the engine reported for this call (the record to amend). */
  lastEvent: (logId: string) => CallLogEvent | undefined;
  /** Durable once it resolves; the outbox delivers it to the API when it can. */
  enqueue: (event: CallLogEvent) => Promise<void>;
  /** The org's wrap-up rules as they are now (an admin may change them during a shift). */
  getPolicy: () => Promise<CallPolicy>;
}

export interface WrapUp {
  logId: string;
  /** The SDK call id, to dismiss the ended call from the engine when done. */
  callId: string;
  remote: string;
  direction: CallDirection;
  outcome: string;
}

export interface AfterCallState {
  current: WrapUp | null;
  /** The last policy read; direct mode's until the first read answers. */
  policy: CallPolicy;
  disposition: string | null;
  notes: string;
  saving: boolean;
  saved: boolean;
  error: string | null;
  callEnded: (wrapUp: WrapUp) => void;
  dispositionChosen: (disposition: string | null) => void;
  notesTyped: (notes: string) => void;
  /** Reads the policy again; a failed read keeps the last one (the form must not block on it). */
  policyRequested: () => Promise<void>;
  /** Saves the form; false (with `error`) when it is incomplete or could not be queued. */
  saveRequested: () => Promise<boolean>;
  /** Leaves the form; refused while a disposition the org requires is missing. */
  finished: () => boolean;
}

export type AfterCallStore = StoreApi<AfterCallState>;

export const MAX_NOTES = 5000;
export const DISPOSITION_REQUIRED = 'Choose an outcome for this call before moving on.';

export function createAfterCallStore(ports: AfterCallPorts): AfterCallStore {
  const blank = { disposition: null, notes: '', saving: false, saved: false, error: null };
  return createStore<AfterCallState>()((set, get) => ({
    current: null,
    policy: DIRECT_CALL_POLICY,
    ...blank,

    callEnded: (current) => {
      set({ current, ...blank });
      void get().policyRequested();
    },
    policyRequested: async () => {
      const policy = await ports.getPolicy().catch(() => null);
      if (policy) set({ policy });
    },
    dispositionChosen: (disposition) => set({ disposition, saved: false, error: null }),
    notesTyped: (notes) => set({ notes: notes.slice(0, MAX_NOTES), saved: false }),

    saveRequested: async () => {
      const { current, disposition, notes, policy } = get();
      if (!current) return false;
      if (policy.requireDisposition && disposition === null) {
        set({ error: DISPOSITION_REQUIRED });
        return false;
      }
      const event = ports.lastEvent(current.logId);
      if (!event) {
        set({ error: 'This call was not logged, so there is nothing to add notes to.' });
        return false;
      }
      set({ saving: true, error: null });
      try {
        const trimmed = notes.trim();
        await ports.enqueue({ ...event, disposition, notes: trimmed === '' ? null : trimmed });
        set({ saving: false, saved: true });
        return true;
      } catch (error) {
        const message = error instanceof Error ? error.message.replace(/^[a-z-]+: |\.$/g, '') : '';
        set({ saving: false, error: `Not saved: ${message || 'try again'}.` });
        return false;
      }
    },

    finished: () => {
      const { saved, disposition, policy } = get();
      if (policy.requireDisposition && !(saved && disposition !== null)) {
        set({ error: DISPOSITION_REQUIRED });
        return false;
      }
      set({ current: null, ...blank });
      return true;
    },
  }));
}
