import { z } from 'zod';
import { E164Schema, IdSchema, TimestampSchema } from '../api/common.js';

export const CallbackStatusSchema = z.enum(['scheduled', 'done', 'cancelled']);

/** A wall-clock time without zone, `YYYY-MM-DDTHH:MM` (read in `timeZone`). */
export const LocalDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'use YYYY-MM-DDTHH:MM');

/**
 * When a callback is due: an instant (`dueAt`, ISO with offset), or a wall-clock time in a zone —
 * the contact's (one of `contact.timezones`) or the agent's own — which the API turns into UTC.
 */
export const CallbackWhenSchema = z.union([
  z.strictObject({ dueAt: TimestampSchema }),
  z.strictObject({ localTime: LocalDateTimeSchema, timeZone: z.string().min(1).max(64) }),
]);

export const ScheduleCallbackSchema = z.strictObject({
  when: CallbackWhenSchema,
  /** A contact of a call list; or only a phone number for a callback outside any list. */
  contactId: IdSchema.optional(),
  phone: E164Schema.optional(),
  note: z.string().max(2000).optional(),
});
export type ScheduleCallback = z.infer<typeof ScheduleCallbackSchema>;

export const CallbackSchema = z.object({
  id: IdSchema,
  contactId: IdSchema.nullable(),
  listId: IdSchema.nullable(),
  phone: E164Schema,
  ownerId: IdSchema,
  dueAt: TimestampSchema,
  status: CallbackStatusSchema,
  note: z.string().nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Callback = z.infer<typeof CallbackSchema>;

/** Admin: reassign to another agent. Owner or admin: cancel. */
export const UpdateCallbackSchema = z
  .strictObject({
    ownerId: IdSchema.optional(),
    status: z.literal('cancelled').optional(),
  })
  .refine((v) => v.ownerId !== undefined || v.status !== undefined, {
    message: 'send ownerId or status',
  });
export type UpdateCallback = z.infer<typeof UpdateCallbackSchema>;

export const CallbackQuerySchema = z.strictObject({
  /** Scheduled callbacks due before now + this many minutes (reminders); default all scheduled. */
  dueWithinMinutes: z.coerce.number().int().min(0).max(10_080).optional(),
  /** Admins: one agent's callbacks (agents always see only their own). */
  ownerId: IdSchema.optional(),
  status: CallbackStatusSchema.default('scheduled'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
