import { describe, expect, it } from 'vitest';
import { registrationView } from './registration-view.js';

describe('registration view', () => {
  it('counts down to the next reconnect attempt in whole seconds and offers "retry now"', () => {
    const state = {
      status: 'reconnecting',
      attempt: 2,
      nextRetryAt: 10_000,
      reason: 'socket-closed',
    } as const;
    expect(registrationView(state, 1_500)).toMatchObject({
      label: 'Reconnecting in 9 s',
      retryInSeconds: 9,
      canRetryNow: true,
      tone: 'warn',
    });
    expect(registrationView(state, 9_999).label).toBe('Reconnecting in 1 s');
    expect(registrationView(state, 12_000)).toMatchObject({
      label: 'Reconnecting…',
      retryInSeconds: 0,
    });
    expect(registrationView(state, 0).detail).toMatch(/connection to the phone service closed/);
  });

  it('says ready, connecting, refused and offline in words', () => {
    expect(registrationView({ status: 'registered', since: 0 }, 0)).toMatchObject({
      label: 'Ready',
      tone: 'ok',
    });
    expect(registrationView({ status: 'connecting', attempt: 1 }, 0).tone).toBe('busy');
    expect(registrationView({ status: 'auth-failed', reason: 'LOGIN_FAILED' }, 0)).toMatchObject({
      tone: 'error',
      canRetryNow: true,
    });
    expect(registrationView({ status: 'offline' }, 0).canRetryNow).toBe(false);
  });
});
