import type { AccountProfile, SessionState, SignInRequest } from '@crokodialer/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { signInErrorMessage } from './sign-in-messages.js';

/** What the sign-in feature needs from main (wired over window.dialer in the composition root). */
export interface SessionPorts {
  getState: () => Promise<SessionState>;
  signIn: (request: SignInRequest) => Promise<SessionState>;
  signOut: () => Promise<SessionState>;
  getProfile: () => Promise<AccountProfile | null>;
}

export interface SessionStoreState {
  /** null until main answered. */
  session: SessionState | null;
  profile: AccountProfile | null;
  busy: boolean;
  error: string | null;
  startupRequested: () => Promise<void>;
  signInRequested: (request: SignInRequest, apiUrl: string) => Promise<boolean>;
  signOutRequested: () => Promise<void>;
  profileRequested: () => Promise<void>;
}

export type SessionStore = StoreApi<SessionStoreState>;

export function createSessionStore(ports: SessionPorts): SessionStore {
  return createStore<SessionStoreState>()((set, get) => ({
    session: null,
    profile: null,
    busy: false,
    error: null,

    startupRequested: async () => {
      try {
        set({ session: await ports.getState(), error: null });
        await get().profileRequested();
      } catch (error) {
        set({
          session: { status: 'signed-out', mode: 'companion' },
          error: signInErrorMessage(error, 'the configured address'),
        });
      }
    },

    signInRequested: async (request, apiUrl) => {
      if (get().busy) return false;
      set({ busy: true, error: null });
      try {
        const session = await ports.signIn(request);
        set({ session, busy: false });
        await get().profileRequested();
        return true;
      } catch (error) {
        set({ busy: false, error: signInErrorMessage(error, apiUrl) });
        return false;
      }
    },

    signOutRequested: async () => {
      set({ busy: true });
      try {
        set({ session: await ports.signOut(), profile: null, busy: false, error: null });
      } catch (error) {
        set({ busy: false, error: signInErrorMessage(error, 'the server') });
      }
    },

    // The profile is a convenience (caller IDs, phone-line check): failing to get it is not an error.
    profileRequested: async () => {
      if (get().session?.status !== 'signed-in') return;
      const profile = await ports.getProfile().catch(() => null);
      set({ profile });
    },
  }));
}
