/**
 * The part of keytar we use; injected so tests can also run against the real module
 * (docs/architecture.md#real-keychain).
 */
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
  'The system keychain is unavailable, so your sign-in will not be remembered: it is kept in ' +
  'memory until Crokodialer quits and is never written anywhere. To be remembered, install and ' +
  'unlock a Secret Service (GNOME Keyring or KWallet) on Linux, then restart Crokodialer.';

/** Where the vault keeps secrets for this run: the OS keychain, or memory when it is unavailable. */
export type VaultStorage = 'keychain' | 'memory';

export interface CredentialVaultOptions {
  service?: string;
  /** Called once, when the keychain fails and the vault falls back to memory for the rest of the run. */
  onMemoryFallback?: () => void;
}

/**
 * Secrets live only in the OS keychain: the API refresh token per API server and the direct-mode
 * SIP credential. Where no keychain works (a server, a container, a locked or absent Secret
 * Service) they stay in this process's memory for the run instead, never in a file; the first
 * failure switches the vault to memory for good, so a flaky keychain cannot split one sign-in
 * across two stores.
 */
export class CredentialVault {
  private readonly service: string;
  private memory: Map<string, string> | null = null;

  constructor(
    private readonly backend: KeychainBackend,
    private readonly options: CredentialVaultOptions = {},
  ) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
  }

  get storage(): VaultStorage {
    return this.memory ? 'memory' : 'keychain';
  }

  getRefreshToken(apiUrl: string): Promise<string | null> {
    return this.get(refreshAccount(apiUrl));
  }
  setRefreshToken(apiUrl: string, token: string): Promise<void> {
    return this.set(refreshAccount(apiUrl), token);
  }
  deleteRefreshToken(apiUrl: string): Promise<void> {
    return this.delete(refreshAccount(apiUrl));
  }

  async getDirectCredential(): Promise<DirectCredential | null> {
    const raw = await this.get(DIRECT_ACCOUNT);
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
  setDirectCredential(credential: DirectCredential): Promise<void> {
    const raw = JSON.stringify({ login: credential.login, password: credential.password });
    return this.set(DIRECT_ACCOUNT, raw);
  }
  deleteDirectCredential(): Promise<void> {
    return this.delete(DIRECT_ACCOUNT);
  }

  /** Probes the keychain once at startup, so a missing one is known (and said) before sign-in. */
  async checkAvailable(): Promise<VaultStorage> {
    await this.get('availability-probe');
    return this.storage;
  }

  private get(account: string): Promise<string | null> {
    return this.run(
      () => this.backend.getPassword(this.service, account),
      (memory) => memory.get(account) ?? null,
    );
  }
  private set(account: string, secret: string): Promise<void> {
    return this.run(
      () => this.backend.setPassword(this.service, account, secret),
      (memory) => void memory.set(account, secret),
    );
  }
  private delete(account: string): Promise<void> {
    return this.run(
      async () => void (await this.backend.deletePassword(this.service, account)),
      (memory) => void memory.delete(account),
    );
  }

  private async run<T>(keychain: () => Promise<T>, inMemory: (memory: Map<string, string>) => T) {
    if (this.memory) return inMemory(this.memory);
    try {
      return await keychain();
    } catch {
      // keytar's own message ("Cannot autolaunch D-Bus…", "No such interface…") helps nobody;
      // the fallback notice says what it means for the user.
      this.memory = new Map();
      this.options.onMemoryFallback?.();
      return inMemory(this.memory);
    }
  }
}
