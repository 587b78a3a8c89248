import { describe, expect, it } from 'vitest';
import type { CallDirection, CallStatus } from './call-enums.js';
import {
  applyCallEvent,
  CallRecordSchema,
  reduceCallEvents,
  type CallRecord,
} from './call-record.js';
import { SDK_CALL_STATES, type SdkCallEvent, type SdkCallState } from './sdk-call-event.js';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const ev = (
  state: SdkCallState,
  atSeconds: number,
  extra: Partial<SdkCallEvent> = {},
): SdkCallEvent => ({
  at: T0 + atSeconds * 1000,
  state,
  ...extra,
});

/**
 * Real state paths (docs/telnyx-protocol.md#outbound-invite,
 * docs/telnyx-protocol.md#inbound-invite) that bring a call to each point.
 */
type Point = 'fresh' | 'initiated' | 'ringing' | 'connected' | 'ended';
const PATHS: Record<CallDirection, Record<Point, SdkCallState[]>> = {
  outbound: {
    fresh: [],
    initiated: ['new', 'requesting', 'trying'],
    ringing: ['new', 'requesting', 'trying', 'early'],
    connected: ['new', 'requesting', 'trying', 'early', 'active'],
    ended: ['new', 'requesting', 'trying', 'early', 'active', 'hangup'],
  },
  inbound: {
    fresh: [],
    initiated: ['new'],
    ringing: ['new', 'ringing'],
    connected: ['new', 'ringing', 'answering', 'active'],
    ended: ['new', 'ringing', 'answering', 'active', 'hangup'],
  },
};

function recordAt(direction: CallDirection, point: Point): CallRecord | undefined {
  // `new` carries no direction in the SDK's notification (wire/outbound.txt); the rest do.
  return reduceCallEvents(
    PATHS[direction][point].map((state, i) => ev(state, i, state === 'new' ? {} : { direction })),
  );
}

/** One table row: the status after each SDK state, in SDK_CALL_STATES order. */
function row(statuses: string): Record<SdkCallState, CallStatus> {
  const cells = statuses.trim().split(/\s+/);
  expect(cells).toHaveLength(SDK_CALL_STATES.length);
  return Object.fromEntries(SDK_CALL_STATES.map((state, i) => [state, cells[i]])) as Record<
    SdkCallState,
    CallStatus
  >;
}

/**
 * Every SDK state applied to a call at every point, for both directions. Unanswered finals without
 * a SIP code are the SDK's own BYE, so the agent ended the call: an outbound call is `cancelled`, an
 * inbound one `rejected`; `purge` (the SDK tearing calls down, docs/telnyx-protocol.md#punt) before
 * answer is `failed`.
 */
// prettier-ignore
const EXPECTED: Record<CallDirection, Record<Point, Record<SdkCallState, CallStatus>>> = {
  outbound: {
    //              new       requesting trying     early     ringing   answering active    held      hangup    destroy   recovering purge
    fresh:     row(`initiated initiated  initiated  ringing   ringing   ringing   connected connected cancelled cancelled initiated  failed`),
    initiated: row(`initiated initiated  initiated  ringing   ringing   ringing   connected connected cancelled cancelled initiated  failed`),
    ringing:   row(`ringing   ringing    ringing    ringing   ringing   ringing   connected connected cancelled cancelled ringing    failed`),
    connected: row(`connected connected  connected  connected connected connected connected connected completed completed connected  completed`),
    ended:     row(`completed completed  completed  completed completed completed completed completed completed completed completed  completed`),
  },
  inbound: {
    fresh:     row(`initiated initiated  initiated  ringing   ringing   ringing   connected connected rejected  rejected  initiated  failed`),
    initiated: row(`initiated initiated  initiated  ringing   ringing   ringing   connected connected rejected  rejected  initiated  failed`),
    ringing:   row(`ringing   ringing    ringing    ringing   ringing   ringing   connected connected rejected  rejected  ringing    failed`),
    connected: row(`connected connected  connected  connected connected connected connected connected completed completed connected  completed`),
    ended:     row(`completed completed  completed  completed completed completed completed completed completed completed completed  completed`),
  },
};

describe('applyCallEvent: every SDK state at every point of the call', () => {
  const rows = (['outbound', 'inbound'] as const).flatMap((direction) =>
    (Object.keys(PATHS[direction]) as Point[]).flatMap((point) =>
      SDK_CALL_STATES.map(
        (state) => [direction, point, state, EXPECTED[direction][point][state]] as const,
      ),
    ),
  );
  it.each(rows)('%s call at %s, then %s → %s', (direction, point, state, status) => {
    const before = recordAt(direction, point);
    const after = applyCallEvent(before, ev(state, 100, { direction }));
    expect(after.status).toBe(status);
    expect(CallRecordSchema.safeParse(after).success).toBe(true);
  });

  it('sanity: the paths reach the point they are named for', () => {
    expect(recordAt('outbound', 'ringing')?.status).toBe('ringing');
    expect(recordAt('inbound', 'ringing')?.status).toBe('ringing');
    expect(recordAt('outbound', 'connected')?.status).toBe('connected');
    expect(recordAt('inbound', 'ended')?.status).toBe('completed');
  });
});

describe('applyCallEvent: how an unanswered call ended', () => {
  type Row = [string, SdkCallState[], CallDirection, Partial<SdkCallEvent>, CallStatus];
  const OUT: SdkCallState[] = ['new', 'requesting', 'trying'];
  const OUT_EARLY: SdkCallState[] = [...OUT, 'early'];
  const IN: SdkCallState[] = ['new', 'ringing'];
  const IN_ANSWERING: SdkCallState[] = [...IN, 'answering'];
  const rows: Row[] = [
    [
      'agent cancels while trying',
      OUT,
      'outbound',
      { cause: 'USER_BUSY', causeCode: 17, sipCode: null, endedBy: 'local' },
      'cancelled',
    ],
    [
      'agent cancels during early media',
      OUT_EARLY,
      'outbound',
      { cause: 'USER_BUSY', causeCode: 17 },
      'cancelled',
    ],
    [
      'remote busy (wire/jwt_reject.txt)',
      OUT,
      'outbound',
      { cause: 'USER_BUSY', causeCode: 17, sipCode: 486, sipReason: 'Busy Here' },
      'busy',
    ],
    [
      'remote busy, engine says remote',
      OUT,
      'outbound',
      { cause: 'USER_BUSY', causeCode: 17, endedBy: 'remote' },
      'busy',
    ],
    [
      'no answer',
      OUT_EARLY,
      'outbound',
      { cause: 'NO_ANSWER', causeCode: 19, sipCode: 480 },
      'no-answer',
    ],
    [
      'request timeout',
      OUT,
      'outbound',
      { cause: 'RECOVERY_ON_TIMER_EXPIRE', causeCode: 102, sipCode: 408 },
      'no-answer',
    ],
    [
      'declined',
      OUT_EARLY,
      'outbound',
      { cause: 'CALL_REJECTED', causeCode: 21, sipCode: 603 },
      'rejected',
    ],
    [
      'forbidden',
      OUT,
      'outbound',
      { cause: 'CALL_REJECTED', causeCode: 21, sipCode: 403 },
      'rejected',
    ],
    [
      'originator cancel',
      OUT,
      'outbound',
      { cause: 'ORIGINATOR_CANCEL', causeCode: 487, sipCode: 487 },
      'cancelled',
    ],
    [
      'number not found',
      OUT,
      'outbound',
      { cause: 'UNALLOCATED_NUMBER', causeCode: 1, sipCode: 404 },
      'failed',
    ],
    [
      'lost on reconnect while ringing (48501)',
      OUT_EARLY,
      'outbound',
      { cause: 'NORMAL_CLEARING', causeCode: 16, endedBy: 'network' },
      'failed',
    ],
    ['SDK purge', OUT_EARLY, 'outbound', {}, 'failed'],
    [
      'caller gives up',
      IN,
      'inbound',
      { cause: 'ORIGINATOR_CANCEL', causeCode: 487, sipCode: 487 },
      'missed',
    ],
    [
      'caller clears',
      IN,
      'inbound',
      { cause: 'NORMAL_CLEARING', causeCode: 16, sipCode: 200 },
      'missed',
    ],
    [
      'agent declines (SDK default)',
      IN,
      'inbound',
      { cause: 'USER_BUSY', causeCode: 17, sipCode: null },
      'rejected',
    ],
    [
      'caller gives up as the agent answers',
      IN_ANSWERING,
      'inbound',
      { cause: 'ORIGINATOR_CANCEL', sipCode: 487 },
      'missed',
    ],
    [
      'answer fails locally',
      IN_ANSWERING,
      'inbound',
      { cause: 'USER_BUSY', causeCode: 17, endedBy: 'local' },
      'failed',
    ],
    [
      'server error before ringing',
      ['new'],
      'inbound',
      { cause: 'DESTINATION_OUT_OF_ORDER', sipCode: 502 },
      'failed',
    ],
    [
      'server error after ringing',
      IN,
      'inbound',
      { cause: 'DESTINATION_OUT_OF_ORDER', sipCode: 502 },
      'missed',
    ],
  ];
  it.each(rows)('%s → %s', (name, path, direction, final, status) => {
    const events = path.map((state, i) => ev(state, i, state === 'new' ? {} : { direction }));
    const state: SdkCallState = name === 'SDK purge' ? 'purge' : 'hangup';
    const record = reduceCallEvents([...events, ev(state, 30, { direction, ...final })]);
    expect(record?.status).toBe(status);
    expect(record?.talkSeconds).toBe(0);
    expect(record?.answeredAt).toBeUndefined();
    expect(record?.endedAt).toBe(new Date(T0 + 30_000).toISOString());
  });
});
