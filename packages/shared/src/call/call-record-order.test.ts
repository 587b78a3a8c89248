/// <reference types="vite/client" />
// Late, duplicate and out-of-order updates (fast-check). Captures come in through Vite's `?raw`
// import: lint forbids node:fs in packages/shared, tests included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFinalCallStatus, type CallDirection } from './call-enums.js';
import {
  reduceCallEvents,
  CallRecordSchema,
  applyCallEvent,
  type CallRecord,
} from './call-record.js';
import { callStatusRank } from './call-status-order.js';
import {
  isSdkFinalState,
  SDK_CALL_STATES,
  type SdkCallEvent,
  type SdkCallState,
} from './sdk-call-event.js';
import { parseCapturedCallEvents } from './testing/sdk-event-capture.js';
import earlyTrickle from './testing/wire/early_trickle.ev.txt?raw';
import inbound from './testing/wire/inbound.ev.txt?raw';
import jwtReject from './testing/wire/jwt_reject.ev.txt?raw';
import notReattached from './testing/wire/not_reattached.ev.txt?raw';
import outbound from './testing/wire/outbound.ev.txt?raw';
import reconnect from './testing/wire/reconnect.ev.txt?raw';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const CAPTURED: SdkCallEvent[][] = [
  outbound,
  inbound,
  jwtReject,
  reconnect,
  notReattached,
  earlyTrickle,
].map((text) => parseCapturedCallEvents(text, T0).map(({ event }) => event));

const REASONS = [
  { cause: 'NORMAL_CLEARING', causeCode: 16, sipCode: null, sipReason: null },
  { cause: 'NORMAL_CLEARING', causeCode: 16, sipCode: 200, sipReason: 'OK' },
  { cause: 'USER_BUSY', causeCode: 17, sipCode: null, sipReason: null },
  { cause: 'USER_BUSY', causeCode: 17, sipCode: 486, sipReason: 'Busy Here' },
  { cause: 'NO_ANSWER', causeCode: 19, sipCode: 480, sipReason: 'Temporarily Unavailable' },
  { cause: 'CALL_REJECTED', causeCode: 21, sipCode: 603, sipReason: 'Decline' },
  { cause: 'ORIGINATOR_CANCEL', causeCode: 487, sipCode: 487, sipReason: 'Request Terminated' },
  { cause: 'UNALLOCATED_NUMBER', causeCode: 1, sipCode: 404, sipReason: 'Not Found' },
];

/** Any update at all, including ones no SDK would send in that order. */
const anyEvent: fc.Arbitrary<SdkCallEvent> = fc
  .record(
    {
      at: fc.integer({ min: T0, max: T0 + 600_000 }),
      state: fc.constantFrom(...SDK_CALL_STATES),
      direction: fc.constantFrom<CallDirection>('inbound', 'outbound'),
      endedBy: fc.constantFrom('local' as const, 'remote' as const, 'network' as const),
      reason: fc.constantFrom(...REASONS),
    },
    { requiredKeys: ['at', 'state', 'reason'] },
  )
  .map(({ reason, ...event }) => ({ ...event, ...reason }));

/**
 * A call as the SDK reports it (docs/telnyx-protocol.md#outbound-invite,
 * docs/telnyx-protocol.md#inbound-invite, docs/telnyx-protocol.md#reattach): `new` without a
 * direction, holds, a reattach that comes back as `inbound`, and hangup → destroy with the same
 * reason.
 */
const realisticCall: fc.Arbitrary<SdkCallEvent[]> = fc
  .record({
    direction: fc.constantFrom<CallDirection>('inbound', 'outbound'),
    early: fc.boolean(),
    answered: fc.boolean(),
    holds: fc.nat({ max: 3 }),
    reattach: fc.boolean(),
    ending: fc.constantFrom('hangup+destroy', 'hangup', 'purge', 'none'),
    reason: fc.constantFrom(...REASONS),
    endedBy: fc.constantFrom(undefined, 'local' as const, 'remote' as const),
    gaps: fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 20, maxLength: 20 }),
  })
  .map((call) => {
    const steps: [SdkCallState, CallDirection | undefined][] = [['new', undefined]];
    const dir = call.direction;
    if (dir === 'outbound') steps.push(['requesting', dir], ['trying', dir]);
    else steps.push(['ringing', dir]);
    if (call.early) steps.push([dir === 'outbound' ? 'early' : 'answering', dir]);
    if (call.answered) {
      steps.push(['active', dir]);
      for (let i = 0; i < call.holds; i += 1) steps.push(['held', dir], ['active', dir]);
      if (call.reattach)
        steps.push(['recovering', dir], ['recovering', undefined], ['active', 'inbound']);
    }
    const finals: SdkCallState[] =
      call.ending === 'none'
        ? []
        : call.ending === 'hangup+destroy'
          ? ['hangup', 'destroy']
          : [call.ending];
    let at = T0;
    const live = steps.map(([state, direction], i): SdkCallEvent => {
      at += call.gaps[i] ?? 0;
      return direction ? { at, state, direction } : { at, state };
    });
    const ended = finals.map((state, i): SdkCallEvent => {
      at += call.gaps[19 - i] ?? 0;
      return {
        at,
        state,
        direction: dir,
        ...call.reason,
        ...(call.endedBy ? { endedBy: call.endedBy } : {}),
      };
    });
    return [...live, ...ended];
  });

const someCall = fc.oneof(realisticCall, fc.constantFrom(...CAPTURED));

function statusesAlong(events: SdkCallEvent[]): CallRecord[] {
  const records: CallRecord[] = [];
  let record: CallRecord | undefined;
  for (const event of events) {
    record = applyCallEvent(record, event);
    records.push(record);
  }
  return records;
}

describe('call record under late, duplicate and reordered updates', () => {
  it('never moves status backwards, and never changes an outcome, whatever arrives', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 30 }), (events) => {
        const records = statusesAlong(events);
        records.forEach((record, i) => {
          expect(CallRecordSchema.safeParse(record).success).toBe(true);
          const previous = records[i - 1];
          if (!previous) return;
          expect(callStatusRank(record.status)).toBeGreaterThanOrEqual(
            callStatusRank(previous.status),
          );
          if (isFinalCallStatus(previous.status)) expect(record.status).toBe(previous.status);
        });
      }),
    );
  });

  it('ignores live updates that arrive after the call ended', () => {
    const liveEvent = anyEvent.filter((event) => !isSdkFinalState(event.state));
    fc.assert(
      fc.property(someCall, fc.array(liveEvent, { minLength: 1, maxLength: 10 }), (call, late) => {
        const ended = reduceCallEvents(call);
        fc.pre(ended !== undefined && isFinalCallStatus(ended.status));
        expect(reduceCallEvents([...call, ...late])).toStrictEqual(ended);
      }),
    );
  });

  it('gives the same record when updates are delivered twice', () => {
    fc.assert(
      fc.property(
        someCall.chain((call) =>
          fc.tuple(
            fc.constant(call),
            fc.array(fc.integer({ min: 1, max: 3 }), {
              minLength: call.length,
              maxLength: call.length,
            }),
          ),
        ),
        ([call, copies]) => {
          const repeated = call.flatMap((event, i) =>
            Array.from({ length: copies[i] ?? 1 }, () => event),
          );
          expect(reduceCallEvents(repeated)).toStrictEqual(reduceCallEvents(call));
        },
      ),
    );
  });

  it('gives the same record when live updates, and final ones, arrive in any order among themselves', () => {
    fc.assert(
      fc.property(
        someCall.chain((call) => {
          const live = call.filter((event) => !isSdkFinalState(event.state));
          const finals = call.filter((event) => isSdkFinalState(event.state));
          return fc.tuple(
            fc.constant(call),
            fc.shuffledSubarray(live, { minLength: live.length }),
            fc.shuffledSubarray(finals, { minLength: finals.length }),
          );
        }),
        ([call, live, finals]) => {
          expect(reduceCallEvents([...live, ...finals])).toStrictEqual(reduceCallEvents(call));
        },
      ),
    );
  });

  it('in any order at all: ends iff a final update came, and completes iff it connected before that', () => {
    fc.assert(
      fc.property(
        someCall.chain((call) =>
          fc.tuple(fc.constant(call), fc.shuffledSubarray(call, { minLength: call.length })),
        ),
        ([call, shuffled]) => {
          const record = reduceCallEvents(shuffled);
          const firstFinal = shuffled.findIndex((event) => isSdkFinalState(event.state));
          expect(isFinalCallStatus(record?.status ?? 'initiated')).toBe(firstFinal >= 0);
          if (firstFinal < 0) return;
          const connectedFirst = shuffled
            .slice(0, firstFinal)
            .some((event) => event.state === 'active' || event.state === 'held');
          expect(record?.status === 'completed').toBe(connectedFirst);
          expect(record?.endedAt).toBe(
            new Date(
              Math.min(...call.filter((e) => isSdkFinalState(e.state)).map((e) => Number(e.at))),
            ).toISOString(),
          );
        },
      ),
    );
  });
});
