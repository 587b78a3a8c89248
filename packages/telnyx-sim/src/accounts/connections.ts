// Credential connections and phone numbers (docs/telnyx-protocol.md#credential-connections): plain
// in-memory repositories.
import type { ConnectionRecord, PhoneNumberRecord } from './records.js';
import { numericId } from './records.js';
import { fail, notFound, ok, type StoreResult } from './results.js';

export interface ConnectionInput {
  id?: string;
  connectionName: string;
  userName: string;
  password: string;
  active?: boolean;
  webhookEventUrl?: string | null;
  webhookEventFailoverUrl?: string | null;
  webhookApiVersion?: '1' | '2' | 'texml';
  webhookTimeoutSecs?: number | null;
  tags?: string[];
  anchorsiteOverride?: string;
  sipUriCallingPreference?: 'disabled' | 'unrestricted' | 'internal';
  inbound?: Record<string, unknown>;
  outbound?: Record<string, unknown>;
}

export type ConnectionPatch = Partial<Omit<ConnectionInput, 'id'>>;

export interface PhoneNumberInput {
  id?: string;
  phoneNumber: string;
  connectionId?: string | null;
  tags?: string[];
}

export interface PhoneNumberPatch {
  connectionId?: string | null;
  tags?: string[];
}

export function createConnectionRepo(now: () => string) {
  const connections = new Map<string, ConnectionRecord>();

  function userNameTaken(userName: string, exceptId?: string): boolean {
    for (const c of connections.values()) {
      if (c.userName === userName && c.id !== exceptId) return true;
    }
    return false;
  }

  function create(input: ConnectionInput): StoreResult<ConnectionRecord> {
    if (input.id !== undefined && connections.has(input.id)) {
      return fail({ kind: 'duplicate', field: 'id', detail: `Connection ${input.id} exists.` });
    }
    if (userNameTaken(input.userName)) {
      return fail({ kind: 'duplicate', field: 'user_name', detail: 'user_name is taken.' });
    }
    const at = now();
    const record: ConnectionRecord = {
      id: input.id ?? numericId(),
      connectionName: input.connectionName,
      userName: input.userName,
      password: input.password,
      active: input.active ?? true,
      // Telnyx defaults to API v1; the sim only speaks Call Control v2 events, so it defaults to '2'.
      webhookApiVersion: input.webhookApiVersion ?? '2',
      webhookEventUrl: input.webhookEventUrl ?? null,
      webhookEventFailoverUrl: input.webhookEventFailoverUrl ?? null,
      webhookTimeoutSecs: input.webhookTimeoutSecs ?? null,
      tags: input.tags ?? [],
      anchorsiteOverride: input.anchorsiteOverride ?? 'Latency',
      sipUriCallingPreference: input.sipUriCallingPreference ?? 'disabled',
      inbound: input.inbound ?? {},
      outbound: input.outbound ?? {},
      createdAt: at,
      updatedAt: at,
    };
    connections.set(record.id, record);
    return ok(record);
  }

  function update(id: string, patch: ConnectionPatch): StoreResult<ConnectionRecord> {
    const record = connections.get(id);
    if (!record) return notFound();
    if (patch.userName !== undefined && userNameTaken(patch.userName, id)) {
      return fail({ kind: 'duplicate', field: 'user_name', detail: 'user_name is taken.' });
    }
    const defined = Object.fromEntries(
      Object.entries(patch).filter(([, value]) => value !== undefined),
    ) as ConnectionPatch;
    const merged: ConnectionRecord = {
      ...record,
      ...defined,
      inbound: { ...record.inbound, ...defined.inbound },
      outbound: { ...record.outbound, ...defined.outbound },
      updatedAt: now(),
    };
    connections.set(id, merged);
    return ok(merged);
  }

  function remove(id: string): StoreResult<ConnectionRecord> {
    const record = connections.get(id);
    if (!record) return notFound();
    connections.delete(id);
    return ok(record);
  }

  return {
    create,
    update,
    remove,
    get: (id: string) => connections.get(id),
    list: () => [...connections.values()],
    findByIdOrName: (ref: string): ConnectionRecord | undefined =>
      connections.get(ref) ?? [...connections.values()].find((c) => c.connectionName === ref),
  };
}

export function createPhoneNumberRepo(
  now: () => string,
  connectionExists: (id: string) => boolean,
) {
  const numbers = new Map<string, PhoneNumberRecord>();

  function add(input: PhoneNumberInput): StoreResult<PhoneNumberRecord> {
    for (const n of numbers.values()) {
      if (n.phoneNumber === input.phoneNumber || n.id === input.id) {
        return fail({ kind: 'duplicate', field: 'phone_number', detail: 'Number already owned.' });
      }
    }
    const connectionId = input.connectionId ?? null;
    if (connectionId !== null && !connectionExists(connectionId)) {
      return fail(missingConnection());
    }
    const at = now();
    const record: PhoneNumberRecord = {
      id: input.id ?? numericId(),
      phoneNumber: input.phoneNumber,
      connectionId,
      status: 'active',
      tags: input.tags ?? [],
      createdAt: at,
      updatedAt: at,
    };
    numbers.set(record.id, record);
    return ok(record);
  }

  function update(id: string, patch: PhoneNumberPatch): StoreResult<PhoneNumberRecord> {
    const record = numbers.get(id);
    if (!record) return notFound();
    if (patch.connectionId && !connectionExists(patch.connectionId)) {
      return fail(missingConnection());
    }
    if (patch.connectionId !== undefined) record.connectionId = patch.connectionId;
    if (patch.tags !== undefined) record.tags = patch.tags;
    record.updatedAt = now();
    return ok(record);
  }

  return {
    add,
    update,
    get: (id: string) => numbers.get(id),
    byNumber: (e164: string) => [...numbers.values()].find((n) => n.phoneNumber === e164),
    list: () => [...numbers.values()],
    /** A deleted connection leaves its numbers unassigned. */
    unassignConnection(connectionId: string): void {
      for (const n of numbers.values()) if (n.connectionId === connectionId) n.connectionId = null;
    },
  };
}

function missingConnection() {
  return {
    kind: 'missing-association',
    field: 'connection_id',
    detail: 'The connection_id does not match a credential connection of this account.',
  } as const;
}
