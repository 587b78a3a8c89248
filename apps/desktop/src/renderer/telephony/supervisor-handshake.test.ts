import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SDK_CODES } from './connection-state.js';
import { setup } from './testing/supervisor-setup.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ConnectionSupervisor: a WebSocket handshake that never completes', () => {
  it('abandons the stuck client after the handshake timeout and connects a fresh one', async () => {
    const { supervisor, factory, login } = setup();
    supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    const stuck = factory.last;
    await vi.advanceTimersByTimeAsync(4_999);
    expect(stuck.abandoned).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(stuck.abandoned).toBe(true);
    // The 5 s already waited exceed attempt 1's backoff (625 ms here): the next attempt is now.
    expect(supervisor.getState()).toMatchObject({ attempt: 1, nextRetryAt: Date.now() });
    await vi.advanceTimersByTimeAsync(1);
    expect(factory.created).toHaveLength(2);
    expect(login.calls).toBe(2);
    const fresh = factory.last;
    expect(fresh).not.toBe(stuck);
    expect(fresh.connectCalls).toBe(1);
    // Nothing more is asked of the stuck client.
    expect(stuck.connectCalls).toBe(1);
    fresh.becomeReady();
    expect(supervisor.getState().status).toBe('registered');
  });

  it('reports the stuck attempt as handshake-timeout', async () => {
    const { supervisor, states } = setup();
    supervisor.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(states).toContainEqual(
      expect.objectContaining({ status: 'reconnecting', reason: 'handshake-timeout' }),
    );
  });

  it('keeps a socket that opened (the gateway is slow to register, not black-holed)', async () => {
    const { supervisor, factory } = setup();
    supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    factory.last.connected = true;
    await vi.advanceTimersByTimeAsync(9_999);
    expect(factory.last.abandoned).toBe(false);
    expect(factory.created).toHaveLength(1);
    expect(supervisor.getState().status).toBe('connecting');
    factory.last.becomeReady();
    expect(supervisor.getState().status).toBe('registered');
  });

  it('a black hole that lasts: every attempt a fresh client, spaced by backoff and never faster than the handshake wait', async () => {
    const { supervisor, factory } = setup();
    supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    const createdAt: number[] = [Date.now()];
    let seen = 1;
    for (let i = 0; i < 120_000 / 250; i += 1) {
      await vi.advanceTimersByTimeAsync(250);
      if (factory.created.length > seen) {
        seen = factory.created.length;
        createdAt.push(Date.now());
      }
    }
    const gaps = createdAt.slice(1).map((t, i) => t - (createdAt[i] ?? 0));
    // Backoff with random 0.5 over cap 30 s: the gaps grow from the 5 s handshake wait to ~15 s.
    expect(gaps[0]).toBeLessThanOrEqual(5_250);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5_000);
    expect(Math.max(...gaps)).toBeGreaterThan(14_000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(15_250);
    expect(factory.created.slice(0, -1).every((c) => c.abandoned)).toBe(true);
    // Each client was asked to connect once: never a retry on a stuck socket.
    expect(factory.created.every((c) => c.connectCalls === 1)).toBe(true);
  });

  it('a socket close during the handshake is an ordinary retry on the same client', async () => {
    const { supervisor, factory } = setup();
    supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    factory.last.closeSocket();
    expect(supervisor.getState()).toMatchObject({ reason: 'socket-closed' });
    await vi.advanceTimersByTimeAsync(625);
    expect(factory.created).toHaveLength(1);
    expect(factory.last.connectCalls).toBe(2);
    expect(factory.last.abandoned).toBe(false);
  });
});

describe('ConnectionSupervisor: auth-failed is final for that client', () => {
  it('after auth-failed, socket closes of the old client start nothing; retryNow starts over', async () => {
    const { supervisor, factory, login } = setup();
    supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    factory.last.error(SDK_CODES.loginFailed, 'LOGIN_FAILED');
    await vi.advanceTimersByTimeAsync(0);
    const refused = factory.last;
    refused.error(SDK_CODES.loginFailed, 'LOGIN_FAILED');
    refused.closeSocket();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(supervisor.getState().status).toBe('auth-failed');
    expect(refused.abandoned).toBe(true);
    expect(refused.connectCalls).toBe(1);
    expect(factory.created).toHaveLength(2);
    expect(login.calls).toBe(2);
    supervisor.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(factory.created).toHaveLength(3);
  });
});

describe('ConnectionSupervisor: connect timeout shorter than the handshake timeout', () => {
  it('still abandons a client whose socket never opened', async () => {
    const { supervisor, factory } = setup({ config: { connectTimeoutMs: 3_000 } });
    supervisor.start();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(factory.last.abandoned).toBe(true);
    expect(supervisor.getState()).toMatchObject({ reason: 'handshake-timeout' });
    await vi.advanceTimersByTimeAsync(1);
    expect(factory.created).toHaveLength(2);
  });
});
