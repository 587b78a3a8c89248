// A seed file: the connections, credentials, phone numbers and API key a demo or test starts with.
// Field names mirror the Telnyx REST bodies (snake_case) so a seed reads like the API it fakes.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const E164 = /^\+[1-9]\d{6,14}$/;

export const SeedConnectionSchema = z.object({
  id: z.string().min(1).optional(),
  connection_name: z.string().min(1),
  user_name: z.string().min(4).max(32),
  password: z.string().min(8).max(128),
  active: z.boolean().optional(),
  webhook_event_url: z.url().nullable().optional(),
  webhook_event_failover_url: z.url().nullable().optional(),
  webhook_api_version: z.enum(['1', '2', 'texml']).optional(),
  webhook_timeout_secs: z.number().int().min(0).max(30).nullable().optional(),
  tags: z.array(z.string()).optional(),
  /** The id of a seeded outbound voice profile: without one the connection cannot call out. */
  outbound_voice_profile_id: z.string().min(1).optional(),
});

export const SeedOutboundProfileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
});

export const SeedCredentialSchema = z.object({
  id: z.string().min(1).optional(),
  /** The id or the `connection_name` of a seeded connection. */
  connection_id: z.string().min(1),
  name: z.string().optional(),
  tag: z.string().nullable().optional(),
  sip_username: z
    .string()
    .regex(/^[A-Za-z0-9._-]{2,64}$/, 'sip_username: 2-64 letters, digits, dot, dash, underscore'),
  sip_password: z.string().min(8).max(128),
  expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
});

export const SeedPhoneNumberSchema = z.object({
  id: z.string().min(1).optional(),
  phone_number: z.string().regex(E164, 'phone_number must be E.164, e.g. +15551230001'),
  /** The id or the `connection_name` of a seeded connection, or null for unassigned. */
  connection_id: z.string().min(1).nullable().optional(),
  tags: z.array(z.string()).optional(),
});

export const SeedSchema = z.object({
  api_key: z.string().min(8).optional(),
  outbound_voice_profiles: z.array(SeedOutboundProfileSchema).default([]),
  connections: z.array(SeedConnectionSchema).default([]),
  credentials: z.array(SeedCredentialSchema).default([]),
  phone_numbers: z.array(SeedPhoneNumberSchema).default([]),
});

export type SeedData = z.infer<typeof SeedSchema>;
export type SeedInput = z.input<typeof SeedSchema>;

/** Validates seed data; the error names the source and the first offending field. */
export function parseSeed(value: unknown, source = 'Seed'): SeedData {
  const parsed = SeedSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first ? first.path.join('.') : '';
  throw new Error(`${source} is invalid at "${where}": ${first?.message ?? 'unknown'}`);
}

/** Reads and validates a seed file (JSON, see seed/demo.json). */
export async function loadSeedFile(path: string): Promise<SeedData> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Seed file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseSeed(json, `Seed file ${path}`);
}
