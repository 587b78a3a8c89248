import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SDK_CODES } from './connection-state.js';
import { credentialMaterial, ScriptedLogin } from './testing/fake-ports.js';
import { setup } from './testing/supervisor-setup.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ConnectionSupervisor: connect and register', () => {
  it('goes offline → connecting → registered with one client from the login material', async () => {
    const { supervisor, factory, login, states, startRegistered } = setup();
    expect(supervisor.getState()).toEqual({ status: 'offline' });
    await startRegistered();
    expect(states.map((s) => s.status)).toEqual(['connecting', 'registered']);
    expect(factory.created).toHaveLength(1);
    expect(factory.last.material).toMatchObject({ kind: 'credentials', login: 'agent1' });
    expect(factory.last.connectCalls).toBe(1);
    expect(login.calls).toBe(1);
  });

  it('counts a connect that never registers as failed (connect timeout)', async () => {
    const { supervisor, factory } = setup();
    supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    // The socket opened, but the gateway never registers the client.
    factory.last.connected = true;
    await vi.advanceTimersByTimeAsync(9_999);
    expect(supervisor.getState().status).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1);
    expect(supervisor.getState()).toMatchObject({
      status: 'reconnecting',
      attempt: 1,
      reason: 'connect-timeout',
    });
  });

  it('retries when main cannot hand over login material', async () => {
    const login = new ScriptedLogin([() => credentialMaterial()]);
    login.failing = true;
    const { supervisor, factory } = setup({ login });
    supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(supervisor.getState()).toMatchObject({
      status: 'reconnecting',
      reason: 'login-material-unavailable',
    });
    expect(factory.created).toHaveLength(0);
    login.failing = false;
    await vi.advanceTimersByTimeAsync(1_000);
    factory.last.becomeReady();
    expect(supervisor.getState().status).toBe('registered');
  });
});

describe('ConnectionSupervisor: reconnects', () => {
  it('a dropped socket → reconnecting {attempt, nextRetryAt, reason} → connect on the same client', async () => {
    const { supervisor, factory, startRegistered } = setup();
    await startRegistered();
    const client = factory.last;
    client.closeSocket();
    const state = supervisor.getState();
    // random 0.5 → floor + half of (1000 - 250)
    expect(state).toEqual({
      status: 'reconnecting',
      attempt: 1,
      nextRetryAt: Date.now() + 625,
      reason: 'socket-closed',
    });
    await vi.advanceTimersByTimeAsync(624);
    expect(client.connectCalls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(client.connectCalls).toBe(2);
    expect(supervisor.getState()).toEqual({ status: 'connecting', attempt: 1 });
    client.becomeReady();
    expect(supervisor.getState().status).toBe('registered');
    expect(factory.created).toHaveLength(1);
  });

  it('backs off exponentially up to the cap and never gives up', async () => {
    const { supervisor, factory, startRegistered } = setup();
    await startRegistered();
    const client = factory.last;
    const delays: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      client.closeSocket();
      const state = supervisor.getState();
      if (state.status !== 'reconnecting') throw new Error(`unexpected ${state.status}`);
      expect(state.attempt).toBe(i + 1);
      delays.push(state.nextRetryAt - Date.now());
      await vi.advanceTimersByTimeAsync(state.nextRetryAt - Date.now());
      expect(supervisor.getState().status).toBe('connecting');
    }
    expect(delays.slice(0, 7)).toEqual([625, 1_125, 2_125, 4_125, 8_125, 15_125, 15_125]);
    expect(delays.at(-1)).toBe(15_125);
    expect(client.connectCalls).toBe(41);
  });

  it.each([
    ['gateway FAILED', SDK_CODES.gatewayFailed, 'gateway-failed'],
    ['RECONNECTION_EXHAUSTED', SDK_CODES.reconnectionExhausted, 'reconnection-exhausted'],
  ])('%s → back to connecting', async (_label, code, reason) => {
    const { supervisor, factory, startRegistered } = setup();
    await startRegistered();
    factory.last.error(code, 'X');
    expect(supervisor.getState()).toMatchObject({ status: 'reconnecting', reason });
    await vi.advanceTimersByTimeAsync(625);
    expect(supervisor.getState().status).toBe('connecting');
    expect(factory.last.connectCalls).toBe(2);
  });

  it('a punt (socket closed by the SDK, no reconnect of its own) → connect again', async () => {
    const { supervisor, factory, startRegistered } = setup();
    await startRegistered();
    factory.last.closeSocket(1005);
    await vi.advanceTimersByTimeAsync(625);
    factory.last.becomeReady();
    expect(supervisor.getState().status).toBe('registered');
    expect(factory.last.disconnects).toBe(0);
  });

  it('escalates when registrations do not hold (punt ping-pong), starts over after a stable one', async () => {
    const { supervisor, factory, startRegistered } = setup();
    await startRegistered();
    const attempts: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      await vi.advanceTimersByTimeAsync(10_000);
      factory.last.closeSocket(1005);
      const state = supervisor.getState();
      if (state.status === 'reconnecting') attempts.push(state.attempt);
      await vi.advanceTimersByTimeAsync(1_000);
      factory.last.becomeReady();
    }
    expect(attempts).toEqual([1, 1, 1, 1]);
    const quick: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      await vi.advanceTimersByTimeAsync(500);
      factory.last.closeSocket(1005);
      const state = supervisor.getState();
      if (state.status === 'reconnecting') quick.push(state.attempt);
      await vi.advanceTimersByTimeAsync(
        state.status === 'reconnecting' ? state.nextRetryAt - Date.now() : 0,
      );
      factory.last.becomeReady();
    }
    // The last stable round left attempt 1; quick drops keep climbing from there.
    expect(quick).toEqual([2, 3, 4, 5]);
  });

  it('"retry now" skips the wait', async () => {
    const { supervisor, factory, startRegistered } = setup();
    await startRegistered();
    for (let i = 0; i < 6; i += 1) {
      factory.last.closeSocket();
      await vi.advanceTimersByTimeAsync(10_000);
      factory.last.closeSocket();
    }
    expect(supervisor.getState()).toMatchObject({ status: 'reconnecting' });
    const before = factory.last.connectCalls;
    supervisor.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(factory.last.connectCalls).toBe(before + 1);
    expect(supervisor.getState().status).toBe('connecting');
  });
});

describe('ConnectionSupervisor: heartbeat', () => {
  it('a half-open gateway is caught within interval + timeout, with socketDisconnect only', async () => {
    const { supervisor, factory, startRegistered } = setup();
    await startRegistered();
    const client = factory.last;
    client.registeredAnswer = 'hang';
    await vi.advanceTimersByTimeAsync(15_000 + 2_999);
    expect(supervisor.getState().status).toBe('registered');
    await vi.advanceTimersByTimeAsync(1);
    expect(supervisor.getState()).toMatchObject({
      status: 'reconnecting',
      reason: 'heartbeat-failed',
    });
    expect(client.socketDisconnects).toBe(1);
    expect(client.disconnects).toBe(0);
  });

  it('runs tighter during a call', async () => {
    const { supervisor, factory, startRegistered, setInCall } = setup();
    await startRegistered();
    setInCall(true);
    supervisor.callsChanged();
    factory.last.registeredAnswer = 'hang';
    await vi.advanceTimersByTimeAsync(5_000 + 3_000);
    expect(supervisor.getState()).toMatchObject({ reason: 'heartbeat-failed' });
  });

  it('"not registered" from the gateway also forces a reconnect', async () => {
    const { supervisor, factory, startRegistered } = setup();
    await startRegistered();
    factory.last.registeredAnswer = 'no';
    await vi.advanceTimersByTimeAsync(15_000);
    expect(supervisor.getState()).toMatchObject({ reason: 'heartbeat-failed' });
  });

  it('keeps beating while healthy', async () => {
    const { supervisor, startRegistered } = setup();
    await startRegistered();
    await vi.advanceTimersByTimeAsync(15_000 * 20);
    expect(supervisor.getState().status).toBe('registered');
    expect(supervisor.timerCount).toBe(1);
  });
});

describe('ConnectionSupervisor: system signals', () => {
  it('checks at once on `online` and on resume', async () => {
    const { supervisor, factory, signals, startRegistered } = setup();
    await startRegistered();
    factory.last.registeredAnswer = 'hang';
    signals.fireNetwork(true);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(supervisor.getState()).toMatchObject({ reason: 'heartbeat-failed' });
    // While reconnecting, resume means "retry now".
    const before = factory.last.connectCalls;
    signals.fireResume();
    await vi.advanceTimersByTimeAsync(0);
    expect(factory.last.connectCalls).toBe(before + 1);
  });

  it('a network change mid-call moves the call to a fresh socket', async () => {
    const { supervisor, factory, signals, startRegistered } = setup({ inCall: true });
    await startRegistered();
    signals.fireNetwork(true);
    expect(factory.last.socketDisconnects).toBe(1);
    expect(supervisor.getState()).toMatchObject({ reason: 'network-change' });
  });

  it('checks on focus only after a long time unfocused', async () => {
    const { supervisor, factory, signals, startRegistered } = setup();
    await startRegistered();
    factory.last.registeredAnswer = 'no';
    signals.fireFocus(false);
    await vi.advanceTimersByTimeAsync(5_000);
    signals.fireFocus(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(supervisor.getState().status).toBe('registered');
    factory.last.registeredAnswer = 'yes';
    await vi.advanceTimersByTimeAsync(15_000);
    factory.last.registeredAnswer = 'no';
    signals.fireFocus(false);
    vi.setSystemTime(Date.now() + 61_000);
    signals.fireFocus(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(supervisor.getState()).toMatchObject({ reason: 'heartbeat-failed' });
  });
});

describe('ConnectionSupervisor: no leaks', () => {
  it('200 forced reconnect cycles: one client, one listener, bounded timers', async () => {
    const { supervisor, factory, startRegistered } = setup();
    await startRegistered();
    const client = factory.last;
    for (let i = 0; i < 200; i += 1) {
      client.registeredAnswer = 'hang';
      await vi.advanceTimersByTimeAsync(18_000);
      expect(supervisor.getState().status).toBe('reconnecting');
      client.registeredAnswer = 'yes';
      await vi.advanceTimersByTimeAsync(1_000);
      client.becomeReady();
      expect(supervisor.getState().status).toBe('registered');
      expect(supervisor.timerCount).toBe(1);
    }
    expect(factory.created).toHaveLength(1);
    expect(client.listenerCount).toBe(1);
    expect(client.socketDisconnects).toBe(200);
    expect(client.disconnects).toBe(0);
    // Only the heartbeat is pending (the raced timeouts were all cleared).
    expect(vi.getTimerCount()).toBe(1);
  });

  it('stop() disconnects, unsubscribes everything and clears every timer', async () => {
    const { supervisor, factory, signals, startRegistered } = setup();
    await startRegistered();
    await supervisor.stop();
    expect(supervisor.getState()).toEqual({ status: 'offline' });
    expect(factory.last.disconnects).toBe(1);
    expect(factory.last.listenerCount).toBe(0);
    expect(signals.listenerCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
