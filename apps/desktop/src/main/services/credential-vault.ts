import { AppError } from './app-error.js';

/** The part of keytar we use; injected so tests can also run against the real module (DESIGN.md §6). */
export interface KeychainBackend {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface DirectCredential {
  login: string;
  password: string;
}

export const KEYCHAIN_SERVICE = 'Crokodialer';
const DIRECT_ACCOUNT = 'telnyx-sip-credential';
const refreshAccount = (apiUrl: string) => `api-refresh-token:${new URL(apiUrl).origin}`;

export const KEYCHAIN_UNAVAILABLE_MESSAGE =
  'The system keychain is unavailable, so Crokodialer cannot keep your sign-in. On Linux, install ' +
  'and unlock a Secret Service (GNOME Keyring or KWallet) and try again. Secrets are never stored ' +
  'anywhere else.';

/**
 * Secrets live only in the OS keychain (DESIGN.md §3): the API refresh token per API server and the
 * direct-mode SIP credential. When the keychain fails we refuse — there is no file fallback.
 */
export class CredentialVault {
  constructor(
    private readonly backend: KeychainBackend,
    private readonly service = KEYCHAIN_SERVICE,
  ) {}

  getRefreshToken(apiUrl: string): Promise<string | null> {
    return this.guard(() => this.backend.getPassword(this.service, refreshAccount(apiUrl)));
  }
  async setRefreshToken(apiUrl: string, token: string): Promise<void> {
    await this.guard(() => this.backend.setPassword(this.service, refreshAccount(apiUrl), token));
  }
  async deleteRefreshToken(apiUrl: string): Promise<void> {
    await this.guard(() => this.backend.deletePassword(this.service, refreshAccount(apiUrl)));
  }

  async getDirectCredential(): Promise<DirectCredential | null> {
    const raw = await this.guard(() => this.backend.getPassword(this.service, DIRECT_ACCOUNT));
    if (raw === null) return null;
    try {
      const value = JSON.parse(raw) as Partial<DirectCredential>;
      if (typeof value.login === 'string' && typeof value.password === 'string') {
        return { login: value.login, password: value.password };
      }
    } catch {
      // fall through: an unreadable entry is treated as absent; the user signs in again.
    }
    return null;
  }
  async setDirectCredential(credential: DirectCredential): Promise<void> {
    const raw = JSON.stringify({ login: credential.login, password: credential.password });
    await this.guard(() => this.backend.setPassword(this.service, DIRECT_ACCOUNT, raw));
  }
  async deleteDirectCredential(): Promise<void> {
    await this.guard(() => this.backend.deletePassword(this.service, DIRECT_ACCOUNT));
  }

  /** Probes the keychain once (startup), so the user hears about a missing keychain before signing in. */
  async checkAvailable(): Promise<void> {
    await this.guard(() => this.backend.getPassword(this.service, 'availability-probe'));
  }

  private async guard<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch {
      // keytar's own message ("Cannot autolaunch D-Bus…", "No such interface…") helps nobody.
      throw new AppError('keychain-unavailable', KEYCHAIN_UNAVAILABLE_MESSAGE);
    }
  }
}
