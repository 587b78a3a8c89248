// Telephony credentials (docs/telnyx-protocol.md#telephony-credentials): one per agent, hanging off
// a credential connection. DELETE revokes: the record is kept (hidden from REST) so the gateway can
// tell `revoked` apart from `unknown-user` and so tokens minted for it stop working.
import type { CredentialRecord } from './records.js';
import { generatedSipPassword, generatedSipUsername, uuid } from './records.js';
import { fail, notFound, ok, type StoreResult } from './results.js';
import type { CredentialStatus } from './types.js';

export interface CredentialInput {
  id?: string;
  connectionId: string;
  name?: string;
  tag?: string | null;
  expiresAt?: string | null;
  sipUsername?: string;
  sipPassword?: string;
}

export interface CredentialPatch {
  connectionId?: string;
  name?: string;
  tag?: string | null;
  expiresAt?: string | null;
}

export interface CredentialFilter {
  tag?: string;
  name?: string;
  status?: string;
  resourceId?: string;
  sipUsername?: string;
}

export function createCredentialRepo(
  nowMs: () => number,
  connectionExists: (id: string) => boolean,
) {
  const credentials = new Map<string, CredentialRecord>();
  const iso = () => new Date(nowMs()).toISOString();

  function statusOf(record: CredentialRecord): CredentialStatus {
    if (record.revokedAt !== null) return 'revoked';
    if (record.expiresAt !== null && Date.parse(record.expiresAt) <= nowMs()) return 'expired';
    return 'active';
  }

  /** Status depends on the clock, so it is refreshed whenever a record leaves the repo. */
  function fresh(record: CredentialRecord): CredentialRecord {
    record.status = statusOf(record);
    return record;
  }

  function missingConnection<T>(): StoreResult<T> {
    return fail({
      kind: 'missing-association',
      field: 'connection_id',
      detail: 'The connection_id does not match a credential connection of this account.',
    });
  }

  function bySipUsername(sipUsername: string): CredentialRecord | undefined {
    for (const c of credentials.values()) if (c.sipUsername === sipUsername) return fresh(c);
    return undefined;
  }

  function create(input: CredentialInput): StoreResult<CredentialRecord> {
    if (!connectionExists(input.connectionId)) return missingConnection();
    const sipUsername = input.sipUsername ?? generatedSipUsername();
    if (bySipUsername(sipUsername)) {
      return fail({ kind: 'duplicate', field: 'sip_username', detail: 'sip_username is taken.' });
    }
    if (input.id !== undefined && credentials.has(input.id)) {
      return fail({ kind: 'duplicate', field: 'id', detail: `Credential ${input.id} exists.` });
    }
    const at = iso();
    const record: CredentialRecord = {
      id: input.id ?? uuid(),
      connectionId: input.connectionId,
      // Telnyx names an unnamed credential after its creation time (docs example,
      // docs/telnyx-protocol.md#telephony-credentials).
      name: input.name ?? at.replace('T', ' '),
      tag: input.tag ?? null,
      sipUsername,
      sipPassword: input.sipPassword ?? generatedSipPassword(),
      status: 'active',
      expiresAt: input.expiresAt ?? null,
      createdAt: at,
      updatedAt: at,
      revokedAt: null,
    };
    credentials.set(record.id, record);
    return ok(fresh(record));
  }

  /** Visible to REST: not revoked. */
  function visible(id: string): CredentialRecord | undefined {
    const record = credentials.get(id);
    return record && record.revokedAt === null ? fresh(record) : undefined;
  }

  function update(id: string, patch: CredentialPatch): StoreResult<CredentialRecord> {
    const record = visible(id);
    if (!record) return notFound();
    if (record.status === 'expired') {
      return fail({ kind: 'invalid-state', detail: "can't update credentials in expired status" });
    }
    if (patch.connectionId !== undefined && !connectionExists(patch.connectionId)) {
      return missingConnection();
    }
    if (patch.connectionId !== undefined) record.connectionId = patch.connectionId;
    if (patch.name !== undefined) record.name = patch.name;
    if (patch.tag !== undefined) record.tag = patch.tag;
    if (patch.expiresAt !== undefined) record.expiresAt = patch.expiresAt;
    record.updatedAt = iso();
    return ok(fresh(record));
  }

  function revoke(id: string): StoreResult<CredentialRecord> {
    const record = visible(id);
    if (!record) return notFound();
    record.revokedAt = iso();
    record.updatedAt = record.revokedAt;
    return ok(fresh(record));
  }

  function list(filter: CredentialFilter = {}): CredentialRecord[] {
    return [...credentials.values()]
      .filter((c) => c.revokedAt === null)
      .map(fresh)
      .filter(
        (c) =>
          (filter.tag === undefined || c.tag === filter.tag) &&
          (filter.name === undefined || c.name === filter.name) &&
          (filter.status === undefined || c.status === filter.status) &&
          (filter.resourceId === undefined ||
            `connection:${c.connectionId}` === filter.resourceId) &&
          (filter.sipUsername === undefined || c.sipUsername === filter.sipUsername),
      );
  }

  return {
    create,
    update,
    revoke,
    list,
    visible,
    bySipUsername,
    /** Any record, revoked ones included (the gateway wants to know why a login fails). */
    any(id: string): CredentialRecord | undefined {
      const record = credentials.get(id);
      return record && fresh(record);
    },
    ofConnection(connectionId: string): CredentialRecord[] {
      return [...credentials.values()].filter((c) => c.connectionId === connectionId).map(fresh);
    },
  };
}
