import { describe, expect, it } from 'vitest';
import type { CallView } from '../../telephony/telephony.store.js';
import { createIncomingStore, ringingCall } from './incoming.store.js';

const call = (id: string, phase: 'incoming' | 'dialing', startedAt: number): CallView =>
  phase === 'incoming'
    ? {
        id,
        logId: id,
        direction: 'inbound',
        remoteNumber: '+1',
        remoteName: '',
        startedAt,
        phase,
        waiting: false,
      }
    : {
        id,
        logId: id,
        direction: 'outbound',
        remoteNumber: '+1',
        remoteName: '',
        startedAt,
        phase,
      };

describe('incoming', () => {
  it('shows the call that rang first', () => {
    expect(
      ringingCall([call('b', 'incoming', 5), call('a', 'incoming', 2), call('c', 'dialing', 1)])
        ?.id,
    ).toBe('a');
    expect(ringingCall([call('c', 'dialing', 1)])).toBeUndefined();
  });

  it('runs one answer at a time and keeps the reason a press failed', async () => {
    const store = createIncomingStore();
    let runs = 0;
    let release: () => void = () => undefined;
    const slow = () =>
      new Promise<{ ok: false; message: string }>((r) => {
        runs++;
        release = () => r({ ok: false, message: 'That call is no longer ringing.' });
      });
    const first = store.getState().pressed(slow);
    await store.getState().pressed(slow);
    expect(runs).toBe(1);
    expect(store.getState().busy).toBe(true);
    release();
    await first;
    expect(store.getState()).toMatchObject({
      busy: false,
      message: 'That call is no longer ringing.',
    });
  });

  it('turns a thrown command into a message, never an exception', async () => {
    const store = createIncomingStore();
    await store.getState().pressed(() => Promise.reject(new Error('boom')));
    expect(store.getState().message).toBe('boom');
  });
});
