import { describe, expect, it } from 'vitest';
import type { CallDirection, FinalCallStatus } from './call-enums.js';
import {
  classifyHangup,
  outcomeFromHangup,
  resolveEndedBy,
  statusFromWebhookHangup,
  WEBHOOK_HANGUP_CAUSES,
  type HangupFacts,
  type HangupKind,
  type HangupReason,
} from './hangup-outcome.js';
import type { CallEndedBy } from './sdk-call-event.js';

describe('classifyHangup', () => {
  const rows: [HangupReason, HangupKind][] = [
    [{}, 'normal'],
    [{ cause: null, causeCode: null, sipCode: null }, 'normal'],
    [{ cause: 'NORMAL_CLEARING', causeCode: 16, sipCode: 200 }, 'normal'],
    [{ cause: 'normal_clearing' }, 'normal'],
    [{ cause: 'USER_BUSY', causeCode: 17, sipCode: 486 }, 'busy'],
    [{ causeCode: 17 }, 'busy'],
    [{ sipCode: 486 }, 'busy'],
    [{ sipCode: 600 }, 'busy'],
    [{ cause: 'NO_ANSWER', causeCode: 19 }, 'no-answer'],
    [{ cause: 'NO_USER_RESPONSE', causeCode: 18 }, 'no-answer'],
    [{ cause: 'RECOVERY_ON_TIMER_EXPIRE', causeCode: 102 }, 'no-answer'],
    [{ sipCode: 408 }, 'no-answer'],
    [{ sipCode: 480 }, 'no-answer'],
    [{ cause: 'CALL_REJECTED', causeCode: 21 }, 'rejected'],
    [{ sipCode: 403 }, 'rejected'],
    [{ sipCode: 603 }, 'rejected'],
    [{ sipCode: 607 }, 'rejected'],
    [{ cause: 'ORIGINATOR_CANCEL', causeCode: 487 }, 'cancel'],
    [{ causeCode: 487 }, 'cancel'],
    [{ sipCode: 487 }, 'cancel'],
    // A normal cause defers to the far end's SIP answer; a specific cause does not.
    [{ cause: 'NORMAL_CLEARING', causeCode: 16, sipCode: 486 }, 'busy'],
    [{ cause: 'NORMAL_CLEARING', sipCode: 503 }, 'error'],
    [{ cause: 'USER_BUSY', causeCode: 17, sipCode: 603 }, 'busy'],
    [{ cause: 'UNALLOCATED_NUMBER', causeCode: 1, sipCode: 404 }, 'error'],
    [{ cause: 'NORMAL_UNSPECIFIED', causeCode: 31, sipCode: 486 }, 'busy'],
    [{ causeCode: 38 }, 'error'],
    [{ cause: 'PICKED_OFF' }, 'error'],
    [{ cause: 'UNALLOCATED_NUMBER', sipCode: 200 }, 'error'],
    [{ cause: 'NORMAL_CLEARING', causeCode: 31 }, 'normal'],
    [{ sipCode: 404 }, 'error'],
    [{ sipCode: 503 }, 'error'],
    [{ sipCode: 181 }, 'normal'],
  ];
  it.each(rows)('%j is %s', (reason, kind) => {
    expect(classifyHangup(reason)).toBe(kind);
  });
});

describe('resolveEndedBy', () => {
  const rows: [HangupFacts, CallEndedBy][] = [
    // The engine's word wins over every inference.
    [{ direction: 'outbound', answered: false, endedBy: 'remote', cause: 'USER_BUSY' }, 'remote'],
    [{ direction: 'outbound', answered: false, endedBy: 'local', sipCode: 486 }, 'local'],
    // The SDK's own BYE carries no SIP code (docs/telnyx-protocol.md#hangup); the gateway's does
    // (docs/telnyx-protocol.md#hangup-causes).
    [{ direction: 'outbound', answered: false, cause: 'USER_BUSY', causeCode: 17 }, 'local'],
    [{ direction: 'outbound', answered: false, cause: 'USER_BUSY', sipCode: 486 }, 'remote'],
    [{ direction: 'inbound', answered: true, cause: 'NORMAL_CLEARING', sipCode: 200 }, 'remote'],
    // ORIGINATOR_CANCEL names the side that placed the call.
    [{ direction: 'outbound', answered: false, cause: 'ORIGINATOR_CANCEL', sipCode: 487 }, 'local'],
    [{ direction: 'inbound', answered: false, cause: 'ORIGINATOR_CANCEL' }, 'remote'],
    [{ direction: 'outbound', answered: false, endedBy: 'network', sipCode: 486 }, 'network'],
  ];
  it.each(rows)('%j → %s', (facts, endedBy) => {
    expect(resolveEndedBy(facts)).toBe(endedBy);
  });
});

describe('outcomeFromHangup', () => {
  type Row = [string, HangupFacts, FinalCallStatus];
  const out = (facts: Partial<HangupFacts>): HangupFacts => ({
    direction: 'outbound',
    answered: false,
    ...facts,
  });
  const inb = (facts: Partial<HangupFacts>): HangupFacts => ({
    direction: 'inbound',
    answered: false,
    rang: true,
    ...facts,
  });
  const rows: Row[] = [
    [
      'answered outbound, we hang up',
      out({ answered: true, cause: 'NORMAL_CLEARING' }),
      'completed',
    ],
    [
      'answered, remote busy cause',
      out({ answered: true, cause: 'USER_BUSY', sipCode: 486 }),
      'completed',
    ],
    ['answered inbound, purged', inb({ answered: true, endedBy: 'network' }), 'completed'],
    ['answered, direction unknown', { direction: undefined, answered: true }, 'completed'],
    // Outbound before answer, ended by the agent: the SDK default cause is USER_BUSY/17
    // (docs/telnyx-protocol.md#hangup).
    ['agent cancels (SDK default)', out({ cause: 'USER_BUSY', causeCode: 17 }), 'cancelled'],
    [
      'agent cancels, endedBy',
      out({ endedBy: 'local', cause: 'USER_BUSY', sipCode: 486 }),
      'cancelled',
    ],
    ['agent cancels, no cause', out({ endedBy: 'local' }), 'cancelled'],
    [
      'agent cancels, ORIGINATOR_CANCEL',
      out({ cause: 'ORIGINATOR_CANCEL', causeCode: 487 }),
      'cancelled',
    ],
    ['our ring timeout', out({ endedBy: 'local', cause: 'NO_ANSWER', causeCode: 19 }), 'no-answer'],
    ['local SDP failure', out({ endedBy: 'local', cause: 'MEDIA_TIMEOUT' }), 'failed'],
    // Outbound before answer, ended by the far end.
    ['remote busy', out({ cause: 'USER_BUSY', causeCode: 17, sipCode: 486 }), 'busy'],
    ['remote busy, endedBy', out({ endedBy: 'remote', cause: 'USER_BUSY', causeCode: 17 }), 'busy'],
    ['remote busy everywhere', out({ sipCode: 600 }), 'busy'],
    ['no answer', out({ cause: 'NO_ANSWER', causeCode: 19, sipCode: 480 }), 'no-answer'],
    ['request timeout', out({ endedBy: 'remote', sipCode: 408 }), 'no-answer'],
    ['declined', out({ cause: 'CALL_REJECTED', causeCode: 21, sipCode: 603 }), 'rejected'],
    ['forbidden', out({ endedBy: 'remote', sipCode: 403 }), 'rejected'],
    ['network cancel', out({ endedBy: 'remote', cause: 'ORIGINATOR_CANCEL' }), 'cancelled'],
    ['remote clears unanswered', out({ cause: 'NORMAL_CLEARING', sipCode: 200 }), 'failed'],
    ['not found', out({ cause: 'UNALLOCATED_NUMBER', causeCode: 1, sipCode: 404 }), 'failed'],
    ['server error', out({ endedBy: 'remote', sipCode: 503 }), 'failed'],
    ['lost on reconnect before answer', out({ endedBy: 'network', cause: 'USER_BUSY' }), 'failed'],
    // Inbound before answer.
    ['caller gives up', inb({ cause: 'ORIGINATOR_CANCEL', causeCode: 487 }), 'missed'],
    ['caller clears', inb({ cause: 'NORMAL_CLEARING', sipCode: 200 }), 'missed'],
    ['network ring timeout', inb({ cause: 'NO_ANSWER', sipCode: 480 }), 'missed'],
    ['remote error after ringing', inb({ endedBy: 'remote', sipCode: 503 }), 'missed'],
    ['remote error, never rang', inb({ rang: false, endedBy: 'remote', sipCode: 503 }), 'failed'],
    ['remote cancel, never rang', inb({ rang: false, cause: 'ORIGINATOR_CANCEL' }), 'missed'],
    ['agent declines (SDK default)', inb({ cause: 'USER_BUSY', causeCode: 17 }), 'rejected'],
    [
      'agent declines, CALL_REJECTED',
      inb({ endedBy: 'local', cause: 'CALL_REJECTED' }),
      'rejected',
    ],
    ['our inbound ring timeout', inb({ endedBy: 'local', cause: 'NO_ANSWER' }), 'missed'],
    ['answer clicked, no media', inb({ answering: true, cause: 'USER_BUSY' }), 'failed'],
    ['caller gives up while answering', inb({ answering: true, sipCode: 487 }), 'missed'],
    ['local error inbound', inb({ endedBy: 'local', cause: 'MEDIA_TIMEOUT' }), 'failed'],
    ['lost on reconnect while ringing', inb({ endedBy: 'network', sipCode: 487 }), 'failed'],
    ['direction never known', { direction: undefined, answered: false, sipCode: 486 }, 'failed'],
  ];
  it.each(rows)('%s', (_name, facts, status) => {
    expect(outcomeFromHangup(facts)).toBe(status);
  });
});

describe('statusFromWebhookHangup (docs/telnyx-protocol.md#webhook-events)', () => {
  type Row = [CallDirection, string | null, string | null, string | null, FinalCallStatus];
  const rows: Row[] = [
    ['outbound', 'user_busy', 'callee', '486', 'busy'],
    ['outbound', 'user_busy', 'unknown', null, 'busy'],
    // The agent is the caller on an outbound call: a USER_BUSY from the caller is the SDK's cancel.
    ['outbound', 'user_busy', 'caller', null, 'cancelled'],
    ['outbound', 'originator_cancel', 'caller', '487', 'cancelled'],
    ['outbound', 'originator_cancel', 'unknown', null, 'cancelled'],
    ['outbound', 'no_answer', 'callee', '480', 'no-answer'],
    ['outbound', 'timeout', 'unknown', null, 'no-answer'],
    ['outbound', 'call_rejected', 'callee', '603', 'rejected'],
    ['outbound', 'not_found', 'callee', '404', 'failed'],
    ['outbound', 'time_limit', 'unknown', null, 'failed'],
    ['outbound', 'normal_clearing', 'callee', null, 'failed'],
    ['outbound', 'normal_clearing', 'caller', null, 'cancelled'],
    ['outbound', 'unspecified', 'callee', '486', 'busy'],
    ['outbound', 'unspecified', 'callee', '603', 'rejected'],
    ['outbound', 'unspecified', 'unknown', '503', 'failed'],
    ['outbound', 'unspecified', null, null, 'failed'],
    ['outbound', 'some_new_cause', 'callee', null, 'failed'],
    ['outbound', 'some_new_cause', 'callee', '486', 'busy'],
    ['outbound', null, 'callee', 'garbage', 'failed'],
    // The customer is the caller on an inbound call.
    ['inbound', 'originator_cancel', 'caller', '487', 'missed'],
    ['inbound', 'originator_cancel', 'unknown', null, 'missed'],
    ['inbound', 'normal_clearing', 'caller', null, 'missed'],
    ['inbound', 'timeout', 'unknown', null, 'missed'],
    ['inbound', 'not_found', 'unknown', '404', 'missed'],
    ['inbound', 'user_busy', 'callee', '486', 'rejected'],
    ['inbound', 'call_rejected', 'callee', '603', 'rejected'],
    ['inbound', 'no_answer', 'callee', '480', 'missed'],
    ['inbound', 'not_found', 'callee', null, 'failed'],
    ['inbound', 'unspecified', 'callee', null, 'failed'],
    ['inbound', 'unspecified', 'callee', '200', 'failed'],
    ['inbound', 'normal_clearing', 'callee', '200', 'rejected'],
    ['inbound', null, 'callee', null, 'rejected'],
  ];
  it.each(rows)('%s %s from %s (SIP %s) → %s', (direction, cause, source, sip, status) => {
    const facts = { direction, hangupCause: cause, hangupSource: source, sipHangupCause: sip };
    expect(statusFromWebhookHangup({ ...facts, answered: false })).toBe(status);
  });

  it.each(
    WEBHOOK_HANGUP_CAUSES.flatMap(
      (cause) =>
        [
          ['inbound', cause],
          ['outbound', cause],
        ] as const,
    ),
  )('an answered %s call that ends with %s is completed', (direction, cause) => {
    for (const hangupSource of ['caller', 'callee', 'unknown']) {
      const facts = { direction, hangupCause: cause, hangupSource, sipHangupCause: '200' };
      expect(statusFromWebhookHangup({ ...facts, answered: true })).toBe('completed');
    }
  });
});
