import { z } from 'zod';

/** Which side placed the call, from the agent's point of view. */
export const CallDirectionSchema = z.enum(['inbound', 'outbound']);
export type CallDirection = z.infer<typeof CallDirectionSchema>;

/**
 * Where a call stands. `initiated`, `ringing` and `connected` are live; the rest are final outcomes.
 * The order of the live states matters: status only moves forward (see call-status-order.ts).
 */
export const CallStatusSchema = z.enum([
  'initiated',
  'ringing',
  'connected',
  'completed',
  'missed',
  'failed',
  'cancelled',
  'busy',
  'no-answer',
  'rejected',
]);
export type CallStatus = z.infer<typeof CallStatusSchema>;

export const LIVE_CALL_STATUSES = [
  'initiated',
  'ringing',
  'connected',
] as const satisfies readonly CallStatus[];
export type LiveCallStatus = (typeof LIVE_CALL_STATUSES)[number];
export type FinalCallStatus = Exclude<CallStatus, LiveCallStatus>;

export function isFinalCallStatus(status: CallStatus): status is FinalCallStatus {
  return !(LIVE_CALL_STATUSES as readonly CallStatus[]).includes(status);
}

/**
 * Sales outcomes an agent records after a call. Built-in values; orgs may add their own later, so the
 * API stores dispositions as text validated against the org's list, and this is the default list.
 */
export const BUILT_IN_DISPOSITIONS = [
  'interested',
  'not-interested',
  'callback-requested',
  'voicemail-left',
  'no-answer',
  'wrong-number',
  'do-not-call',
  'sale',
  'follow-up',
] as const;
export const BuiltInDispositionSchema = z.enum(BUILT_IN_DISPOSITIONS);
export type BuiltInDisposition = z.infer<typeof BuiltInDispositionSchema>;

/** A disposition: a built-in one or an org-defined slug (lowercase words joined by dashes). */
export const DispositionSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a disposition is lowercase words joined by dashes');
export type Disposition = z.infer<typeof DispositionSchema>;
