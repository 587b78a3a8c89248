import { z } from 'zod';
import { IdSchema, TimestampSchema } from '../api/common.js';

/** ISO 3166 alpha-2 region a list's numbers without `+` are read in (`US`, `GB`). */
export const RegionCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'use a two-letter region, e.g. US');

/** A wall-clock time of day, `HH:MM` (24 h). */
export const TimeOfDaySchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, 24-hour, e.g. 09:00');

/** What happens to a contact nobody reached: retry after so many hours, at most so many attempts. */
export const RetryPolicySchema = z.strictObject({
  noAnswerRetryHours: z.number().min(0).max(720),
  busyRetryHours: z.number().min(0).max(720),
  maxAttempts: z.number().int().min(1).max(50),
});
export type RetryPolicy = z.infer<typeof RetryPolicySchema>;

/** When contacts may be called, in each contact's own local time (start inclusive, end exclusive). */
export const CallingHoursSchema = z
  .strictObject({ start: TimeOfDaySchema, end: TimeOfDaySchema })
  .refine((h) => h.start < h.end, { message: 'start must be before end', path: ['end'] });
export type CallingHours = z.infer<typeof CallingHoursSchema>;

export const ContactStateSchema = z.enum([
  'untouched',
  'in_progress',
  'reached',
  'exhausted',
  'removed',
]);
export type ContactState = z.infer<typeof ContactStateSchema>;

/** How many of a list's contacts are in each state. */
export const ListProgressSchema = z.object({
  total: z.number().int(),
  untouched: z.number().int(),
  in_progress: z.number().int(),
  reached: z.number().int(),
  exhausted: z.number().int(),
  removed: z.number().int(),
});
export type ListProgress = z.infer<typeof ListProgressSchema>;

export const CallListSchema = z.object({
  id: IdSchema,
  name: z.string(),
  defaultRegion: RegionCodeSchema,
  retry: RetryPolicySchema,
  callingHours: CallingHoursSchema,
  /** Agents who may work the list. */
  agentIds: z.array(IdSchema),
  progress: ListProgressSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type CallList = z.infer<typeof CallListSchema>;

const ListNameSchema = z.string().trim().min(1).max(200);

export const CreateCallListSchema = z.strictObject({
  name: ListNameSchema,
  defaultRegion: RegionCodeSchema,
  retry: RetryPolicySchema.default({ noAnswerRetryHours: 4, busyRetryHours: 1, maxAttempts: 3 }),
  callingHours: CallingHoursSchema.default({ start: '09:00', end: '20:00' }),
});
export type CreateCallList = z.input<typeof CreateCallListSchema>;

export const UpdateCallListSchema = z
  .strictObject({
    name: ListNameSchema.optional(),
    defaultRegion: RegionCodeSchema.optional(),
    retry: RetryPolicySchema.optional(),
    callingHours: CallingHoursSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'send at least one field' });
export type UpdateCallList = z.infer<typeof UpdateCallListSchema>;

/** Replaces the list's agents (an empty array unassigns everyone). */
export const AssignCallListSchema = z.strictObject({
  agentIds: z.array(IdSchema).max(1000),
});
export type AssignCallList = z.infer<typeof AssignCallListSchema>;

export const ListIdParamsSchema = z.strictObject({ listId: IdSchema });
export const ContactParamsSchema = z.strictObject({ listId: IdSchema, contactId: IdSchema });
