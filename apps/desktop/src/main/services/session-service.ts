import type { LoginMaterial, SessionState, SignInRequest } from '@crokodialer/shared';
import { ApiClient } from './api-client.js';
import { AppError } from './app-error.js';
import type { CredentialVault } from './credential-vault.js';
import type { Logger } from './logger.js';
import type { SettingsStore } from './settings-store.js';

export interface SessionServiceOptions {
  settings: SettingsStore;
  vault: CredentialVault;
  log: Logger;
  /** Test seam for fetch; production uses the global one. */
  fetch?: typeof fetch;
}

/**
 * Sign-in, sign-out and the login provider (docs/architecture.md#secrets-and-login-modes).
 * Companion mode: the API refresh token in the keychain, a short-lived Telnyx login token per
 * registration. Direct mode: the SIP credential in the keychain. `getLoginMaterial` is the only
 * secret that crosses IPC.
 */
export class SessionService {
  private client: ApiClient | null = null;
  private last: SessionState | null = null;
  private readonly listeners = new Set<(state: SessionState) => void>();
  private readonly gateways = new Set<string>();
  private readonly gatewayListeners = new Set<() => void>();

  constructor(private readonly options: SessionServiceOptions) {}

  /** The API client of the configured server (one per URL, so tokens never cross servers). */
  api(): ApiClient {
    const { apiUrl } = this.options.settings.get();
    if (this.client?.baseUrl !== apiUrl.replace(/\/+$/, '')) {
      const { vault, log } = this.options;
      this.client = new ApiClient({
        baseUrl: apiUrl,
        log,
        ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
        tokens: {
          get: () => vault.getRefreshToken(apiUrl),
          set: (t) => vault.setRefreshToken(apiUrl, t),
          clear: () => vault.deleteRefreshToken(apiUrl),
        },
      });
    }
    return this.client;
  }

  /** The state last read (null before the first read): for decisions that cannot wait. */
  current(): SessionState | null {
    return this.last;
  }

  /** Sign-in and sign-out, whoever caused them. */
  onChange(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The Telnyx gateways the page may reach: the one in the settings and each one the companion
   * API handed out with login material this run (renderer-csp.ts builds the page's CSP from them).
   */
  gatewayHosts(): string[] {
    return [this.options.settings.get().telnyxHost, ...this.gateways];
  }

  /** The API handed out a gateway not seen before this run. */
  onNewGateway(listener: () => void): () => void {
    this.gatewayListeners.add(listener);
    return () => this.gatewayListeners.delete(listener);
  }

  async getState(): Promise<SessionState> {
    const state = await this.readState();
    const changed = JSON.stringify(state) !== JSON.stringify(this.last);
    this.last = state;
    if (changed) for (const l of this.listeners) l(state);
    return state;
  }

  private async readState(): Promise<SessionState> {
    const s = this.options.settings.get();
    const { vault } = this.options;
    if (s.mode === 'direct') {
      const credential = await vault.getDirectCredential();
      return credential
        ? {
            status: 'signed-in',
            mode: 'direct',
            login: credential.login,
            remembered: vault.storage === 'keychain',
          }
        : { status: 'signed-out', mode: 'direct' };
    }
    const token = await vault.getRefreshToken(s.apiUrl);
    return token
      ? {
          status: 'signed-in',
          mode: 'companion',
          apiUrl: s.apiUrl,
          email: s.accountEmail,
          remembered: vault.storage === 'keychain',
        }
      : { status: 'signed-out', mode: 'companion' };
  }

  async signIn(request: SignInRequest): Promise<SessionState> {
    const { settings, vault, log } = this.options;
    if (request.mode === 'direct') {
      log.addSecret(request.password);
      await vault.setDirectCredential({ login: request.login, password: request.password });
      settings.updateInternal({
        mode: 'direct',
        accountEmail: null,
        ...(request.telnyxHost ? { telnyxHost: request.telnyxHost } : {}),
      });
      log.info('signed in (direct mode)');
      return this.getState();
    }
    log.addSecret(request.password);
    const previous = settings.get();
    if (request.apiUrl) settings.updateInternal({ apiUrl: request.apiUrl });
    try {
      const session = await this.api().signIn(request.email, request.password);
      settings.updateInternal({ mode: 'companion', accountEmail: session.user.email });
      log.info('signed in (companion mode)');
      return this.getState();
    } catch (error) {
      settings.updateInternal({ apiUrl: previous.apiUrl });
      throw error;
    }
  }

  async signOut(): Promise<SessionState> {
    const s = this.options.settings.get();
    if (s.mode === 'direct') await this.options.vault.deleteDirectCredential();
    else await this.api().signOut();
    this.options.settings.updateInternal({ accountEmail: null });
    this.options.log.info('signed out');
    return this.getState();
  }

  /**
   * Material for ONE Telnyx registration; ask again for every (re)login
   * (docs/architecture.md#login-material, docs/architecture.md#reconnect-design).
   */
  async getLoginMaterial(): Promise<LoginMaterial> {
    const s = this.options.settings.get();
    if (s.mode === 'direct') {
      const credential = await this.options.vault.getDirectCredential();
      if (!credential) {
        throw new AppError('not-signed-in', 'Enter your Telnyx SIP username and password first.');
      }
      return { kind: 'credentials', ...credential, host: s.telnyxHost };
    }
    const minted = await this.api().getWebrtcToken();
    this.options.log.addSecret(minted.token);
    if (!this.gateways.has(minted.host)) {
      this.gateways.add(minted.host);
      for (const l of this.gatewayListeners) l();
    }
    return { kind: 'token', token: minted.token, expiresAt: minted.expiresAt, host: minted.host };
  }
}
