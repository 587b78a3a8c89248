// Outbound voice profiles and Call Control applications: plain in-memory repositories. A phone
// number assigned to an application sends its calls to the application's webhooks; an outbound
// voice profile is what lets a connection or application reach the PSTN at all.
import type { ApplicationRecord, OutboundProfileRecord } from './records.js';
import { numericId } from './records.js';
import { fail, notFound, ok, type StoreResult } from './results.js';

export interface OutboundProfileInput {
  id?: string;
  name: string;
  enabled?: boolean;
  whitelistedDestinations?: string[];
}

export type OutboundProfilePatch = Partial<Omit<OutboundProfileInput, 'id'>>;

export interface ApplicationInput {
  id?: string;
  applicationName: string;
  webhookEventUrl: string;
  webhookEventFailoverUrl?: string | null;
  webhookApiVersion?: '1' | '2';
  webhookTimeoutSecs?: number | null;
  active?: boolean;
  outboundVoiceProfileId?: string | null;
}

export type ApplicationPatch = Partial<Omit<ApplicationInput, 'id'>>;

const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

export function missingProfile() {
  return {
    kind: 'missing-association',
    field: 'outbound/outbound_voice_profile_id',
    detail: 'The outbound_voice_profile_id does not match an outbound voice profile.',
  } as const;
}

export function createOutboundProfileRepo(now: () => string) {
  const profiles = new Map<string, OutboundProfileRecord>();

  function create(input: OutboundProfileInput): StoreResult<OutboundProfileRecord> {
    if (input.id !== undefined && profiles.has(input.id)) {
      return fail({ kind: 'duplicate', field: 'id', detail: `Profile ${input.id} exists.` });
    }
    const at = now();
    const record: OutboundProfileRecord = {
      id: input.id ?? numericId(),
      name: input.name,
      enabled: input.enabled ?? true,
      whitelistedDestinations: input.whitelistedDestinations ?? ['US', 'CA'],
      createdAt: at,
      updatedAt: at,
    };
    profiles.set(record.id, record);
    return ok(record);
  }

  function update(id: string, patch: OutboundProfilePatch): StoreResult<OutboundProfileRecord> {
    const record = profiles.get(id);
    if (!record) return notFound();
    const merged = { ...record, ...definedOnly(patch), updatedAt: now() };
    profiles.set(id, merged);
    return ok(merged);
  }

  function remove(id: string): StoreResult<OutboundProfileRecord> {
    const record = profiles.get(id);
    if (!record) return notFound();
    profiles.delete(id);
    return ok(record);
  }

  return {
    create,
    update,
    remove,
    get: (id: string) => profiles.get(id),
    list: () => [...profiles.values()],
  };
}

export function createApplicationRepo(now: () => string, profileExists: (id: string) => boolean) {
  const applications = new Map<string, ApplicationRecord>();

  function checkProfile(id: string | null | undefined): StoreResult<null> {
    return id && !profileExists(id) ? fail(missingProfile()) : ok(null);
  }

  function create(input: ApplicationInput): StoreResult<ApplicationRecord> {
    if (input.id !== undefined && applications.has(input.id)) {
      return fail({ kind: 'duplicate', field: 'id', detail: `Application ${input.id} exists.` });
    }
    const profile = checkProfile(input.outboundVoiceProfileId);
    if (!profile.ok) return fail(profile.error);
    const at = now();
    const record: ApplicationRecord = {
      id: input.id ?? numericId(),
      applicationName: input.applicationName,
      active: input.active ?? true,
      webhookEventUrl: input.webhookEventUrl,
      webhookEventFailoverUrl: input.webhookEventFailoverUrl ?? null,
      webhookApiVersion: input.webhookApiVersion ?? '2',
      webhookTimeoutSecs: input.webhookTimeoutSecs ?? null,
      outboundVoiceProfileId: input.outboundVoiceProfileId ?? null,
      createdAt: at,
      updatedAt: at,
    };
    applications.set(record.id, record);
    return ok(record);
  }

  function update(id: string, patch: ApplicationPatch): StoreResult<ApplicationRecord> {
    const record = applications.get(id);
    if (!record) return notFound();
    const profile = checkProfile(patch.outboundVoiceProfileId);
    if (!profile.ok) return fail(profile.error);
    const merged: ApplicationRecord = { ...record, ...definedOnly(patch), updatedAt: now() };
    applications.set(id, merged);
    return ok(merged);
  }

  function remove(id: string): StoreResult<ApplicationRecord> {
    const record = applications.get(id);
    if (!record) return notFound();
    applications.delete(id);
    return ok(record);
  }

  return {
    create,
    update,
    remove,
    get: (id: string) => applications.get(id),
    list: () => [...applications.values()],
  };
}
