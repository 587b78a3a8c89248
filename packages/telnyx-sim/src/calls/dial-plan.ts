// What an outbound destination does. Rules match the destination's trailing
// digits; the first match wins. Defaults are documented in the package README.md and kept short so
// tests are fast; every delay is configurable.
import type { MediaMode } from '../media/media-leg.js';

export type DialOutcome =
  | { kind: 'answer'; ringMs: number; media: MediaMode; hangupAfterMs?: number }
  | { kind: 'early-media'; earlyMs: number; answerAfterMs: number; media: MediaMode }
  | { kind: 'busy'; afterMs: number }
  | { kind: 'no-answer'; timeoutMs: number }
  | { kind: 'reject'; afterMs: number };

export interface DialRule {
  /** Destination digits suffix (non-digits are ignored on both sides), or a RegExp on the raw destination. */
  match: string | RegExp;
  outcome: DialOutcome;
}

export interface DialTimings {
  ringMs: number;
  noAnswerMs: number;
  earlyMediaMs: number;
  remoteHangupMs: number;
}

export const DEFAULT_TIMINGS: DialTimings = {
  ringMs: 300,
  noAnswerMs: 3000,
  earlyMediaMs: 1000,
  remoteHangupMs: 3000,
};

/** The documented default dial plan (README.md "Dial plan"). */
export function defaultDialPlan(t: Partial<DialTimings> = {}): DialRule[] {
  const { ringMs, noAnswerMs, earlyMediaMs, remoteHangupMs } = { ...DEFAULT_TIMINGS, ...t };
  return [
    { match: '0000', outcome: { kind: 'answer', ringMs, media: 'tone' } },
    { match: '0001', outcome: { kind: 'answer', ringMs, media: 'echo' } },
    { match: '0002', outcome: { kind: 'answer', ringMs, media: 'silence' } },
    { match: '0486', outcome: { kind: 'busy', afterMs: ringMs } },
    { match: '0408', outcome: { kind: 'no-answer', timeoutMs: noAnswerMs } },
    { match: '0603', outcome: { kind: 'reject', afterMs: ringMs } },
    {
      match: '0183',
      outcome: { kind: 'early-media', earlyMs: ringMs, answerAfterMs: earlyMediaMs, media: 'tone' },
    },
    {
      match: '0016',
      outcome: { kind: 'answer', ringMs, media: 'tone', hangupAfterMs: remoteHangupMs },
    },
  ];
}

/** Anything the plan does not match is answered with a tone. */
export function resolveDestination(
  rules: readonly DialRule[],
  destination: string,
  t: Partial<DialTimings> = {},
): DialOutcome {
  const digits = destination.replace(/\D/g, '');
  for (const rule of rules) {
    const hit =
      typeof rule.match === 'string'
        ? digits.endsWith(rule.match.replace(/\D/g, ''))
        : rule.match.test(destination);
    if (hit) return rule.outcome;
  }
  return { kind: 'answer', ringMs: t.ringMs ?? DEFAULT_TIMINGS.ringMs, media: 'tone' };
}

/** Q.850 / FreeSWITCH causes as the SDK reports them (docs/telnyx-protocol.md#hangup-causes). */
export const HANGUP_CAUSES = {
  NORMAL_CLEARING: { cause: 'NORMAL_CLEARING', causeCode: 16, sipCode: 200, sipReason: 'OK' },
  USER_BUSY: { cause: 'USER_BUSY', causeCode: 17, sipCode: 486, sipReason: 'Busy Here' },
  NO_ANSWER: {
    cause: 'NO_ANSWER',
    causeCode: 19,
    sipCode: 408,
    sipReason: 'Request Timeout',
  },
  CALL_REJECTED: { cause: 'CALL_REJECTED', causeCode: 21, sipCode: 603, sipReason: 'Decline' },
  ORIGINATOR_CANCEL: {
    cause: 'ORIGINATOR_CANCEL',
    causeCode: 487,
    sipCode: 487,
    sipReason: 'Request Terminated',
  },
  NORMAL_TEMPORARY_FAILURE: {
    cause: 'NORMAL_TEMPORARY_FAILURE',
    causeCode: 41,
    sipCode: 503,
    sipReason: 'Service Unavailable',
  },
} as const;

export type HangupCauseName = keyof typeof HANGUP_CAUSES;
export type HangupCause = (typeof HANGUP_CAUSES)[HangupCauseName];
