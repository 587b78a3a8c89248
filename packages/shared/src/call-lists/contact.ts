import { z } from 'zod';
import { E164Schema, IdSchema, PageQuerySchema, TimestampSchema } from '../api/common.js';
import { ContactStateSchema } from './call-list.js';
import { ScheduleCallbackSchema } from './callback.js';

/** Custom columns an import mapped, by column name; values are the cell text. */
export const CustomFieldsSchema = z.record(z.string().max(200), z.string().max(2000));

export const ContactSchema = z.object({
  id: IdSchema,
  listId: IdSchema,
  phone: E164Schema,
  name: z.string().nullable(),
  company: z.string().nullable(),
  notes: z.string().nullable(),
  customFields: CustomFieldsSchema,
  state: ContactStateSchema,
  attempts: z.number().int(),
  /** When a retry is due (`in_progress` only; `null` while leased or waiting for a callback). */
  nextAttemptAt: TimestampSchema.nullable(),
  /**
   * IANA zones the number may be in (from its region; the import's `timezone` column when mapped).
   * Calling hours must hold in every one of them.
   */
  timezones: z.array(z.string()),
  /** The agent holding the lease, and until when; `null` when nobody holds it. */
  leaseOwnerId: IdSchema.nullable(),
  leaseExpiresAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Contact = z.infer<typeof ContactSchema>;

export const ContactQuerySchema = PageQuerySchema.extend({ state: ContactStateSchema.optional() });

/** Why a claim returned this contact: a due callback, a due retry, or a first call. */
export const ClaimReasonSchema = z.enum(['callback', 'retry', 'new']);

/**
 * `POST /api/call-lists/:listId/claim`. `contact: null` means nothing is callable now (all done,
 * leased, outside calling hours, or waiting for a retry); `nextDueAt` then says when a retry or
 * callback becomes due, if one does.
 */
export const ClaimResponseSchema = z.object({
  contact: ContactSchema.nullable(),
  reason: ClaimReasonSchema.nullable(),
  /** The callback the claim is for (reason `callback`). */
  callbackId: IdSchema.nullable(),
  nextDueAt: TimestampSchema.nullable(),
});
export type ClaimResponse = z.infer<typeof ClaimResponseSchema>;

/** What an attempt came to; decides the contact's next state (docs/call-lists.md#rules). */
export const AttemptOutcomeSchema = z.enum([
  'reached',
  'no-answer',
  'busy',
  'failed',
  'wrong-number',
  'do-not-call',
]);
export type AttemptOutcome = z.infer<typeof AttemptOutcomeSchema>;

/** `POST …/contacts/:contactId/complete`: ends the caller's lease with the attempt's outcome. */
export const CompleteAttemptSchema = z.strictObject({
  outcome: AttemptOutcomeSchema,
  /**
   * The call log of this attempt (the desktop's own id), linked to the contact; it must have been
   * posted first (`POST /api/call-logs`), and its disposition is set there.
   */
  callLogId: IdSchema.optional(),
  /** Schedules a callback owned by the caller; the contact waits for it instead of a retry. */
  callback: ScheduleCallbackSchema.omit({ contactId: true, phone: true }).optional(),
});
export type CompleteAttempt = z.infer<typeof CompleteAttemptSchema>;

/** `POST …/contacts/:contactId/release`: gives the lease back (a skip); no attempt is counted. */
export const ReleaseContactSchema = z.strictObject({
  /**
   * Offer the contact again after this many minutes (default 30). 0 makes it due at once, and due
   * retries come before untouched contacts, so the next claim may return it.
   */
  delayMinutes: z.number().int().min(0).max(10_080).default(30),
});
