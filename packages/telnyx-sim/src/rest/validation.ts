// Request body schemas and the mapping of zod issues to Telnyx 422 errors with `source.pointer`.
import { z } from 'zod';
import { telnyxError, type ErrorReply, type TelnyxError } from './errors.js';

/** http(s) only: the sim POSTs webhooks with fetch. */
const HttpUrl = z
  .string()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

const Settings = z.record(z.string(), z.unknown());
const IsoDate = z.iso.datetime({ offset: true, local: true });

export const CreateConnectionSchema = z.object({
  connection_name: z.string().min(1).max(255),
  user_name: z.string().min(4).max(32),
  password: z.string().min(8).max(128),
  active: z.boolean().optional(),
  webhook_event_url: HttpUrl.nullable().optional(),
  webhook_event_failover_url: HttpUrl.nullable().optional(),
  webhook_api_version: z.enum(['1', '2', 'texml']).optional(),
  webhook_timeout_secs: z.number().int().min(0).max(30).nullable().optional(),
  tags: z.array(z.string().max(255)).max(50).optional(),
  anchorsite_override: z.string().max(64).optional(),
  sip_uri_calling_preference: z.enum(['disabled', 'unrestricted', 'internal']).optional(),
  inbound: Settings.optional(),
  outbound: Settings.optional(),
});
export const UpdateConnectionSchema = CreateConnectionSchema.partial();

export const CreateCredentialSchema = z.object({
  connection_id: z.string().min(1).max(64),
  name: z.string().max(255).optional(),
  tag: z.string().max(255).optional(),
  expires_at: IsoDate.optional(),
});
export const UpdateCredentialSchema = CreateCredentialSchema.partial();

export const UpdatePhoneNumberSchema = z.object({
  // An empty string or null unassigns the number.
  connection_id: z.string().max(64).nullable().optional(),
  tags: z.array(z.string().max(255)).max(50).optional(),
});

function valueAt(body: unknown, path: PropertyKey[]): unknown {
  let value: unknown = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Parses a JSON body; invalid input becomes a 422 naming each bad field. */
export function validate<T>(schema: z.ZodType<T>, body: unknown): T | ErrorReply {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const errors: TelnyxError[] = parsed.error.issues.slice(0, 10).map((issue) => {
    const pointer = `/${issue.path.map(String).join('/')}`;
    const field = issue.path.map(String).join('.') || 'body';
    return valueAt(body, issue.path) === undefined
      ? telnyxError('10004', 'Missing required parameter', `${field} is required.`, { pointer })
      : telnyxError('10015', 'Bad Request', `${field}: ${issue.message}`, { pointer });
  });
  return { status: 422, errors };
}

export const CreateOutboundProfileSchema = z.object({
  name: z.string().min(1).max(255),
  enabled: z.boolean().optional(),
  whitelisted_destinations: z
    .array(z.string().regex(/^[A-Z]{2}$/, 'use ISO 3166-1 alpha-2 codes'))
    .max(300)
    .optional(),
  tags: z.array(z.string().max(255)).max(50).optional(),
  traffic_type: z.string().max(64).optional(),
  service_plan: z.string().max(64).optional(),
});
// The SDK's update type also requires `name` (telnyx-node OutboundVoiceProfileUpdateParams).
export const UpdateOutboundProfileSchema = CreateOutboundProfileSchema.partial().required({
  name: true,
});

const ApplicationOutbound = z
  .object({ outbound_voice_profile_id: z.string().max(64).nullable().optional() })
  .loose();

export const CreateApplicationSchema = z.object({
  application_name: z.string().min(1).max(255),
  webhook_event_url: HttpUrl,
  webhook_event_failover_url: HttpUrl.nullable().or(z.literal('')).optional(),
  webhook_api_version: z.enum(['1', '2']).optional(),
  webhook_timeout_secs: z.number().int().min(0).max(30).nullable().optional(),
  active: z.boolean().optional(),
  outbound: ApplicationOutbound.optional(),
});
// telnyx-node marks application_name and webhook_event_url as required on update too.
export const UpdateApplicationSchema = CreateApplicationSchema;

/** `client_state` must be valid base64 (Call Control command reference). */
const ClientState = z
  .string()
  .max(4096)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

const Command = z
  .object({ client_state: ClientState.optional(), command_id: z.string().max(256).optional() })
  .loose();

export const DialSchema = Command.extend({
  connection_id: z.string().min(1).max(64),
  to: z.string().min(1).max(256),
  from: z.string().min(1).max(256),
  timeout_secs: z.number().int().min(5).max(600).optional(),
  link_to: z.string().max(256).optional(),
});
export const AnswerSchema = Command;
export const HangupSchema = Command;
export const BridgeSchema = Command.extend({ call_control_id: z.string().min(1).max(256) });
export const SpeakSchema = Command.extend({
  payload: z.string().min(1).max(3000),
  voice: z.string().min(1).max(128),
  language: z.string().max(32).optional(),
});
