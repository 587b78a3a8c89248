import type { CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';

export type { CountryCode } from 'libphonenumber-js/max';

/**
 * What kind of number was dialled. The first twelve are libphonenumber's number types; `emergency` and
 * `short-code` come from Google's short-number metadata (short-number-data.ts) so the UI can warn before
 * an agent's dialer calls 112 or a premium SMS short code.
 */
export const PhoneNumberTypeSchema = z.enum([
  'mobile',
  'fixed-line',
  'fixed-line-or-mobile',
  'toll-free',
  'premium-rate',
  'voip',
  'shared-cost',
  'personal',
  'pager',
  'uan',
  'voicemail',
  'unknown',
  'emergency',
  'short-code',
]);
export type PhoneNumberType = z.infer<typeof PhoneNumberTypeSchema>;

/** Stable reasons a dial input was refused; each comes with a message that says what to do. */
export const DialInputFailureReasonSchema = z.enum([
  'empty',
  'not-a-number',
  'service-code',
  'too-short',
  'too-long',
  'invalid-length',
  'invalid-country',
  'missing-country',
  'invalid-number',
  'invalid-extension',
  'invalid-sip-uri',
]);
export type DialInputFailureReason = z.infer<typeof DialInputFailureReasonSchema>;

const RegionSchema = z.string().regex(/^[A-Z]{2}$/);

export const ParsedPhoneNumberSchema = z.object({
  ok: z.literal(true),
  kind: z.literal('phone'),
  /**
   * E.164 form to dial (`+442079460958`). Emergency and short-code numbers have no E.164 form: for
   * them this holds the digits to dial as they are (`112`, `4040`).
   */
  e164: z.string().regex(/^\+[1-9]\d{1,17}$|^\d{2,12}$/),
  /** National format as the number's country writes it (`020 7946 0958`). */
  national: z.string().min(1),
  /** International format (`+44 20 7946 0958`); equal to `national` for short numbers. */
  international: z.string().min(1),
  /**
   * Region the number belongs to; `null` for non-geographic numbers (+800 freephone, +882 satellite…).
   * For emergency and short numbers, the region they were dialled in.
   */
  region: RegionSchema.nullable(),
  /** Country calling code without `+` (`44`); empty for emergency and short numbers. */
  callingCode: z.string().regex(/^(?:\d{1,3})?$/),
  type: PhoneNumberTypeSchema,
  /** Digits to send as DTMF after the call connects (`x123`, `ext. 123`, `;ext=123`). */
  extension: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
});
export type ParsedPhoneNumber = z.infer<typeof ParsedPhoneNumberSchema> & {
  region: CountryCode | null;
};

export const ParsedSipUriSchema = z.object({
  ok: z.literal(true),
  kind: z.literal('sip'),
  /** Normalised `sip:user@host[:port]` (parameters, headers and any password dropped). */
  uri: z.string().regex(/^sips?:[^@\s]+@[^@\s]+$/),
  user: z.string().min(1),
  host: z.string().min(1),
});
export type ParsedSipUri = z.infer<typeof ParsedSipUriSchema>;

export const DialInputSuccessSchema = z.discriminatedUnion('kind', [
  ParsedPhoneNumberSchema,
  ParsedSipUriSchema,
]);
export type DialInputSuccess = ParsedPhoneNumber | ParsedSipUri;

export const DialInputFailureSchema = z.object({
  ok: z.literal(false),
  reason: DialInputFailureReasonSchema,
  message: z.string().min(1),
  /**
   * For `invalid-number` only: the E.164 form of a number that has a possible length but is in no
   * range the metadata knows (metadata can lag behind new ranges); the UI may offer "call anyway".
   */
  candidate: z
    .string()
    .regex(/^\+\d{2,18}$/)
    .optional(),
});
export type DialInputFailure = z.infer<typeof DialInputFailureSchema>;

/** Any result of `parseDialInput`, e.g. to validate one that crossed IPC. */
export const DialInputResultSchema = z.union([
  ParsedPhoneNumberSchema,
  ParsedSipUriSchema,
  DialInputFailureSchema,
]);
export type DialInputResult = DialInputSuccess | DialInputFailure;
