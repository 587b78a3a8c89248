import type { Settings, UpdatePresence } from '@crokodialer/shared';
import type { Logger } from './logger.js';
import type { SessionService } from './session-service.js';
import type { SettingsStore } from './settings-store.js';

export type ApiPresence = UpdatePresence['presence'];

/** What the team sees: do-not-disturb wins over the chosen presence. */
export function presenceOf(settings: Pick<Settings, 'doNotDisturb' | 'presence'>): ApiPresence {
  return settings.doNotDisturb ? 'do-not-disturb' : settings.presence;
}

export interface PresenceSyncOptions {
  settings: SettingsStore;
  session: SessionService;
  log: Logger;
}

/**
 * Pushes the agent's presence to the companion API whenever the settings change it, from
 * wherever (tray, this window, another window). Settings stay the one source; the API learns the
 * latest value, one request at a time. A push that fails (offline, signed out) is retried by
 * `sync()`, which main calls after sign-in, on resume and when the network returns.
 */
export class PresenceSync {
  /** The value the API last acknowledged for the signed-in account; null: unknown. */
  private acknowledged: { account: string; presence: ApiPresence } | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly stop: () => void;

  constructor(private readonly options: PresenceSyncOptions) {
    let last = presenceOf(options.settings.get());
    this.stop = options.settings.onChange((s) => {
      if (presenceOf(s) === last) return;
      last = presenceOf(s);
      void this.sync();
    });
  }

  /** Brings the API up to date with the settings; resolves when done (never rejects). */
  sync(): Promise<void> {
    this.queue = this.queue.then(() => this.push());
    return this.queue;
  }

  dispose(): void {
    this.stop();
  }

  private async push(): Promise<void> {
    const { settings, session, log } = this.options;
    const state = await session.getState().catch(() => null);
    if (state?.status !== 'signed-in' || state.mode !== 'companion') return;
    const account = `${state.apiUrl} ${state.email ?? ''}`;
    const presence = presenceOf(settings.get());
    if (this.acknowledged?.account === account && this.acknowledged.presence === presence) return;
    try {
      await session.api().setPresence(presence);
      this.acknowledged = { account, presence };
    } catch (error) {
      log.warn('presence: not sent to the server yet', error);
    }
  }
}
