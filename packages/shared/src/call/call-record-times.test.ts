import { describe, expect, it } from 'vitest';
import { applyCallEvent, reduceCallEvents, talkSecondsBetween } from './call-record.js';
import { SdkCallEventSchema, type SdkCallEvent, type SdkCallState } from './sdk-call-event.js';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const at = (ms: number): string => new Date(T0 + ms).toISOString();
const ev = (state: SdkCallState, ms: number, extra: Partial<SdkCallEvent> = {}): SdkCallEvent => ({
  at: T0 + ms,
  state,
  direction: 'outbound',
  ...extra,
});

describe('call record timestamps and talk time', () => {
  it('takes started, answered and ended from the first update, first active and first final', () => {
    const record = reduceCallEvents([
      ev('new', 0, { direction: undefined }),
      ev('requesting', 300),
      ev('trying', 400),
      ev('active', 2_000),
      ev('held', 10_000),
      ev('active', 15_000),
      ev('hangup', 64_999, { cause: 'NORMAL_CLEARING', causeCode: 16, sipCode: null }),
      ev('destroy', 65_100, { cause: 'NORMAL_CLEARING', causeCode: 16, sipCode: null }),
    ]);
    expect(record).toEqual({
      direction: 'outbound',
      status: 'completed',
      startedAt: at(0),
      answeredAt: at(2_000),
      endedAt: at(64_999),
      talkSeconds: 62, // 62.999 s, rounded down like the call timer
      hangupCause: 'NORMAL_CLEARING',
      hangupCauseCode: 16,
      endedBy: 'local',
    });
  });

  it('keeps talk time at 0 while the call is live and for calls never answered', () => {
    const live = reduceCallEvents([ev('new', 0), ev('trying', 100), ev('active', 1_000)]);
    expect(live).toMatchObject({ status: 'connected', talkSeconds: 0, answeredAt: at(1_000) });
    expect(live?.endedAt).toBeUndefined();
    const busy = reduceCallEvents([
      ev('trying', 0),
      ev('hangup', 9_000, {
        cause: 'USER_BUSY',
        causeCode: 17,
        sipCode: 486,
        sipReason: 'Busy Here',
      }),
    ]);
    expect(busy).toMatchObject({
      status: 'busy',
      talkSeconds: 0,
      endedAt: at(9_000),
      sipCode: 486,
    });
    expect(busy).toMatchObject({ sipReason: 'Busy Here', endedBy: 'remote' });
    expect(busy?.answeredAt).toBeUndefined();
  });

  it('accepts ISO times as well as epoch milliseconds', () => {
    const record = reduceCallEvents([
      { at: '2026-01-05T10:00:00.000+01:00', state: 'ringing', direction: 'inbound' },
      { at: '2026-01-05T09:00:03.500Z', state: 'active', direction: 'inbound' },
      {
        at: T0 + 10_400,
        state: 'hangup',
        direction: 'inbound',
        cause: 'NORMAL_CLEARING',
        sipCode: 200,
      },
    ]);
    expect(record).toMatchObject({
      status: 'completed',
      startedAt: at(0),
      answeredAt: at(3_500),
      endedAt: at(10_400),
      talkSeconds: 6,
      endedBy: 'remote',
    });
  });

  it('never reports negative talk time when clocks disagree', () => {
    expect(talkSecondsBetween(at(5_000), at(4_000))).toBe(0);
    expect(talkSecondsBetween(undefined, at(4_000))).toBe(0);
    expect(talkSecondsBetween(at(0), undefined)).toBe(0);
    expect(talkSecondsBetween(at(0), at(1_000))).toBe(1);
  });

  it('moves times to the earliest update seen when updates arrive out of order', () => {
    const record = reduceCallEvents([
      ev('active', 5_000),
      ev('trying', 1_000),
      ev('active', 4_000),
      ev('destroy', 20_500, { cause: 'NORMAL_CLEARING' }),
      ev('hangup', 20_000, { cause: 'NORMAL_CLEARING' }),
    ]);
    expect(record).toMatchObject({
      status: 'completed',
      startedAt: at(1_000),
      answeredAt: at(4_000),
      endedAt: at(20_000),
      talkSeconds: 16,
    });
  });

  it('keeps the first hangup details and fills only gaps from later final updates', () => {
    const record = reduceCallEvents([
      ev('trying', 0),
      ev('hangup', 1_000, { cause: 'USER_BUSY', causeCode: 17, sipCode: null }),
      ev('destroy', 1_100, {
        cause: 'CALL_REJECTED',
        causeCode: 21,
        sipCode: 603,
        sipReason: 'Decline',
      }),
    ]);
    // The outcome is decided by the first final update: our own cancel, not the later 603.
    expect(record).toMatchObject({
      status: 'cancelled',
      hangupCause: 'USER_BUSY',
      hangupCauseCode: 17,
    });
    expect(record).toMatchObject({ sipCode: 603, sipReason: 'Decline', endedAt: at(1_000) });
  });

  it('throws a RangeError only for a time that is no time', () => {
    expect(() => applyCallEvent(undefined, { at: 'yesterday', state: 'new' })).toThrow(RangeError);
    expect(() => applyCallEvent(undefined, { at: Number.NaN, state: 'new' })).toThrow(RangeError);
  });
});

describe('SdkCallEventSchema', () => {
  it('reads a callUpdate as the SDK sends it, dropping fields the model does not use', () => {
    const parsed = SdkCallEventSchema.parse({
      at: T0,
      type: 'callUpdate',
      state: 'hangup',
      id: 'f92a4d0b-a0fb-4063-9a00-2a19b9697468',
      direction: 'outbound',
      cause: 'USER_BUSY',
      causeCode: 17,
      sipCode: 486,
      sipReason: 'Busy Here',
      telnyxIDs: {},
      customHeaders: [],
    });
    expect(parsed).toEqual({
      at: T0,
      state: 'hangup',
      direction: 'outbound',
      cause: 'USER_BUSY',
      causeCode: 17,
      sipCode: 486,
      sipReason: 'Busy Here',
    });
  });

  it.each([
    [{ at: T0, state: 'ringing-ish' }],
    [{ at: 'soon', state: 'new' }],
    [{ at: '2026-01-05T09:00:00', state: 'new' }], // no zone: ambiguous
    [{ at: Number.POSITIVE_INFINITY, state: 'new' }],
    [{ at: T0, state: 'new', direction: 'sideways' }],
    [{ at: T0, state: 'hangup', sipCode: 42 }],
    [{ at: T0, state: 'hangup', endedBy: 'nobody' }],
  ])('rejects %j', (input) => {
    expect(SdkCallEventSchema.safeParse(input).success).toBe(false);
  });
});
