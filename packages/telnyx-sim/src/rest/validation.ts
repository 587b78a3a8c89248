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
