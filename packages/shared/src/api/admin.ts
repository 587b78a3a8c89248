import { z } from 'zod';
import { CallStatusSchema } from '../call/call-enums.js';
import { AuthSessionSchema, PresenceSchema } from './accounts.js';
import { IdSchema, PageQuerySchema, TimestampSchema } from './common.js';

/**
 * The admin console's browser session: the refresh token never reaches JavaScript (it lives in an
 * httpOnly cookie), so the body carries everything else.
 */
export const BrowserSessionSchema = AuthSessionSchema.omit({ refreshToken: true });
export type BrowserSession = z.infer<typeof BrowserSessionSchema>;

/** Header the console sends on cookie-authenticated requests, echoing the readable CSRF cookie. */
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_COOKIE = 'croko_csrf';

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const DashboardQuerySchema = z
  .strictObject({
    from: TimestampSchema,
    to: TimestampSchema,
    /** IANA zone the days and hours are counted in (the admin's own); UTC by default. */
    tz: z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9_+\-/]+$/, 'use an IANA time zone such as Europe/Berlin')
      .refine(isTimeZone, 'use an IANA time zone such as Europe/Berlin')
      .default('UTC'),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'choose a period of at most a year',
    path: ['to'],
  });
export type DashboardQuery = z.input<typeof DashboardQuerySchema>;

export const DashboardSchema = z.object({
  totals: z.object({
    calls: z.number().int(),
    answered: z.number().int(),
    answerRate: z.number(),
    talkSeconds: z.number().int(),
  }),
  /** One row per local day that had calls, with counts per outcome (call status). */
  callsPerDay: z.array(
    z.object({ day: z.string(), byStatus: z.record(z.string(), z.number().int()) }),
  ),
  talkPerAgent: z.array(
    z.object({
      agentId: IdSchema.nullable(),
      name: z.string(),
      calls: z.number().int(),
      answered: z.number().int(),
      talkSeconds: z.number().int(),
    }),
  ),
  /** ISO weekday 1 (Monday) to 7, local hour 0–23; only cells with calls. */
  busiestHours: z.array(
    z.object({
      weekday: z.number().int().min(1).max(7),
      hour: z.number().int().min(0).max(23),
      calls: z.number().int(),
    }),
  ),
  onlineNow: z.array(
    z.object({
      agentId: IdSchema,
      name: z.string(),
      presence: PresenceSchema,
      lastSeenAt: TimestampSchema.nullable(),
    }),
  ),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

/** One change in a call's life, recorded by the database whenever the call log changes. */
export const CallEventSchema = z.object({
  at: TimestampSchema,
  kind: z.enum(['status', 'disposition', 'notes']),
  status: CallStatusSchema.nullable(),
  disposition: z.string().nullable(),
});
export type CallEvent = z.infer<typeof CallEventSchema>;
export const CallTimelineSchema = z.object({ events: z.array(CallEventSchema) });
export type CallTimeline = z.infer<typeof CallTimelineSchema>;

export const AuditQuerySchema = PageQuerySchema.extend({
  action: z
    .string()
    .max(100)
    .regex(/^[a-z0-9_.-]+$/, 'use an action name such as agent.create')
    .optional(),
  actorId: IdSchema.optional(),
  targetType: z
    .string()
    .max(50)
    .regex(/^[a-z0-9_.-]+$/, 'use a target type such as agent')
    .optional(),
  from: TimestampSchema.optional(),
  to: TimestampSchema.optional(),
}).strict();
export type AuditQuery = z.input<typeof AuditQuerySchema>;

/** Where Telnyx must send call events for this server, to paste into the Telnyx portal. */
export const WebhookInfoSchema = z.object({
  /** null until the server knows its public address (WEBHOOK_PUBLIC_URL). */
  url: z.string().nullable(),
});
export type WebhookInfo = z.infer<typeof WebhookInfoSchema>;

/** The result of the server calling its own public webhook address, as Telnyx would. */
export const WebhookTestSchema = z.object({
  reachable: z.boolean(),
  url: z.string().nullable(),
  latencyMs: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type WebhookTest = z.infer<typeof WebhookTestSchema>;
