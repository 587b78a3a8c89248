// `/v2/outbound_voice_profiles` and `/v2/call_control_applications`, as the `telnyx` SDK calls them
// (developers.telnyx.com api-reference: outbound-voice-profiles, call-control-applications).
import type { z } from 'zod';
import type { ApplicationPatch, OutboundProfilePatch } from '../accounts/applications.js';
import { fromStoreError, notFound } from './errors.js';
import { isErrorReply, paginate, parsePage } from './pagination.js';
import { data, type Route } from './router.js';
import { applicationJson, outboundProfileJson } from './serialize.js';
import {
  CreateApplicationSchema,
  CreateOutboundProfileSchema,
  UpdateApplicationSchema,
  UpdateOutboundProfileSchema,
  validate,
} from './validation.js';

function profilePatch(
  b: Partial<z.infer<typeof CreateOutboundProfileSchema>>,
): OutboundProfilePatch {
  return { name: b.name, enabled: b.enabled, whitelistedDestinations: b.whitelisted_destinations };
}

function applicationPatch(b: z.infer<typeof CreateApplicationSchema>): ApplicationPatch {
  const patch: ApplicationPatch = {
    applicationName: b.application_name,
    webhookEventUrl: b.webhook_event_url,
    webhookEventFailoverUrl:
      b.webhook_event_failover_url === '' ? null : b.webhook_event_failover_url,
    webhookApiVersion: b.webhook_api_version,
    webhookTimeoutSecs: b.webhook_timeout_secs,
    active: b.active,
  };
  if (b.outbound && 'outbound_voice_profile_id' in b.outbound) {
    patch.outboundVoiceProfileId = b.outbound.outbound_voice_profile_id || null;
  }
  return patch;
}

const profileRoutes: Route[] = [
  {
    method: 'POST',
    path: 'outbound_voice_profiles',
    async handle({ json, store }) {
      const body = await json();
      if (isErrorReply(body)) return body;
      const input = validate(CreateOutboundProfileSchema, body);
      if (isErrorReply(input)) return input;
      const created = store.outboundProfiles.create({ ...profilePatch(input), name: input.name });
      return created.ok ? data(outboundProfileJson(created.value)) : fromStoreError(created.error);
    },
  },
  {
    method: 'GET',
    path: 'outbound_voice_profiles',
    handle({ query, store }) {
      const page = parsePage(query);
      if (isErrorReply(page)) return page;
      const { data: rows, meta } = paginate(store.outboundProfiles.list(), page);
      return { status: 200, body: { data: rows.map(outboundProfileJson), meta } };
    },
  },
  {
    method: 'GET',
    path: 'outbound_voice_profiles/:id',
    handle({ params: [id = ''], store }) {
      const found = store.outboundProfiles.get(id);
      return found ? data(outboundProfileJson(found)) : notFound();
    },
  },
  {
    method: 'PATCH',
    path: 'outbound_voice_profiles/:id',
    async handle({ params: [id = ''], json, store }) {
      if (!store.outboundProfiles.get(id)) return notFound();
      const body = await json();
      if (isErrorReply(body)) return body;
      const input = validate(UpdateOutboundProfileSchema, body);
      if (isErrorReply(input)) return input;
      const updated = store.outboundProfiles.update(id, profilePatch(input));
      return updated.ok ? data(outboundProfileJson(updated.value)) : fromStoreError(updated.error);
    },
  },
  {
    method: 'DELETE',
    path: 'outbound_voice_profiles/:id',
    handle({ params: [id = ''], store }) {
      const removed = store.outboundProfiles.remove(id);
      return removed.ok ? data(outboundProfileJson(removed.value)) : fromStoreError(removed.error);
    },
  },
];

const applicationRoutes: Route[] = [
  {
    method: 'POST',
    path: 'call_control_applications',
    async handle({ json, store }) {
      const body = await json();
      if (isErrorReply(body)) return body;
      const input = validate(CreateApplicationSchema, body);
      if (isErrorReply(input)) return input;
      const created = store.applications.create({
        ...applicationPatch(input),
        applicationName: input.application_name,
        webhookEventUrl: input.webhook_event_url,
      });
      return created.ok ? data(applicationJson(created.value), 201) : fromStoreError(created.error);
    },
  },
  {
    method: 'GET',
    path: 'call_control_applications',
    handle({ query, store }) {
      const page = parsePage(query);
      if (isErrorReply(page)) return page;
      const { data: rows, meta } = paginate(store.applications.list(), page);
      return { status: 200, body: { data: rows.map(applicationJson), meta } };
    },
  },
  {
    method: 'GET',
    path: 'call_control_applications/:id',
    handle({ params: [id = ''], store }) {
      const found = store.applications.get(id);
      return found ? data(applicationJson(found)) : notFound();
    },
  },
  {
    method: 'PATCH',
    path: 'call_control_applications/:id',
    async handle({ params: [id = ''], json, store }) {
      if (!store.applications.get(id)) return notFound();
      const body = await json();
      if (isErrorReply(body)) return body;
      const input = validate(UpdateApplicationSchema, body);
      if (isErrorReply(input)) return input;
      const updated = store.applications.update(id, applicationPatch(input));
      return updated.ok ? data(applicationJson(updated.value)) : fromStoreError(updated.error);
    },
  },
  {
    method: 'DELETE',
    path: 'call_control_applications/:id',
    handle({ params: [id = ''], store }) {
      const removed = store.applications.remove(id);
      return removed.ok ? data(applicationJson(removed.value)) : fromStoreError(removed.error);
    },
  },
];

export const outboundRoutes: Route[] = [...profileRoutes, ...applicationRoutes];
