import { z } from 'zod';
import { E164Schema, IdSchema, PageQuerySchema, TimestampSchema } from '../api/common.js';

/** One number on the org's do-not-call list. */
export const DncEntrySchema = z.object({
  phone: E164Schema,
  reason: z.string().nullable(),
  /** Who added it; `null` once that user is deleted. */
  addedBy: IdSchema.nullable(),
  createdAt: TimestampSchema,
});
export type DncEntry = z.infer<typeof DncEntrySchema>;

/** Any agent may add a number (from a call); `phone` in any form `parseDialInput` reads. */
export const AddDncSchema = z.strictObject({
  phone: z.string().min(1).max(64),
  /** Region to read a number without `+` in (default: the org's numbers are read as E.164 only). */
  region: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  reason: z.string().max(500).optional(),
});
export type AddDnc = z.infer<typeof AddDncSchema>;

export const DncQuerySchema = PageQuerySchema;
export const DncPhoneParamsSchema = z.strictObject({ phone: E164Schema });

/** `GET /api/dnc/check/:phone` — the dial-time check. */
export const DncCheckSchema = z.object({ phone: E164Schema, blocked: z.boolean() });
