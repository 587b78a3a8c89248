import { join } from 'node:path';
import { CallLogOutbox } from './call-log-outbox.js';
import { CredentialVault, type KeychainBackend } from './credential-vault.js';
import { createLogger, type Logger } from './logger.js';
import { NoticeHub } from './notice-hub.js';
import type { BackoffOptions } from './outbox-policy.js';
import { PresenceSync } from './presence-sync.js';
import { SessionService } from './session-service.js';
import { SettingsStore, type SettingsStoreOptions } from './settings-store.js';

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

/** The main-process services, built the same way by Electron's main and the web-mode host. */
export async function createDesktopServices(options: DesktopServicesOptions) {
  const log =
    options.log ??
    createLogger({
      file: join(options.dataDir, 'logs', 'main.log'),
      echo: options.echoLog ?? false,
    });
  const notices = new NoticeHub();
  const settings = new SettingsStore({
    dir: options.dataDir,
    defaultApiUrl: options.defaultApiUrl,
    onNotice: notices.publish,
    ...(options.createSettingsBackend ? { createBackend: options.createSettingsBackend } : {}),
  });
  const vault = new CredentialVault(options.keychain);
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
    deliver: async (event) => void (await session.api().upsertCallLog(event)),
  });
  const presence = new PresenceSync({ settings, session, log });
  await outbox.init();
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
    presence,
    /** The network or the machine is back, or the user signed in: catch up with the API now. */
    reconnected: () => {
      outbox.retryNow();
      void presence.sync();
    },
  };
}
export type DesktopServices = Awaited<ReturnType<typeof createDesktopServices>>;
