import type { CallLog, CallLogEvent } from '@crokodialer/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/services/app-error.js';
import {
  classifyDeliveryError,
  correctionFor,
  mergeCallLogEvents,
  retryDelayMs,
} from '../../src/main/services/outbox-policy.js';
import { callLifecycle } from '../helpers/call-log-events.js';

describe('retry delay: capped exponential backoff with jitter', () => {
  it.each([
    [1, 0, 50],
    [1, 1, 100],
    [2, 1, 200],
    [2, 0.5, 150],
    [3, 0, 200],
    [10, 1, 1000],
    [10, 0, 500],
    [1000, 1, 1000],
    [0, 1, 100],
    [-5, 1, 100],
  ])('attempt %i with jitter %f waits %i ms (base 100, cap 1000)', (attempt, r, expected) => {
    expect(retryDelayMs(attempt, { baseMs: 100, maxMs: 1000 }, () => r)).toBe(expected);
  });

  it('stops doubling after 30 steps, so a huge cap never overflows into Infinity', () => {
    const cap = Number.MAX_SAFE_INTEGER;
    expect(retryDelayMs(31, { baseMs: 1, maxMs: cap }, () => 1)).toBe(2 ** 30);
    expect(retryDelayMs(5000, { baseMs: 1, maxMs: cap }, () => 1)).toBe(2 ** 30);
  });

  it('jitters with Math.random when no source is given: within half and all of the step', () => {
    const delays = Array.from({ length: 50 }, () => retryDelayMs(3, { baseMs: 100, maxMs: 1000 }));
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(200);
    for (const d of delays) expect(d).toBeLessThanOrEqual(400);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });
});

describe('merging two events of one call', () => {
  const [initiated, ringing, connected, completed] = callLifecycle(1) as [
    CallLogEvent,
    CallLogEvent,
    CallLogEvent,
    CallLogEvent,
  ];

  it('status only moves forward, whichever arrives first', () => {
    expect(mergeCallLogEvents(initiated, connected).status).toBe('connected');
    expect(mergeCallLogEvents(completed, ringing).status).toBe('completed');
  });

  it('what the call started with never changes', () => {
    const late = {
      ...ringing,
      from: '+19995550000',
      to: '+19995550001',
      direction: 'inbound' as const,
    };
    const merged = mergeCallLogEvents(initiated, {
      ...late,
      startedAt: '2030-01-01T00:00:00.000Z',
    });
    expect(merged).toMatchObject({
      id: initiated.id,
      from: initiated.from,
      to: initiated.to,
      direction: 'outbound',
      startedAt: initiated.startedAt,
    });
  });

  it('a fact, once known, stays; an unknown one is filled in by a later event', () => {
    const first = { ...completed, hangupCause: 'NORMAL_CLEARING', telnyxCallLegId: 'leg-1' };
    const second = {
      ...completed,
      durationSeconds: 99,
      hangupCause: 'USER_BUSY',
      telnyxCallLegId: 'leg-2',
      telnyxCallSessionId: 'session-2',
    };
    expect(mergeCallLogEvents(first, second)).toMatchObject({
      durationSeconds: 42,
      hangupCause: 'NORMAL_CLEARING',
      telnyxCallLegId: 'leg-1',
      telnyxCallSessionId: 'session-2',
    });
    const filled = mergeCallLogEvents(initiated, completed);
    expect(filled).toMatchObject({ answeredAt: completed.answeredAt, durationSeconds: 42 });
    expect(mergeCallLogEvents({ ...initiated, hangupCause: null }, first).hangupCause).toBe(
      'NORMAL_CLEARING',
    );
  });

  it('the agent’s corrections after the call win, newest first, and a clear is kept', () => {
    const noted = { ...completed, disposition: 'sale', notes: 'call back Monday' };
    const corrected = mergeCallLogEvents(noted, { ...completed, disposition: 'follow-up' });
    expect(corrected).toMatchObject({ disposition: 'follow-up', notes: 'call back Monday' });
    expect(mergeCallLogEvents(noted, { ...completed, notes: null }).notes).toBeNull();
    expect(mergeCallLogEvents(noted, completed)).toMatchObject({
      disposition: 'sale',
      notes: 'call back Monday',
    });
  });
});

describe('corrections the API kept out', () => {
  const event = callLifecycle(2)[3]!;
  const stored = {
    ...event,
    agentId: null,
    disposition: 'sale',
    notes: 'old',
    answeredAt: null,
    endedAt: null,
    durationSeconds: null,
    telnyxCallControlId: null,
    telnyxCallSessionId: null,
    telnyxCallLegId: null,
    hangupCause: null,
    createdAt: event.startedAt,
    updatedAt: event.startedAt,
  } satisfies CallLog;

  it.each([
    ['nothing the outbox holds differs', {}, null],
    ['the same values', { disposition: 'sale', notes: 'old' }, null],
    ['a new disposition', { disposition: 'follow-up' }, { disposition: 'follow-up' }],
    ['new notes', { notes: 'new' }, { notes: 'new' }],
    ['notes cleared', { notes: null }, { notes: null }],
    ['both', { disposition: 'no-answer', notes: 'x' }, { disposition: 'no-answer', notes: 'x' }],
  ])('%s', (_, held, expected) => {
    expect(correctionFor({ ...event, ...held }, stored)).toEqual(expected);
  });
});

describe('what a failed delivery means', () => {
  it.each([
    [new AppError('offline', 'x'), 'retry'],
    [new AppError('server-error', 'x'), 'retry'],
    [new AppError('not-signed-in', 'x'), 'wait-for-sign-in'],
    [new AppError('unauthorized', 'x'), 'wait-for-sign-in'],
    [new AppError('bad-request', 'x'), 'dead'],
    [new Error('weird'), 'retry'],
  ])('classifies %o as %s', (error, kind) => {
    expect(classifyDeliveryError(error).kind).toBe(kind);
  });

  it('keeps the server’s Retry-After and the reason it gave', () => {
    expect(classifyDeliveryError(new AppError('rate-limited', 'slow down', 5000))).toEqual({
      kind: 'retry',
      notBeforeMs: 5000,
      reason: 'slow down',
    });
    expect(classifyDeliveryError(new AppError('offline', 'down'))).toEqual({
      kind: 'retry',
      notBeforeMs: null,
      reason: 'down',
    });
  });

  it.each([
    [new AppError('not-signed-in', 'sign in as a@b'), 'wait-for-sign-in', 'sign in as a@b'],
    [new AppError('bad-request', 'to: use E.164'), 'dead', 'to: use E.164'],
    [new TypeError('fetch failed'), 'retry', 'fetch failed'],
    ['a string thrown', 'retry', 'unknown error'],
  ])('tells the user why: %o', (error, kind, reason) => {
    expect(classifyDeliveryError(error)).toMatchObject({ kind, reason });
  });

  it('a failure that is not ours has no Retry-After', () => {
    expect(classifyDeliveryError(new Error('x'))).toMatchObject({ notBeforeMs: null });
  });
});
