import { DIRECT_CALL_POLICY, type CallLogEvent, type CallPolicy } from '@crokodialer/shared';
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

const REQUIRED: CallPolicy = { requireDisposition: true, dispositions: ['sale', 'lost'] };

async function setup(
  options: { fail?: boolean; known?: boolean; policy?: CallPolicy | 'unreachable' } = {},
) {
  const queued: CallLogEvent[] = [];
  const policy = options.policy ?? DIRECT_CALL_POLICY;
  const store = createAfterCallStore({
    getPolicy: () =>
      policy === 'unreachable'
        ? Promise.reject(new Error('api-unreachable: no answer'))
        : Promise.resolve(policy),
    lastEvent: (id) => (options.known === false || id !== LOG_ID ? undefined : ended),
    enqueue: (event) => {
      if (options.fail) return Promise.reject(new Error('outbox-full: The outbox is full.'));
      queued.push(event);
      return Promise.resolve();
    },
  });
  store.getState().callEnded(wrapUp);
  await store.getState().policyRequested();
  return { store, queued };
}

describe('after-call store', () => {
  it('queues the call record amended with disposition and trimmed notes', async () => {
    const { store, queued } = await setup();
    store.getState().dispositionChosen('interested');
    store.getState().notesTyped('  wants a demo on Friday  ');
    expect(await store.getState().saveRequested()).toBe(true);
    expect(queued).toEqual([
      { ...ended, disposition: 'interested', notes: 'wants a demo on Friday' },
    ]);
    expect(store.getState().saved).toBe(true);
    expect(store.getState().finished()).toBe(true);
    expect(store.getState().current).toBeNull();
  });

  it("requires a disposition when the org's policy does, for saving and for moving on", async () => {
    const { store, queued } = await setup({ policy: REQUIRED });
    expect(store.getState().policy).toEqual(REQUIRED);
    expect(await store.getState().saveRequested()).toBe(false);
    expect(store.getState().error).toBe(DISPOSITION_REQUIRED);
    expect(store.getState().finished()).toBe(false);
    expect(store.getState().current).not.toBeNull();
    expect(queued).toEqual([]);
    store.getState().dispositionChosen('sale');
    expect(await store.getState().saveRequested()).toBe(true);
    expect(store.getState().finished()).toBe(true);
  });

  it('follows a policy changed between calls, and keeps the last one when the API is away', async () => {
    let policy: CallPolicy = REQUIRED;
    let reachable = true;
    const store = createAfterCallStore({
      lastEvent: () => ended,
      enqueue: () => Promise.resolve(),
      getPolicy: () =>
        reachable ? Promise.resolve(policy) : Promise.reject(new Error('api-unreachable')),
    });
    store.getState().callEnded(wrapUp);
    await store.getState().policyRequested();
    expect(store.getState().finished()).toBe(false);
    policy = DIRECT_CALL_POLICY;
    store.getState().callEnded(wrapUp);
    await store.getState().policyRequested();
    expect(store.getState().finished()).toBe(true);
    policy = REQUIRED;
    await store.getState().policyRequested();
    reachable = false;
    store.getState().callEnded(wrapUp);
    await store.getState().policyRequested();
    expect(store.getState().policy).toEqual(REQUIRED);
    expect(store.getState().finished()).toBe(false);
  });

  it('uses the direct-mode policy until a read answers: nothing required', async () => {
    const { store } = await setup({ policy: 'unreachable' });
    expect(store.getState().policy).toEqual(DIRECT_CALL_POLICY);
    expect(store.getState().finished()).toBe(true);
  });

  it('lets the agent move on without a disposition when none is required', async () => {
    const { store } = await setup();
    expect(store.getState().finished()).toBe(true);
  });

  it('keeps the form and says why when the outbox refuses', async () => {
    const { store } = await setup({ fail: true });
    store.getState().notesTyped('call back');
    expect(await store.getState().saveRequested()).toBe(false);
    expect(store.getState().error).toBe('Not saved: The outbox is full.');
    expect(store.getState().notes).toBe('call back');
  });

  it('says so when the call never made a log record', async () => {
    const { store } = await setup({ known: false });
    expect(await store.getState().saveRequested()).toBe(false);
    expect(store.getState().error).toMatch(/not logged/);
  });

  it('caps notes at the API limit', async () => {
    const { store } = await setup();
    store.getState().notesTyped('x'.repeat(6000));
    expect(store.getState().notes).toHaveLength(5000);
  });
});
