import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SDK_CODES } from './connection-state.js';
import { credentialMaterial, ScriptedLogin, tokenMaterial } from './testing/fake-ports.js';
import { setup } from './testing/supervisor-setup.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ConnectionSupervisor: errors it does not act on', () => {
  it.each([
    [SDK_CODES.websocketError, 'WEBSOCKET_ERROR'],
    [SDK_CODES.signalingRecoveryRequired, 'SIGNALING_RECOVERY_REQUIRED'],
    [99_999, 'SOMETHING_NEW'],
  ])('error %i (%s) while registered changes nothing', async (code, name) => {
    const { supervisor, factory, startRegistered } = setup();
    await startRegistered();
    factory.last.error(code, name);
    await vi.advanceTimersByTimeAsync(0);
    expect(supervisor.getState().status).toBe('registered');
    expect(factory.created).toHaveLength(1);
    expect(factory.last.abandoned).toBe(false);
    expect(factory.last.disconnects).toBe(0);
  });

  it('RECONNECTION_EXHAUSTED and GATEWAY_FAILED are retried, never final', async () => {
    for (const [code, reason] of [
      [SDK_CODES.reconnectionExhausted, 'reconnection-exhausted'],
      [SDK_CODES.gatewayFailed, 'gateway-failed'],
    ] as const) {
      const { supervisor, factory, startRegistered } = setup();
      await startRegistered();
      factory.last.error(code, 'X');
      expect(supervisor.getState()).toMatchObject({ status: 'reconnecting', reason });
      await vi.advanceTimersByTimeAsync(625);
      expect(factory.last.connectCalls).toBe(2);
    }
  });
});

describe('ConnectionSupervisor: the LOGIN_FAILED retry is once per registration', () => {
  it('a good registration in between earns another fresh-material retry', async () => {
    const login = new ScriptedLogin([
      () => tokenMaterial('t1', 3_600_000),
      () => tokenMaterial('t2', 3_600_000),
      () => tokenMaterial('t3', 3_600_000),
    ]);
    const { supervisor, factory } = setup({ login });
    supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    const client = factory.last;
    client.connected = true;
    client.error(SDK_CODES.loginFailed, 'LOGIN_FAILED');
    await vi.advanceTimersByTimeAsync(0);
    client.becomeReady();
    expect(supervisor.getState().status).toBe('registered');
    // Hours later the token is refused again (revoked): fresh material again, not auth-failed.
    client.error(SDK_CODES.loginFailed, 'LOGIN_FAILED');
    await vi.advanceTimersByTimeAsync(0);
    expect(supervisor.getState().status).not.toBe('auth-failed');
    expect(client.refreshedTokens).toEqual(['t2', 't3']);
  });
});

describe('ConnectionSupervisor: sign-out', () => {
  it('a sign-out while login material is being fetched connects nothing', async () => {
    let hand: (() => void) | undefined;
    const login = new ScriptedLogin([() => credentialMaterial()]);
    const get = login.get.bind(login);
    login.get = () =>
      new Promise((resolve, reject) => {
        hand = () => void get().then(resolve, reject);
      });
    const { supervisor, factory } = setup({ login });
    supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    await supervisor.stop();
    hand?.();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(factory.created).toHaveLength(0);
    expect(supervisor.getState()).toEqual({ status: 'offline' });
    expect(supervisor.timerCount).toBe(0);
  });

  it('stop() then start() again registers with a new client; signals are listened to once', async () => {
    const { supervisor, factory, signals, startRegistered } = setup();
    await startRegistered();
    const first = factory.last;
    await supervisor.stop();
    expect(first.disconnects).toBe(1);
    expect(signals.listenerCount).toBe(0);
    supervisor.start();
    supervisor.start();
    expect(signals.listenerCount).toBe(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(factory.created).toHaveLength(2);
    factory.last.becomeReady();
    expect(supervisor.getState().status).toBe('registered');
    // Events of the client from before the sign-out are ignored.
    first.closeSocket();
    expect(supervisor.getState().status).toBe('registered');
  });

  it('does nothing on retryNow or signals once stopped', async () => {
    const { supervisor, factory, signals, startRegistered } = setup();
    await startRegistered();
    await supervisor.stop();
    supervisor.retryNow();
    supervisor.checkNow('resume');
    signals.fireResume();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(factory.created).toHaveLength(1);
    expect(supervisor.getState()).toEqual({ status: 'offline' });
  });
});

describe('ConnectionSupervisor: retryNow', () => {
  it('while registered or connecting it changes nothing', async () => {
    const { supervisor, factory, startRegistered } = setup();
    await startRegistered();
    supervisor.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(supervisor.getState().status).toBe('registered');
    expect(factory.last.connectCalls).toBe(1);
    expect(factory.created).toHaveLength(1);
  });

  it('while reconnecting it connects at once, and the pending retry does not fire again', async () => {
    const { supervisor, factory, startRegistered } = setup();
    await startRegistered();
    factory.last.closeSocket();
    supervisor.retryNow();
    expect(supervisor.getState().status).toBe('connecting');
    expect(factory.last.connectCalls).toBe(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(factory.last.connectCalls).toBe(2);
  });
});

describe('ConnectionSupervisor: resume and refocus during a call check, never force a reconnect', () => {
  it.each(['resume', 'focus'] as const)(
    '%s in a call runs a heartbeat on the same socket',
    async (what) => {
      const { supervisor, factory, signals, startRegistered } = setup({ inCall: true });
      await startRegistered();
      const client = factory.last;
      let probes = 0;
      const probe = client.getIsRegistered.bind(client);
      client.getIsRegistered = () => {
        probes += 1;
        return probe();
      };
      if (what === 'resume') signals.fireResume();
      else {
        signals.fireFocus(false);
        await vi.advanceTimersByTimeAsync(60_000);
        probes = 0;
        signals.fireFocus(true);
      }
      await vi.advanceTimersByTimeAsync(0);
      expect(probes).toBe(1);
      expect(client.socketDisconnects).toBe(0);
      expect(supervisor.getState().status).toBe('registered');
    },
  );

  it('a network change while idle also just checks', async () => {
    const { supervisor, factory, signals, startRegistered } = setup();
    await startRegistered();
    signals.fireNetwork(true);
    signals.fireNetwork(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(factory.last.socketDisconnects).toBe(0);
    expect(supervisor.getState().status).toBe('registered');
  });

  it('media that stopped in a call probes with the short timeout', async () => {
    const { supervisor, factory, startRegistered } = setup({ inCall: true });
    await startRegistered();
    factory.last.registeredAnswer = 'hang';
    supervisor.checkNow('media-stalled');
    await vi.advanceTimersByTimeAsync(1_499);
    expect(supervisor.getState().status).toBe('registered');
    await vi.advanceTimersByTimeAsync(1);
    expect(supervisor.getState()).toMatchObject({
      status: 'reconnecting',
      reason: 'heartbeat-failed',
    });
    expect(factory.last.socketDisconnects).toBe(1);
  });
});
