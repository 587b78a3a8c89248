import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../telephony/ports.js';
import { createTelephonyStore, type CallView } from '../telephony/telephony.store.js';
import { POST_DIAL_PAUSE_MS, sendPostDialDigits } from './post-dial-digits.js';

const base = {
  id: 'c1',
  logId: '0d8b1b8e-7c1a-4f55-9a57-8f4bb0a2f4d1',
  direction: 'outbound' as const,
  remoteNumber: '+12125550100',
  remoteName: '',
  startedAt: 0,
};
const dialing = { ...base, phase: 'dialing' } as CallView;
const active = {
  ...base,
  phase: 'active',
  answeredAt: 1,
  muted: false,
  held: false,
  recovering: false,
  quality: undefined,
} as CallView;
const ended = {
  ...base,
  phase: 'ended',
  status: 'completed',
  endedAt: 2,
  reason: undefined,
} as CallView;

function setup() {
  const telephony = createTelephonyStore();
  const sent: [string, string][] = [];
  const deps = {
    telephony,
    clock: systemClock,
    sendDtmf: (id: string, digits: string) => sent.push([id, digits]),
  };
  return { telephony, sent, deps };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('post-dial digits (an extension)', () => {
  it('waits for the answer, then a pause, then sends the digits once', () => {
    const { telephony, sent, deps } = setup();
    sendPostDialDigits(deps, 'c1', '123');
    telephony.getState().callChanged(dialing);
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([]);
    telephony.getState().callChanged(active);
    vi.advanceTimersByTime(POST_DIAL_PAUSE_MS - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([['c1', '123']]);
    // Later updates of the same call (mute, quality) do not send it again.
    telephony.getState().callChanged({ ...active, muted: true } as CallView);
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([['c1', '123']]);
  });

  it('sends nothing when the call ends before it is answered or during the pause', () => {
    const first = setup();
    sendPostDialDigits(first.deps, 'c1', '9');
    first.telephony.getState().callChanged(dialing);
    first.telephony.getState().callChanged(ended);
    first.telephony.getState().callChanged(active);
    vi.advanceTimersByTime(10_000);
    expect(first.sent).toEqual([]);

    const second = setup();
    sendPostDialDigits(second.deps, 'c1', '9');
    second.telephony.getState().callChanged(active);
    vi.advanceTimersByTime(POST_DIAL_PAUSE_MS / 2);
    second.telephony.getState().callDismissed('c1');
    vi.advanceTimersByTime(10_000);
    expect(second.sent).toEqual([]);
  });

  it('ignores other calls and can be cancelled', () => {
    const { telephony, sent, deps } = setup();
    const cancel = sendPostDialDigits(deps, 'c1', '55');
    telephony.getState().callChanged({ ...active, id: 'other' });
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([]);
    telephony.getState().callChanged(active);
    cancel();
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([]);
  });
});
