import { describe, expect, it } from 'vitest';
import type { CallView } from '../../telephony/telephony.store.js';
import {
  createCallScreenStore,
  dtmfKey,
  focusedCall,
  MAX_SHOWN_DIGITS,
  phaseWords,
} from './call.store.js';

const base = {
  logId: 'l',
  direction: 'outbound',
  remoteNumber: '+1',
  remoteName: '',
  startedAt: 0,
} as const;
const active = (id: string, held: boolean, startedAt = 0): CallView => ({
  ...base,
  id,
  startedAt,
  phase: 'active',
  answeredAt: 0,
  muted: false,
  held,
  recovering: false,
  quality: undefined,
});

describe('call screen store', () => {
  it('shows sent digits, the newest last, capped', () => {
    const store = createCallScreenStore();
    store.getState().digitsSent('12');
    store.getState().digitsSent('#');
    expect(store.getState().sent).toBe('12#');
    store.getState().digitsSent('9'.repeat(40));
    expect(store.getState().sent).toHaveLength(MAX_SHOWN_DIGITS);
    store.getState().callChanged();
    expect(store.getState().sent).toBe('');
  });

  it('keeps a command failure until the next digit', () => {
    const store = createCallScreenStore();
    store.getState().commandFailed('There is no connected call to mute.');
    expect(store.getState().message).toMatch(/mute/);
    store.getState().digitsSent('1');
    expect(store.getState().message).toBeNull();
  });
});

describe('focused call', () => {
  it('prefers the connected call that is not held', () => {
    expect(focusedCall([active('a', true), active('b', false)])?.id).toBe('b');
  });
  it('shows a new outbound call being set up over a held one', () => {
    const dialing: CallView = { ...base, id: 'c', phase: 'dialing', startedAt: 5 };
    expect(focusedCall([active('a', true), dialing])?.id).toBe('c');
  });
  it('leaves ringing inbound calls and ended calls to other screens', () => {
    const ringing: CallView = {
      ...base,
      id: 'r',
      phase: 'incoming',
      waiting: false,
      direction: 'inbound',
    };
    const ended: CallView = {
      ...base,
      id: 'e',
      phase: 'ended',
      status: 'completed',
      endedAt: 1,
      reason: undefined,
    };
    expect(focusedCall([ringing, ended])).toBeUndefined();
    expect(focusedCall([active('a', true), ringing])?.id).toBe('a');
  });
});

describe('keys and words', () => {
  it('sends only keypad keys as DTMF', () => {
    expect(['1', '0', '*', '#', 'a', 'Enter', '+'].map(dtmfKey)).toEqual([
      '1',
      '0',
      '*',
      '#',
      null,
      null,
      null,
    ]);
  });
  it('names hold and recovery on the call itself', () => {
    expect(phaseWords(active('a', true))).toBe('On hold');
    expect(
      phaseWords({
        ...(active('a', false) as Extract<CallView, { phase: 'active' }>),
        recovering: true,
      }),
    ).toMatch(/Reconnecting/);
  });
});
