import {
  DIRECT_CALL_POLICY,
  type AppInfo,
  type DialLink,
  type IncomingCall,
  type RegistrationState,
} from '@crokodialer/shared';
import type { DesktopServices } from '../services/desktop-services.js';
import type { IpcHandlers } from './ipc-router.js';

/** What differs between Electron and web mode: the OS integrations behind a few requests. */
export interface PlatformAdapter {
  appInfo(): AppInfo;
  /** Opens an http(s) link in the user's browser (main: openExternalUrl). */
  openLink(url: string): Promise<void>;
  setRegistrationState(state: RegistrationState): void;
  setCallActive(active: boolean): void;
  notifyIncomingCall(call: IncomingCall): void;
  focusWindow(): void;
  takePendingDial(): DialLink | null;
}

/**
 * Every request channel, implemented once over the services (docs/architecture.md#ipc-contract).
 */
export function createIpcHandlers(
  services: DesktopServices,
  platform: PlatformAdapter,
): IpcHandlers {
  const { session, settings, outbox, notices } = services;
  return {
    'session:get-state': () => session.getState(),
    'session:sign-in': async (request) => {
      const state = await session.signIn(request);
      services.reconnected();
      return state;
    },
    'session:sign-out': () => session.signOut(),
    'session:get-login-material': () => session.getLoginMaterial(),
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
    'call-logs:enqueue': (event) => services.enqueueCallLog(event),
    'call-logs:get-status': () => outbox.status(),
    'call-logs:list-pending': () => outbox.listPending(),
    'call-logs:list-local': () => services.localHistory.list(),
    'call-logs:list': async (query) =>
      settings.get().mode === 'companion'
        ? session.api().listCallLogs(query.cursor)
        : { items: [], nextCursor: null },
    'account:get-profile': async () =>
      settings.get().mode === 'companion' ? session.api().profile() : null,
    'account:get-call-policy': async () =>
      settings.get().mode === 'companion' ? session.api().callPolicy() : DIRECT_CALL_POLICY,
    'dial-links:take-pending': () => platform.takePendingDial(),
    'app:get-info': () => platform.appInfo(),
    'app:open-external': (url) => platform.openLink(url),
    'app:set-registration-state': (state) => platform.setRegistrationState(state),
    'app:set-call-active': (active) => platform.setCallActive(active),
    'app:notify-incoming-call': (call) => {
      if (!settings.get().doNotDisturb) platform.notifyIncomingCall(call);
    },
    'app:focus-window': () => platform.focusWindow(),
    'app:take-notices': () => notices.take(),
  };
}
