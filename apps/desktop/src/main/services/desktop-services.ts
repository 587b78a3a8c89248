import { join } from 'node:path';
import type { CallLogEvent } from '@crokodialer/shared';
import { fileCallLog, ownerOf, probeApi } from './call-log-filing.js';
import { CallLogOutbox } from './call-log-outbox.js';
import { LocalCallHistory } from './local-call-history.js';
import {
  CredentialVault,
  KEYCHAIN_UNAVAILABLE_MESSAGE,
  type KeychainBackend,
} from './credential-vault.js';
import { createLogger, type Logger } from './logger.js';
import { NoticeHub } from './notice-hub.js';
import type { BackoffOptions } from './outbox-policy.js';
import { PresenceSync } from './presence-sync.js';
import { SessionService } from './session-service.js';
import { SettingsStore, type SettingsStoreOptions } from './settings-store.js';
import { startupStep } from './startup-error.js';

export interface DesktopServicesOptions {
  /** userData in Electron; any folder in web mode and tests. */
  dataDir: string;
  defaultApiUrl: string;
  keychain: KeychainBackend;
  /** Electron's main passes electron-store here; `conf` otherwise. */
  createSettingsBackend?: SettingsStoreOptions['createBackend'];
  log?: Logger;
  echoLog?: boolean;
  outboxBackoff?: BackoffOptions;
  outboxCapacity?: number;
  /** Test seam at the network boundary. */
  fetch?: typeof fetch;
}

/**
 * The main-process services, built the same way by Electron's main and the web-mode host. A step
 * that fails throws a StartupError naming it, for the start-up failure window.
 */
export async function createDesktopServices(options: DesktopServicesOptions) {
  const log = await startupStep(
    'logs',
    () =>
      options.log ??
      createLogger({
        file: join(options.dataDir, 'logs', 'main.log'),
        echo: options.echoLog ?? false,
      }),
  );
  const notices = new NoticeHub();
  const settings = await startupStep(
    'settings',
    () =>
      new SettingsStore({
        dir: options.dataDir,
        defaultApiUrl: options.defaultApiUrl,
        onNotice: notices.publish,
        ...(options.createSettingsBackend ? { createBackend: options.createSettingsBackend } : {}),
      }),
  );
  const vault = new CredentialVault(options.keychain, {
    onMemoryFallback: () => {
      log.warn('keychain unavailable: sign-in is kept in memory for this run only');
      notices.publish({
        level: 'warning',
        message: KEYCHAIN_UNAVAILABLE_MESSAGE,
        at: new Date().toISOString(),
      });
    },
  });
  const session = new SessionService({
    settings,
    vault,
    log,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const outbox = new CallLogOutbox({
    dir: join(options.dataDir, 'outbox'),
    log,
    onNotice: notices.publish,
    ...(options.outboxBackoff ? { backoff: options.outboxBackoff } : {}),
    ...(options.outboxCapacity ? { capacity: options.outboxCapacity } : {}),
    deliver: fileCallLog(session),
    probe: probeApi(session),
  });
  const localHistory = new LocalCallHistory(options.dataDir, log);
  const presence = new PresenceSync({ settings, session, log });
  await startupStep('outbox', () => outbox.init());
  await startupStep('outbox', () => localHistory.init());
  try {
    await vault.checkAvailable();
  } catch (error) {
    notices.publish({
      level: 'error',
      message: error instanceof Error ? error.message : 'The system keychain is unavailable.',
      at: new Date().toISOString(),
    });
  }
  return {
    log,
    notices,
    settings,
    vault,
    session,
    outbox,
    localHistory,
    presence,
    /**
     * A call-log event from the renderer: queued for the companion account it belongs to, or, with
     * no companion account (direct mode), kept in the local history only.
     */
    enqueueCallLog: async (event: CallLogEvent) => {
      const owner = outbox.ownerOf(event.id) ?? ownerOf(await session.getState());
      if (owner) return outbox.enqueue(event, owner);
      await localHistory.record(event);
      return outbox.status();
    },
    /** The network or the machine is back, or the user signed in: catch up with the API now. */
    reconnected: () => {
      outbox.retryNow();
      void presence.sync();
    },
  };
}
export type DesktopServices = Awaited<ReturnType<typeof createDesktopServices>>;
