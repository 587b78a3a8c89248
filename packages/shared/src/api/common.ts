import { z } from 'zod';

/** Every API error: `{ error: { code, message, details? } }`. `code` is stable; `message` is for people. */
export const ApiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export const ErrorEnvelopeSchema = z.object({ error: ApiErrorSchema });
export type ApiError = z.infer<typeof ApiErrorSchema>;
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

/** A phone number in E.164 (`+` then up to 15 digits, no leading zero). */
export const E164Schema = z
  .string()
  .regex(/^\+[1-9]\d{1,14}$/, 'use E.164: + then country code and number, e.g. +14155550100');
export type E164 = z.infer<typeof E164Schema>;

/**
 * One end of a call as a call log records it. Usually E.164, but a call log must never be lost for
 * want of a phone number (docs/architecture.md#call-parties: "never loses a call record"), so it
 * also takes what a softphone really sees: a dialled emergency or short number (`911`, `*21#`), a
 * SIP address or username (`sip:alice@example.com`, `user1`), or `anonymous` for a withheld caller.
 */
export const CallPartySchema = z
  .string()
  .min(1)
  .max(256)
  .regex(
    /^(?:\+[1-9]\d{1,14}|[0-9*#]{1,20}|(?:sips?:)?(?!\+)[\w.~!$&'()*+,;=%-]+(?:@[\w.-]+(?::\d{1,5})?)?)$/,
    'use E.164 (+14155550100), a dialled short number (911), a SIP address (sip:user@host) or "anonymous"',
  );
export type CallParty = z.infer<typeof CallPartySchema>;

/** Timestamps cross the API as ISO-8601 strings with a zone. */
export const TimestampSchema = z.iso.datetime({ offset: true });

export const IdSchema = z.uuid();
export const IdParamsSchema = z.strictObject({ id: IdSchema });

export const EmailSchema = z
  .email()
  .max(254)
  .transform((s) => s.toLowerCase());

/** Keyset pagination: pass `nextCursor` back as `cursor`; `null` means the last page. */
export const PageQuerySchema = z.object({
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
