// The account store: connections, credentials, phone numbers and login tokens, in memory.
// It implements the gateway's `Accounts` contract (./types.ts) and the mutations REST needs.
import { timingSafeEqual } from 'node:crypto';
import {
  createApplicationRepo,
  createOutboundProfileRepo,
  missingProfile,
} from './applications.js';
import {
  createConnectionRepo,
  createPhoneNumberRepo,
  type ConnectionInput,
  type ConnectionPatch,
} from './connections.js';
import { createCredentialRepo } from './credentials.js';
import type { ConnectionRecord, CredentialRecord } from './records.js';
import { fail, notFound, ok, type StoreResult } from './results.js';
import { parseSeed, type SeedData, type SeedInput } from './seed.js';
import { createTokenService, secretFrom } from './tokens.js';
import type { Accounts, LoginCheck } from './types.js';

export interface AccountStoreOptions {
  /** Initial data (see seed/demo.json); validated with SeedSchema; throws when invalid. */
  seed?: SeedInput;
  /**
   * Lifetime of minted login tokens; Telnyx uses 24 h
   * (docs/telnyx-protocol.md#telephony-credentials).
   */
  tokenLifetimeSeconds?: number;
  /** HS512 signing secret for login tokens; random per process by default. */
  tokenSecret?: string | Uint8Array;
  /** Clock in epoch milliseconds (tests inject one). */
  now?: () => number;
}

type TokenState = 'expired' | 'revoked';

export function createAccountStore(options: AccountStoreOptions = {}) {
  const nowMs = options.now ?? Date.now;
  const iso = () => new Date(nowMs()).toISOString();
  const connections = createConnectionRepo(iso);
  const profiles = createOutboundProfileRepo(iso);
  const applications = createApplicationRepo(iso, (id) => profiles.get(id) !== undefined);
  // A number is assigned to a credential connection or to a Call Control application.
  const numbers = createPhoneNumberRepo(
    iso,
    (id) => connections.get(id) !== undefined || applications.get(id) !== undefined,
  );
  const credentials = createCredentialRepo(nowMs, (id) => connections.get(id) !== undefined);
  const tokens = createTokenService({
    secret: secretFrom(options.tokenSecret),
    lifetimeSeconds: options.tokenLifetimeSeconds ?? 24 * 60 * 60,
    now: nowMs,
  });
  /** Tokens this process minted (jti → credential, exp), so faults can target them. */
  const issued = new Map<string, { credentialId: string; exp: number }>();
  const forced = new Map<string, TokenState>();

  /** Why a credential may not log in now, if it may not. */
  function refusal(credential: CredentialRecord): LoginCheck | undefined {
    if (credential.status === 'revoked') return { ok: false, reason: 'revoked' };
    if (credential.status === 'expired') return { ok: false, reason: 'expired' };
    const connection = connections.get(credential.connectionId);
    // A deleted or deactivated connection takes its credentials down with it.
    if (!connection?.active) return { ok: false, reason: 'revoked' };
    return undefined;
  }

  function checkPassword(login: string, password: string): LoginCheck {
    if (typeof login !== 'string' || typeof password !== 'string') {
      return { ok: false, reason: 'unknown-user' };
    }
    const credential = credentials.bySipUsername(login);
    if (!credential) return { ok: false, reason: 'unknown-user' };
    const given = Buffer.from(password);
    const expected = Buffer.from(credential.sipPassword);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'bad-password' };
    }
    return refusal(credential) ?? { ok: true, credential };
  }

  function checkToken(token: string): LoginCheck {
    const verdict = tokens.verify(token);
    if (!verdict.ok) return { ok: false, reason: verdict.reason };
    const state = forced.get(verdict.claims.jti);
    if (state) return { ok: false, reason: state };
    const credential = credentials.any(verdict.claims.sub);
    if (!credential) return { ok: false, reason: 'invalid-token' };
    return refusal(credential) ?? { ok: true, credential };
  }

  /** Mints a login token (`POST /v2/telephony_credentials/{id}/token`). */
  async function issueToken(credentialId: string): Promise<StoreResult<string>> {
    const credential = credentials.visible(credentialId);
    if (!credential) return notFound();
    if (credential.status !== 'active') {
      return fail({ kind: 'invalid-state', detail: `The credential is ${credential.status}.` });
    }
    const notAfter = credential.expiresAt === null ? null : Date.parse(credential.expiresAt);
    const { token, claims } = await tokens.mint(credential.id, notAfter);
    pruneIssued();
    issued.set(claims.jti, { credentialId: credential.id, exp: claims.exp });
    return ok(token);
  }

  function pruneIssued(): void {
    const nowSeconds = nowMs() / 1000;
    for (const [jti, entry] of issued) {
      if (entry.exp <= nowSeconds) {
        issued.delete(jti);
        forced.delete(jti);
      }
    }
  }

  /** Fault: every token minted so far (for one credential, or all) now fails with `state`. */
  function forceTokens(state: TokenState, credentialId?: string): number {
    let count = 0;
    for (const [jti, entry] of issued) {
      if (credentialId === undefined || entry.credentialId === credentialId) {
        forced.set(jti, state);
        count += 1;
      }
    }
    return count;
  }

  /** A connection's `outbound.outbound_voice_profile_id` must name an existing profile. */
  function profileRefOk(outbound: Record<string, unknown> | undefined): boolean {
    const id = outbound?.outbound_voice_profile_id;
    if (id === undefined || id === null || id === '') return true;
    return typeof id === 'string' && profiles.get(id) !== undefined;
  }

  function createConnection(input: ConnectionInput): StoreResult<ConnectionRecord> {
    return profileRefOk(input.outbound) ? connections.create(input) : fail(missingProfile());
  }

  function updateConnection(id: string, patch: ConnectionPatch): StoreResult<ConnectionRecord> {
    if (!connections.get(id)) return notFound();
    return profileRefOk(patch.outbound) ? connections.update(id, patch) : fail(missingProfile());
  }

  function outboundProfileOf(connectionId: string) {
    const connection = connections.get(connectionId);
    const application = applications.get(connectionId);
    const ref = connection
      ? connection.outbound.outbound_voice_profile_id
      : application?.outboundVoiceProfileId;
    const profile = typeof ref === 'string' && ref !== '' ? profiles.get(ref) : undefined;
    return profile?.enabled ? { id: profile.id, name: profile.name } : undefined;
  }

  function deleteConnection(id: string): StoreResult<ConnectionRecord> {
    const removed = connections.remove(id);
    if (removed.ok) {
      for (const c of credentials.ofConnection(id)) credentials.revoke(c.id);
      numbers.unassignConnection(id);
    }
    return removed;
  }

  const accounts: Accounts = {
    checkPassword,
    checkToken,
    credentialById: (id) => credentials.any(id),
    credentialBySipUsername: (name) => credentials.bySipUsername(name),
    connectionById: (id) => connections.get(id),
    credentialsForNumber(e164) {
      const number = numbers.byNumber(e164);
      if (!number?.connectionId) return [];
      return credentials.ofConnection(number.connectionId).filter((c) => refusal(c) === undefined);
    },
    outboundProfileOf,
    ownsNumber: (e164) => numbers.byNumber(e164) !== undefined,
    webhookTarget: (id) => connections.get(id) ?? applications.get(id),
  };

  const store = {
    ...accounts,
    connections: {
      create: createConnection,
      update: updateConnection,
      get: connections.get,
      list: connections.list,
      remove: deleteConnection,
    },
    credentials: {
      create: credentials.create,
      update: credentials.update,
      get: credentials.visible,
      list: credentials.list,
      revoke: credentials.revoke,
    },
    phoneNumbers: {
      add: numbers.add,
      update: numbers.update,
      get: numbers.get,
      list: numbers.list,
      byNumber: numbers.byNumber,
    },
    outboundProfiles: profiles,
    applications,
    issueToken,
    /** Fault: returns how many tokens it hit. */
    expireTokensNow: (credentialId?: string) => forceTokens('expired', credentialId),
    revokeTokensNow: (credentialId?: string) => forceTokens('revoked', credentialId),
  };
  if (options.seed) applySeed(store, connections.findByIdOrName, parseSeed(options.seed));
  return store;
}

export type AccountStore = ReturnType<typeof createAccountStore>;

function applySeed(
  store: AccountStore,
  findConnection: (ref: string) => ConnectionRecord | undefined,
  seed: SeedData,
): void {
  const must = <T>(result: StoreResult<T>, what: string): T => {
    if (result.ok) return result.value;
    const e = result.error;
    throw new Error(`Seed ${what}: ${e.kind}${'detail' in e ? ` (${e.detail})` : ''}`);
  };
  const ref = (value: string, what: string): string => {
    const found = findConnection(value);
    if (!found) throw new Error(`Seed ${what}: no connection "${value}"`);
    return found.id;
  };
  for (const p of seed.outbound_voice_profiles) {
    must(store.outboundProfiles.create({ id: p.id, name: p.name }), `profile "${p.name}"`);
  }
  for (const c of seed.connections) {
    const input = {
      connectionName: c.connection_name,
      userName: c.user_name,
      password: c.password,
      ...(c.id !== undefined && { id: c.id }),
      ...(c.active !== undefined && { active: c.active }),
      ...(c.webhook_event_url !== undefined && { webhookEventUrl: c.webhook_event_url }),
      ...(c.webhook_event_failover_url !== undefined && {
        webhookEventFailoverUrl: c.webhook_event_failover_url,
      }),
      ...(c.webhook_api_version !== undefined && { webhookApiVersion: c.webhook_api_version }),
      ...(c.webhook_timeout_secs !== undefined && { webhookTimeoutSecs: c.webhook_timeout_secs }),
      ...(c.tags !== undefined && { tags: c.tags }),
      ...(c.outbound_voice_profile_id !== undefined && {
        outbound: { outbound_voice_profile_id: c.outbound_voice_profile_id },
      }),
    };
    must(store.connections.create(input), `connection "${c.connection_name}"`);
  }
  for (const c of seed.credentials) {
    const input = {
      connectionId: ref(c.connection_id, `credential "${c.sip_username}"`),
      sipUsername: c.sip_username,
      sipPassword: c.sip_password,
      ...(c.id !== undefined && { id: c.id }),
      ...(c.name !== undefined && { name: c.name }),
      ...(c.tag !== undefined && { tag: c.tag }),
      ...(c.expires_at !== undefined && { expiresAt: c.expires_at }),
    };
    must(store.credentials.create(input), `credential "${c.sip_username}"`);
  }
  for (const n of seed.phone_numbers) {
    const connectionId =
      n.connection_id == null ? null : ref(n.connection_id, `number ${n.phone_number}`);
    const input = {
      phoneNumber: n.phone_number,
      connectionId,
      ...(n.id !== undefined && { id: n.id }),
      ...(n.tags !== undefined && { tags: n.tags }),
    };
    must(store.phoneNumbers.add(input), `number ${n.phone_number}`);
  }
}
