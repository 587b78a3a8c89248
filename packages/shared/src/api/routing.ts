import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common.js';

/** Agents rung one after another, each for the number's ring timeout. */
export const RingGroupSchema = z.object({
  id: IdSchema,
  name: z.string(),
  memberIds: z.array(IdSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type RingGroup = z.infer<typeof RingGroupSchema>;

export const CreateRingGroupSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  /** In ring order; an agent appears once. */
  memberIds: z
    .array(IdSchema)
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, 'list each agent once'),
});
export type CreateRingGroup = z.infer<typeof CreateRingGroupSchema>;
export const UpdateRingGroupSchema = CreateRingGroupSchema.partial();
export type UpdateRingGroup = z.infer<typeof UpdateRingGroupSchema>;

export const FallbackMessageSchema = z.string().trim().min(1).max(500);
export const DEFAULT_FALLBACK_MESSAGE = 'Sorry, nobody can take your call right now. Goodbye.';

/** How one agent's leg of a routed inbound call went. */
export const RouteAttemptSchema = z.object({
  agentId: IdSchema,
  outcome: z.enum(['answered', 'no-answer', 'declined', 'offline', 'failed', 'skipped']),
  /** Why: a SIP code, `do-not-disturb`, `busy`, `no-credential`, `inactive`. */
  reason: z.string().optional(),
});
export type RouteAttempt = z.infer<typeof RouteAttemptSchema>;

/** The route an inbound call took, kept on its call log. */
export const CallRouteSchema = z.object({
  number: z.string(),
  attempts: z.array(RouteAttemptSchema),
  result: z.enum(['answered', 'fallback-message', 'caller-hung-up', 'no-route']),
});
export type CallRoute = z.infer<typeof CallRouteSchema>;
