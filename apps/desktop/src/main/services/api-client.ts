import {
  AccountProfileSchema,
  CallPolicySchema,
  AuthSessionSchema,
  CallLogPageSchema,
  CallLogSchema,
  MeSchema,
  type AccountProfile,
  type CallPolicy,
  type CallLogPage,
  ErrorEnvelopeSchema,
  PresenceEntrySchema,
  WebrtcTokenSchema,
  type AuthSession,
  type CallLog,
  type CallLogEvent,
  type PresenceEntry,
  type UpdateCallLog,
  type UpdatePresence,
  type WebrtcToken,
} from '@crokodialer/shared';
import type { z } from 'zod';
import { AppError } from './app-error.js';
import type { Logger } from './logger.js';

/** Where the refresh token lives: the keychain, for this API server (credential-vault.ts). */
export interface RefreshTokenStore {
  get(): Promise<string | null>;
  set(token: string): Promise<void>;
  clear(): Promise<void>;
}

export interface ApiClientOptions {
  baseUrl: string;
  tokens: RefreshTokenStore;
  log: Logger;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
}

/** Refresh the access token this long before it expires, so a request never races its expiry. */
const ACCESS_SKEW_MS = 30_000;

/**
 * Typed client of the companion API (schemas from packages/shared/src/api). The access token stays
 * in memory; the rotating refresh token lives in the keychain; refreshes are single-flight so
 * concurrent requests never spend one refresh token twice (which the API treats as reuse).
 */
export class ApiClient {
  private access: { token: string; expiresAt: number } | null = null;
  /** Who the current session belongs to (from the last login or refresh). */
  private userId: string | null = null;
  private refreshing: Promise<string> | null = null;
  private readonly fetch: typeof fetch;
  readonly baseUrl: string;

  constructor(private readonly options: ApiClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  async signIn(email: string, password: string): Promise<AuthSession> {
    const session = await this.send('POST', '/api/auth/login', { email, password }, null);
    return this.adopt(AuthSessionSchema.parse(session));
  }

  /** Ends the session on the server when reachable; always forgets it locally. */
  async signOut(): Promise<void> {
    const refreshToken = await this.options.tokens.get();
    this.access = null;
    await this.options.tokens.clear();
    if (!refreshToken) return;
    try {
      await this.send('POST', '/api/auth/logout', { refreshToken }, null);
    } catch (error) {
      this.options.log.warn('sign-out: server not told (token expires on its own)', error);
    }
  }

  getWebrtcToken(): Promise<WebrtcToken> {
    return this.authed('POST', '/api/me/webrtc-token', undefined, WebrtcTokenSchema);
  }

  async profile(): Promise<AccountProfile> {
    const { user } = await this.authed('GET', '/api/auth/me', undefined, MeSchema);
    return AccountProfileSchema.parse(user);
  }

  /** The org's wrap-up rules; any member of the org may read them. */
  callPolicy(): Promise<CallPolicy> {
    return this.authed('GET', '/api/me/call-policy', undefined, CallPolicySchema);
  }

  /** The signed-in user's own calls, newest first (an admin's list would hold the whole org's). */
  async listCallLogs(cursor: string | undefined): Promise<CallLogPage> {
    await this.accessToken();
    const agentId = this.userId ?? '';
    const query = new URLSearchParams({ limit: '200', agentId, ...(cursor ? { cursor } : {}) });
    return this.authed('GET', `/api/call-logs?${query.toString()}`, undefined, CallLogPageSchema);
  }

  setPresence(presence: UpdatePresence['presence']): Promise<PresenceEntry> {
    return this.authed('PUT', '/api/me/presence', { presence }, PresenceEntrySchema);
  }

  upsertCallLog(event: CallLogEvent): Promise<CallLog> {
    return this.authed('POST', '/api/call-logs', event, CallLogSchema);
  }

  /** A correction after the call (disposition, notes): the API applies it as is. */
  updateCallLog(id: string, change: UpdateCallLog): Promise<CallLog> {
    return this.authed('PATCH', `/api/call-logs/${encodeURIComponent(id)}`, change, CallLogSchema);
  }

  /** Whether the server answers at all: a cheap, unauthenticated GET /healthz. */
  async isUp(): Promise<boolean> {
    try {
      const response = await this.fetch(`${this.baseUrl}/healthz`, {
        signal: AbortSignal.timeout(2_000),
      });
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  }

  private async authed<S extends z.ZodType>(
    method: string,
    path: string,
    body: unknown,
    schema: S,
  ): Promise<z.output<S>> {
    const token = await this.accessToken();
    try {
      return schema.parse(await this.send(method, path, body, token));
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'unauthorized')) throw error;
      // The access token was revoked or the clock drifted: refresh once and retry once.
      this.access = null;
      return schema.parse(await this.send(method, path, body, await this.accessToken()));
    }
  }

  private async accessToken(): Promise<string> {
    if (this.access && this.access.expiresAt - ACCESS_SKEW_MS > this.now())
      return this.access.token;
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<string> {
    const refreshToken = await this.options.tokens.get();
    if (!refreshToken) {
      throw new AppError('not-signed-in', 'Sign in to your Crokodialer account first.');
    }
    this.options.log.addSecret(refreshToken);
    try {
      const session = AuthSessionSchema.parse(
        await this.send('POST', '/api/auth/refresh', { refreshToken }, null),
      );
      return (await this.adopt(session)).accessToken;
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthorized') {
        await this.options.tokens.clear();
        throw new AppError('unauthorized', 'Your session has ended. Sign in again.');
      }
      throw error;
    }
  }

  private async adopt(session: AuthSession): Promise<AuthSession> {
    this.options.log.addSecret(session.accessToken);
    this.options.log.addSecret(session.refreshToken);
    await this.options.tokens.set(session.refreshToken);
    this.userId = session.user.id;
    this.access = {
      token: session.accessToken,
      expiresAt: Date.parse(session.accessTokenExpiresAt),
    };
    return session;
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    token: string | null,
  ): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch {
      throw new AppError(
        'offline',
        `Cannot reach the Crokodialer server at ${this.baseUrl}. Check your connection; ` +
          'Crokodialer keeps retrying.',
      );
    }
    const text = await response.text();
    const json: unknown = text ? safeJson(text) : null;
    if (response.ok) return json;
    throw errorFor(response, json);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds from now. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function errorFor(response: Response, json: unknown): AppError {
  const envelope = ErrorEnvelopeSchema.safeParse(json);
  const serverMessage = envelope.success ? envelope.data.error.message : null;
  if (response.status === 401) {
    return new AppError(
      'unauthorized',
      'Your email or password is not right, or your session ended.',
    );
  }
  if (response.status === 429) {
    const wait = retryAfterMs(response.headers.get('retry-after'));
    const when = wait === null ? 'in a minute' : `in ${Math.max(1, Math.ceil(wait / 1000))} s`;
    return new AppError('rate-limited', `Too many attempts. Try again ${when}.`, wait);
  }
  if (response.status >= 500) {
    return new AppError(
      'server-error',
      `The Crokodialer server had a problem (HTTP ${response.status}). Try again shortly.`,
    );
  }
  if (response.status === 403) {
    return new AppError('forbidden', serverMessage ?? 'Your account may not do that.');
  }
  return new AppError(
    'bad-request',
    serverMessage ?? `The server refused (HTTP ${response.status}).`,
  );
}
