/// <reference types="vite/client" />
// The captures are read from disk through Vite's `?raw` import: packages/shared runs in the browser
// too, so lint forbids node:fs even in its tests.
import { describe, expect, it } from 'vitest';
import { reduceCallEvents, type CallRecord } from './call-record.js';
import { parseCapturedCallEvents } from './testing/sdk-event-capture.js';
import earlyTrickle from './testing/wire/early_trickle.ev.txt?raw';
import inbound from './testing/wire/inbound.ev.txt?raw';
import jwtReject from './testing/wire/jwt_reject.ev.txt?raw';
import notReattached from './testing/wire/not_reattached.ev.txt?raw';
import outbound from './testing/wire/outbound.ev.txt?raw';
import reconnect from './testing/wire/reconnect.ev.txt?raw';

const BASE = Date.UTC(2026, 0, 5, 9, 0, 0);
const at = (offsetMs: number): string => new Date(BASE + offsetMs).toISOString();

interface Capture {
  name: string;
  text: string;
  states: string[];
  expected: CallRecord;
}

/**
 * Real @telnyx/webrtc 2.27.10 sequences (docs/telnyx-protocol.md#wire-captures,
 * docs/telnyx-protocol.md#call-flows).
 */
const CAPTURES: Capture[] = [
  {
    name: 'outbound: answered, held, resumed, hung up by the agent',
    text: outbound,
    states: ['new', 'requesting', 'trying', 'active', 'held', 'active', 'hangup', 'destroy'],
    expected: {
      direction: 'outbound',
      status: 'completed',
      startedAt: at(-377771),
      answeredAt: at(-376854),
      endedAt: at(-374232),
      talkSeconds: 2,
      hangupCause: 'NORMAL_CLEARING',
      hangupCauseCode: 16,
      endedBy: 'local', // the SDK's own BYE: sipCode null (docs/telnyx-protocol.md#hangup)
    },
  },
  {
    name: 'inbound: answered, hung up by the caller',
    text: inbound,
    states: ['new', 'ringing', 'answering', 'active', 'hangup', 'destroy'],
    expected: {
      direction: 'inbound',
      status: 'completed',
      startedAt: at(61),
      answeredAt: at(195),
      endedAt: at(2894),
      talkSeconds: 2,
      hangupCause: 'NORMAL_CLEARING',
      hangupCauseCode: 16,
      sipCode: 200,
      sipReason: 'OK',
      endedBy: 'remote',
      answerAttempted: true,
    },
  },
  {
    name: 'outbound rejected by the gateway with 486 Busy Here',
    text: jwtReject,
    states: ['new', 'requesting', 'trying', 'hangup', 'destroy'],
    expected: {
      direction: 'outbound',
      status: 'busy',
      startedAt: at(225),
      endedAt: at(621),
      talkSeconds: 0,
      hangupCause: 'USER_BUSY',
      hangupCauseCode: 17,
      sipCode: 486,
      sipReason: 'Busy Here',
      endedBy: 'remote',
    },
  },
  {
    name: 'outbound survives a reconnect: recovering keeps it connected, reattach says inbound',
    text: reconnect,
    states: ['new', 'requesting', 'trying', 'active', 'recovering', 'recovering', 'active'],
    expected: {
      direction: 'outbound',
      status: 'connected',
      startedAt: at(125),
      answeredAt: at(661),
      talkSeconds: 0,
    },
  },
  {
    name: 'outbound lost on reconnect (SESSION_NOT_REATTACHED): it had connected',
    text: notReattached,
    states: ['new', 'requesting', 'trying', 'active', 'hangup', 'destroy'],
    expected: {
      direction: 'outbound',
      status: 'completed',
      startedAt: at(118),
      answeredAt: at(1258),
      endedAt: at(2188),
      talkSeconds: 0,
      hangupCause: 'NORMAL_CLEARING',
      hangupCauseCode: 16,
      endedBy: 'local', // inferred (no SIP code); the engine, seeing 48501, would say 'network'
    },
  },
  {
    name: 'outbound with early media, then answered (trickle ICE)',
    text: earlyTrickle,
    states: ['new', 'requesting', 'trying', 'early', 'active'],
    expected: {
      direction: 'outbound',
      status: 'connected',
      startedAt: at(160),
      answeredAt: at(1740),
      talkSeconds: 0,
    },
  },
];

describe('call records from real SDK captures', () => {
  it.each(CAPTURES)('$name', ({ text, states, expected }) => {
    const captured = parseCapturedCallEvents(text, BASE);
    expect(captured.map(({ event }) => event.state)).toEqual(states);
    expect(new Set(captured.map(({ callId }) => callId)).size).toBe(1);
    expect(reduceCallEvents(captured.map(({ event }) => event))).toStrictEqual(expected);
  });

  it('tells a remote busy from the agent cancelling: both are USER_BUSY/17 (docs/telnyx-protocol.md#hangup)', () => {
    const events = parseCapturedCallEvents(jwtReject, BASE).map(({ event }) => event);
    const asOwnBye = events.map((event) =>
      event.state === 'hangup' || event.state === 'destroy'
        ? { ...event, sipCode: null, sipReason: null }
        : event,
    );
    const agentSaid = events.map((event) =>
      event.state === 'hangup' ? { ...event, endedBy: 'local' as const } : event,
    );
    expect(reduceCallEvents(events)).toMatchObject({ status: 'busy', endedBy: 'remote' });
    expect(reduceCallEvents(asOwnBye)).toMatchObject({ status: 'cancelled', endedBy: 'local' });
    expect(reduceCallEvents(agentSaid)).toMatchObject({ status: 'cancelled', endedBy: 'local' });
  });

  it('keeps a call lost on reconnect completed, with the engine saying the network ended it', () => {
    const events = parseCapturedCallEvents(notReattached, BASE).map(({ event }) =>
      event.state === 'hangup' ? { ...event, endedBy: 'network' as const } : event,
    );
    expect(reduceCallEvents(events)).toMatchObject({ status: 'completed', endedBy: 'network' });
  });

  it('shows the status the agent would see after each update of the early-media call', () => {
    const events = parseCapturedCallEvents(earlyTrickle, BASE).map(({ event }) => event);
    const seen = events.map((_, i) => reduceCallEvents(events.slice(0, i + 1))?.status);
    expect(seen).toEqual(['initiated', 'initiated', 'initiated', 'ringing', 'connected']);
  });

  it('ignores the NORMAL_CLEARING cause the SDK puts on recovering updates', () => {
    const events = parseCapturedCallEvents(reconnect, BASE).map(({ event }) => event);
    const recovering = events.find((event) => event.state === 'recovering');
    expect(recovering?.cause).toBe('NORMAL_CLEARING');
    const upToRecovery = reduceCallEvents(events.slice(0, 5));
    expect(upToRecovery).toMatchObject({ status: 'connected', direction: 'outbound' });
    expect(upToRecovery?.endedAt).toBeUndefined();
  });
});
