import type { DialerApi } from '@crokodialer/shared';
import { QueryClient } from '@tanstack/react-query';
import {
  createAfterCallStore,
  type AfterCallStore,
} from '../features/after-call/after-call.store.js';
import { createDialPadStore, type DialPadStore } from '../features/dial-pad/dial-pad.store.js';
import { createHistoryStore, type HistoryStore } from '../features/history/history.store.js';
import { createSessionStore, type SessionStore } from '../features/sign-in/session.store.js';
import type { TelephonyEngine } from '../telephony/telephony-engine.js';
import { createTelephonyStore, type TelephonyStore } from '../telephony/telephony.store.js';
import { CallLogMemory } from './call-log-memory.js';
import { createEngine } from './create-engine.js';
import { createSettingsStore, type SettingsStore } from './settings.store.js';

/** Everything the UI uses, built once; React reaches it through ServicesProvider. */
export interface AppServices {
  /** Only app/ code uses it; features get ports and stores. */
  dialer: DialerApi;
  engine: TelephonyEngine;
  telephony: TelephonyStore;
  settings: SettingsStore;
  session: SessionStore;
  dialPad: DialPadStore;
  history: HistoryStore;
  afterCall: AfterCallStore;
  callLogs: CallLogMemory;
  queries: QueryClient;
}

const RECENT_KEY = 'crokodialer.recent-numbers';

/** Recent numbers survive restarts in the renderer's own storage (no secrets, only numbers). */
function recentStorage(storage: Storage | undefined) {
  return {
    load: (): string[] => {
      try {
        const parsed: unknown = JSON.parse(storage?.getItem(RECENT_KEY) ?? '[]');
        return Array.isArray(parsed)
          ? parsed.filter((n): n is string => typeof n === 'string')
          : [];
      } catch {
        return [];
      }
    },
    save: (numbers: string[]) => storage?.setItem(RECENT_KEY, JSON.stringify(numbers)),
  };
}

export function createServices(dialer: DialerApi, win: Window): AppServices {
  const callLogs = new CallLogMemory();
  const telephony = createTelephonyStore();
  const engine = createEngine(callLogs.wrap(dialer), win, { store: telephony });
  return {
    dialer,
    engine,
    telephony,
    settings: createSettingsStore(dialer),
    session: createSessionStore({
      getState: () => dialer.session.getState(),
      signIn: (request) => dialer.session.signIn(request),
      signOut: () => dialer.session.signOut(),
      getProfile: () => dialer.account.getProfile(),
    }),
    dialPad: createDialPadStore(recentStorage(win.localStorage)),
    history: createHistoryStore(),
    afterCall: createAfterCallStore({
      lastEvent: (logId) => callLogs.get(logId),
      enqueue: async (event) => {
        await dialer.callLogs.enqueue(event);
      },
      getPolicy: () => dialer.account.getCallPolicy(),
    }),
    callLogs,
    queries: new QueryClient({
      defaultOptions: { queries: { staleTime: 10_000, retry: 1, refetchOnWindowFocus: true } },
    }),
  };
}
