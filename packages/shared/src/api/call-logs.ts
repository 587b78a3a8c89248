import { z } from 'zod';
import { CallDirectionSchema, CallStatusSchema, DispositionSchema } from '../call/call-enums.js';
import { CallPartySchema, IdSchema, PageQuerySchema, TimestampSchema } from './common.js';
import { CallRouteSchema } from './routing.js';

/** Telnyx ids may be long (`v3:…` call control ids); cap them so a bad client cannot store megabytes. */
const TelnyxIdSchema = z.string().min(1).max(256);
const NotesSchema = z.string().max(5000);

export const CallLogSchema = z.object({
  id: IdSchema,
  agentId: IdSchema.nullable(),
  direction: CallDirectionSchema,
  from: z.string(),
  to: z.string(),
  status: CallStatusSchema,
  disposition: DispositionSchema.nullable(),
  notes: z.string().nullable(),
  startedAt: TimestampSchema,
  answeredAt: TimestampSchema.nullable(),
  endedAt: TimestampSchema.nullable(),
  durationSeconds: z.number().int().nullable(),
  telnyxCallControlId: z.string().nullable(),
  telnyxCallSessionId: z.string().nullable(),
  telnyxCallLegId: z.string().nullable(),
  hangupCause: z.string().nullable(),
  /** The call-list contact this call was an attempt on (docs/call-lists.md#rules). */
  contactId: IdSchema.nullable().optional(),
  /** Inbound calls the API routed: the agents tried, how each went, and the result. */
  route: CallRouteSchema.optional(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type CallLog = z.infer<typeof CallLogSchema>;

/**
 * The desktop's upsert: `id` is a client-generated UUID, so retries and duplicates land on the same
 * record. The agent is the signed-in user; status merges forward only (call-status-order.ts).
 */
export const UpsertCallLogSchema = z.strictObject({
  id: IdSchema,
  direction: CallDirectionSchema,
  from: CallPartySchema,
  to: CallPartySchema,
  status: CallStatusSchema,
  disposition: DispositionSchema.nullable().optional(),
  notes: NotesSchema.nullable().optional(),
  startedAt: TimestampSchema,
  answeredAt: TimestampSchema.nullable().optional(),
  endedAt: TimestampSchema.nullable().optional(),
  durationSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .nullable()
    .optional(),
  telnyxCallControlId: TelnyxIdSchema.nullable().optional(),
  telnyxCallSessionId: TelnyxIdSchema.nullable().optional(),
  telnyxCallLegId: TelnyxIdSchema.nullable().optional(),
  hangupCause: z.string().max(100).nullable().optional(),
});
export type UpsertCallLog = z.input<typeof UpsertCallLogSchema>;

export const UpdateCallLogSchema = z
  .strictObject({
    disposition: DispositionSchema.nullable().optional(),
    notes: NotesSchema.nullable().optional(),
  })
  .refine((v) => v.disposition !== undefined || v.notes !== undefined, {
    message: 'send disposition, notes or both',
  });
export type UpdateCallLog = z.infer<typeof UpdateCallLogSchema>;

export const CallLogQuerySchema = PageQuerySchema.extend({
  agentId: IdSchema.optional(),
  direction: CallDirectionSchema.optional(),
  status: CallStatusSchema.optional(),
  disposition: DispositionSchema.optional(),
  from: TimestampSchema.optional(),
  to: TimestampSchema.optional(),
  number: z
    .string()
    .regex(/^\+\d{1,15}$/, 'number is an E.164 prefix: + then digits')
    .optional(),
}).strict();
export type CallLogQuery = z.input<typeof CallLogQuerySchema>;

export const CallLogPageSchema = z.object({
  items: z.array(CallLogSchema),
  nextCursor: z.string().nullable(),
});
export type CallLogPage = z.infer<typeof CallLogPageSchema>;

export const CallStatsQuerySchema = z.strictObject({
  from: TimestampSchema.optional(),
  to: TimestampSchema.optional(),
  groupBy: z.enum(['day', 'agent']).default('day'),
});

export const CallStatsRowSchema = z.object({
  key: z.string(),
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  answered: z.number().int(),
  answerRate: z.number(),
  talkSeconds: z.number().int(),
});
export const CallStatsSchema = z.object({
  groupBy: z.enum(['day', 'agent']),
  rows: z.array(CallStatsRowSchema),
});
export type CallStats = z.infer<typeof CallStatsSchema>;
