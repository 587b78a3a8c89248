import type { CallLogEvent } from '@crokodialer/shared';
import { describe, expect, it } from 'vitest';
import { createAfterCallStore, DISPOSITION_REQUIRED } from './after-call.store.js';

const LOG_ID = '0d8b1b8e-7c1a-4f55-9a57-8f4bb0a2f4d1';
const ended: CallLogEvent = {
  id: LOG_ID,
  direction: 'outbound',
  from: '+15559870000',
  to: '+14155550100',
  status: 'completed',
  startedAt: '2026-01-01T10:00:00.000Z',
  endedAt: '2026-01-01T10:01:00.000Z',
  durationSeconds: 55,
};
const wrapUp = {
  logId: LOG_ID,
  callId: 'sdk-1',
  remote: '+14155550100',
  direction: 'outbound' as const,
  outcome: 'completed',
};

function setup(options: { fail?: boolean; known?: boolean } = {}) {
  const queued: CallLogEvent[] = [];
  const store = createAfterCallStore({
    lastEvent: (id) => (options.known === false || id !== LOG_ID ? undefined : ended),
    enqueue: (event) => {
      if (options.fail) return Promise.reject(new Error('outbox-full: The outbox is full.'));
      queued.push(event);
      return Promise.resolve();
    },
  });
  store.getState().callEnded(wrapUp);
  return { store, queued };
}

describe('after-call store', () => {
  it('queues the call record amended with disposition and trimmed notes', async () => {
    const { store, queued } = setup();
    store.getState().dispositionChosen('interested');
    store.getState().notesTyped('  wants a demo on Friday  ');
    expect(await store.getState().saveRequested(false)).toBe(true);
    expect(queued).toEqual([
      { ...ended, disposition: 'interested', notes: 'wants a demo on Friday' },
    ]);
    expect(store.getState().saved).toBe(true);
    expect(store.getState().finished(true)).toBe(true);
    expect(store.getState().current).toBeNull();
  });

  it('requires a disposition when the org requires one, for saving and for moving on', async () => {
    const { store, queued } = setup();
    expect(await store.getState().saveRequested(true)).toBe(false);
    expect(store.getState().error).toBe(DISPOSITION_REQUIRED);
    expect(store.getState().finished(true)).toBe(false);
    expect(store.getState().current).not.toBeNull();
    expect(queued).toEqual([]);
  });

  it('lets the agent move on without a disposition when none is required', () => {
    const { store } = setup();
    expect(store.getState().finished(false)).toBe(true);
  });

  it('keeps the form and says why when the outbox refuses', async () => {
    const { store } = setup({ fail: true });
    store.getState().notesTyped('call back');
    expect(await store.getState().saveRequested(false)).toBe(false);
    expect(store.getState().error).toBe('Not saved: The outbox is full.');
    expect(store.getState().notes).toBe('call back');
  });

  it('says so when the call never made a log record', async () => {
    const { store } = setup({ known: false });
    expect(await store.getState().saveRequested(false)).toBe(false);
    expect(store.getState().error).toMatch(/not logged/);
  });

  it('caps notes at the API limit', () => {
    const { store } = setup();
    store.getState().notesTyped('x'.repeat(6000));
    expect(store.getState().notes).toHaveLength(5000);
  });
});
