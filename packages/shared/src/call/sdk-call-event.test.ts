// What the call model accepts from the telephony engine, and what each SDK state tells it.
import { describe, expect, it } from 'vitest';
import {
  directionImpliedByState,
  eventTimeMs,
  isSdkFinalState,
  liveStatusOfState,
  SDK_CALL_STATES,
  SdkCallEventSchema,
  type SdkCallState,
} from './sdk-call-event.js';

describe('one SDK call update as the engine hands it over', () => {
  const ok = { at: 0, state: 'hangup' } as const;

  it.each([
    ['the bare minimum', {}],
    ['an ISO time with an offset', { at: '2026-01-05T09:00:00+01:00' }],
    ['every field the SDK sends', { direction: 'inbound', cause: 'USER_BUSY', causeCode: 17 }],
    ['SIP codes at both ends of the range', { sipCode: 100, sipReason: 'Trying' }],
    ['the top SIP code', { sipCode: 699 }],
    ['unset fields as the SDK sends them (null)', { cause: null, causeCode: null, sipCode: null }],
    ['a cause of 64 characters', { cause: 'C'.repeat(64) }],
    ['a SIP reason of 256 characters', { sipReason: 'r'.repeat(256) }],
    ['who ended it', { endedBy: 'network' }],
  ])('accepts %s', (_, extra) => {
    expect(SdkCallEventSchema.safeParse({ ...ok, ...extra }).success).toBe(true);
  });

  it.each([
    ['an unknown state', { state: 'bridged' }],
    ['a time without an offset', { at: '2026-01-05T09:00:00' }],
    ['a time that is not one', { at: 'yesterday' }],
    ['an unknown direction', { direction: 'sideways' }],
    ['a cause longer than 64 characters', { cause: 'C'.repeat(65) }],
    ['a fractional cause code', { causeCode: 17.5 }],
    ['a SIP code below 100', { sipCode: 99 }],
    ['a SIP code above 699', { sipCode: 700 }],
    ['a fractional SIP code', { sipCode: 486.5 }],
    ['a SIP reason longer than 256 characters', { sipReason: 'r'.repeat(257) }],
    ['an unknown party', { endedBy: 'someone' }],
  ])('refuses %s', (_, extra) => {
    expect(SdkCallEventSchema.safeParse({ ...ok, ...extra }).success).toBe(false);
  });
});

describe('event times', () => {
  it.each([
    [1_767_603_600_000, 1_767_603_600_000],
    ['2026-01-05T09:00:00Z', Date.UTC(2026, 0, 5, 9)],
    ['2026-01-05T10:00:00+01:00', Date.UTC(2026, 0, 5, 9)],
    ['not a time', undefined],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, undefined],
  ])('%j is %j ms', (at, ms) => {
    expect(eventTimeMs(at)).toBe(ms);
  });
});

describe('what each SDK state says about the call', () => {
  // state → [final?, direction it proves, live status it means]
  const TABLE: Record<SdkCallState, [boolean, string | undefined, string | undefined]> = {
    new: [false, undefined, 'initiated'],
    requesting: [false, 'outbound', 'initiated'],
    trying: [false, 'outbound', 'initiated'],
    early: [false, 'outbound', 'ringing'],
    ringing: [false, 'inbound', 'ringing'],
    answering: [false, 'inbound', 'ringing'],
    active: [false, undefined, 'connected'],
    held: [false, undefined, 'connected'],
    hangup: [true, undefined, undefined],
    destroy: [true, undefined, undefined],
    recovering: [false, undefined, undefined],
    purge: [true, undefined, undefined],
  };

  it.each(SDK_CALL_STATES.map((s) => [s, ...TABLE[s]] as const))(
    '%s: final %s, proves %s, means %s',
    (state, final, direction, live) => {
      expect(isSdkFinalState(state)).toBe(final);
      expect(directionImpliedByState(state)).toBe(direction);
      expect(liveStatusOfState(state)).toBe(live);
    },
  );
});
