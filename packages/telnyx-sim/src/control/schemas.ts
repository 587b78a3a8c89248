// Request bodies of the control API (README.md "Control API").
import { z } from 'zod';

const Header = z.object({ name: z.string().min(1), value: z.string() });

export const InboundCallSchema = z
  .object({
    /** Ring this credential (id or SIP username) … */
    credentialId: z.string().min(1).optional(),
    sipUsername: z.string().min(1).optional(),
    /** … or whoever this E.164 number routes to (its connection's newest registered agent). */
    number: z.string().min(1).optional(),
    from: z.string().min(1).default('+15550001111'),
    callerName: z.string().default('Sim Caller'),
    /** `[{name, value}]` or `{name: value}`. */
    customHeaders: z
      .union([z.array(Header), z.record(z.string(), z.string())])
      .default([])
      .transform((h) =>
        Array.isArray(h) ? h : Object.entries(h).map(([name, value]) => ({ name, value })),
      ),
    media: z.enum(['tone', 'echo', 'silence']).default('tone'),
    clientState: z.string().nullable().default(null),
    ringTimeoutMs: z.number().int().positive().max(600_000).optional(),
  })
  .refine((b) => [b.credentialId, b.sipUsername, b.number].filter(Boolean).length === 1, {
    message: 'Give exactly one of credentialId, sipUsername or number.',
  });

export const HangupSchema = z.object({
  cause: z
    .enum(['NORMAL_CLEARING', 'USER_BUSY', 'NO_ANSWER', 'CALL_REJECTED', 'ORIGINATOR_CANCEL'])
    .default('NORMAL_CLEARING'),
});

export const SecondsSchema = z.object({ seconds: z.number().min(0).max(3600) });
export const EnabledSchema = z.object({ enabled: z.boolean() });
export const DelaySchema = z.object({ ms: z.number().int().min(0).max(60_000) });
export const GatewayStateSchema = z.object({
  state: z
    .enum(['REGED', 'UNREGED', 'NOREG', 'FAILED', 'FAIL_WAIT', 'TIMEOUT', 'EXPIRED'])
    .nullable(),
});
export const CredentialSelectorSchema = z.object({
  credentialId: z.string().min(1).optional(),
  sipUsername: z.string().min(1).optional(),
  sessid: z.string().min(1).optional(),
});
export const RestFaultsSchema = z
  .object({
    /** The next `count` REST requests answer 429 with this Retry-After. */
    throttleNext: z
      .object({
        count: z.number().int().min(0).max(10_000),
        retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
      })
      .optional(),
    /** A fixed-window limit on REST requests; null lifts it. */
    rateLimit: z
      .object({
        requests: z.number().int().min(1).max(100_000),
        windowSeconds: z.number().int().min(1).max(3600),
      })
      .nullable()
      .optional(),
  })
  .strict();

export const WebhookFaultsSchema = z.object({
  duplicateProbability: z.number().min(0).max(1).optional(),
  reorderProbability: z.number().min(0).max(1).optional(),
  reorderDelayMs: z.number().int().min(0).max(60_000).optional(),
});
