import { describe, expect, it } from 'vitest';
import type { CallDirection, CallStatus } from './call-enums.js';
import {
  applyCallEvent,
  CallRecordSchema,
  reduceCallEvents,
  type CallRecord,
} from './call-record.js';
import {
  SDK_CALL_STATES,
  type CallEndedBy,
  type SdkCallEvent,
  type SdkCallState,
} from './sdk-call-event.js';

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
const OUTBOUND: Record<Point, string> = {
  //         new       requesting trying     early     ringing   answering active    held      hangup    destroy   recovering purge
  fresh:     `initiated initiated  initiated  ringing   ringing   ringing   connected connected cancelled cancelled initiated  failed`,
  initiated: `initiated initiated  initiated  ringing   ringing   ringing   connected connected cancelled cancelled initiated  failed`,
  ringing:   `ringing   ringing    ringing    ringing   ringing   ringing   connected connected cancelled cancelled ringing    failed`,
  connected: `connected connected  connected  connected connected connected connected connected completed completed connected  completed`,
  ended:     `completed completed  completed  completed completed completed completed completed completed completed completed  completed`,
};
/** The same table for both directions, but the agent's unanswered BYE: cancelled out, rejected in. */
const EXPECTED: Record<CallDirection, Record<Point, Record<SdkCallState, CallStatus>>> = {
  outbound: mapPoints((statuses) => row(statuses)),
  inbound: mapPoints((statuses) => row(statuses.replaceAll('cancelled', 'rejected '))),
};
function mapPoints<T>(f: (statuses: string) => T): Record<Point, T> {
  const entries = Object.entries(OUTBOUND).map(([point, statuses]) => [point, f(statuses)]);
  return Object.fromEntries(entries) as Record<Point, T>;
}

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
  const OUT: SdkCallState[] = ['new', 'requesting', 'trying'];
  const OUT_EARLY: SdkCallState[] = [...OUT, 'early'];
  const IN: SdkCallState[] = ['new', 'ringing'];
  const IN_ANSWERING: SdkCallState[] = [...IN, 'answering'];
  /** The hangup's cause, cause code, SIP code and who ended it; `undefined` leaves one out. */
  type End = [cause?: string, causeCode?: number, sipCode?: number | null, endedBy?: CallEndedBy];
  type Row = [name: string, path: SdkCallState[], status: CallStatus, end: End];
  // prettier-ignore
  const rows: Row[] = [
    ['agent cancels while trying', OUT, 'cancelled', ['USER_BUSY', 17, null, 'local']],
    ['agent cancels during early media', OUT_EARLY, 'cancelled', ['USER_BUSY', 17]],
    ['remote busy (wire/jwt_reject.txt)', OUT, 'busy', ['USER_BUSY', 17, 486]],
    ['remote busy, engine says remote', OUT, 'busy', ['USER_BUSY', 17, undefined, 'remote']],
    ['no answer', OUT_EARLY, 'no-answer', ['NO_ANSWER', 19, 480]],
    ['request timeout', OUT, 'no-answer', ['RECOVERY_ON_TIMER_EXPIRE', 102, 408]],
    ['declined', OUT_EARLY, 'rejected', ['CALL_REJECTED', 21, 603]],
    ['forbidden', OUT, 'rejected', ['CALL_REJECTED', 21, 403]],
    ['originator cancel', OUT, 'cancelled', ['ORIGINATOR_CANCEL', 487, 487]],
    ['number not found', OUT, 'failed', ['UNALLOCATED_NUMBER', 1, 404]],
    ['lost on reconnect while ringing (48501)', OUT_EARLY, 'failed', ['NORMAL_CLEARING', 16, undefined, 'network']],
    ['SDK purge', OUT_EARLY, 'failed', []],
    ['caller gives up', IN, 'missed', ['ORIGINATOR_CANCEL', 487, 487]],
    ['caller clears', IN, 'missed', ['NORMAL_CLEARING', 16, 200]],
    ['agent declines (SDK default)', IN, 'rejected', ['USER_BUSY', 17, null]],
    ['caller gives up as the agent answers', IN_ANSWERING, 'missed', ['ORIGINATOR_CANCEL', undefined, 487]],
    ['answer fails locally', IN_ANSWERING, 'failed', ['USER_BUSY', 17, undefined, 'local']],
    ['server error before ringing', ['new'], 'failed', ['DESTINATION_OUT_OF_ORDER', undefined, 502]],
    ['server error after ringing', IN, 'missed', ['DESTINATION_OUT_OF_ORDER', undefined, 502]],
  ];
  it.each(rows)('%s → %s', (name, path, status, [cause, causeCode, sipCode, endedBy]) => {
    const direction: CallDirection = path.includes('requesting') ? 'outbound' : 'inbound';
    const events = path.map((state, i) => ev(state, i, state === 'new' ? {} : { direction }));
    const final = Object.fromEntries(
      Object.entries({ cause, causeCode, sipCode, endedBy }).filter(([, v]) => v !== undefined),
    );
    const state: SdkCallState = name === 'SDK purge' ? 'purge' : 'hangup';
    const record = reduceCallEvents([...events, ev(state, 30, { direction, ...final })]);
    expect(record?.status).toBe(status);
    expect(record?.talkSeconds).toBe(0);
    expect(record?.answeredAt).toBeUndefined();
    expect(record?.endedAt).toBe(new Date(T0 + 30_000).toISOString());
  });
});
