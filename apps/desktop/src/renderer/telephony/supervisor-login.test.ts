import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SDK_CODES } from './connection-state.js';
import { systemClock } from './ports.js';
import { ConnectionSupervisor } from './supervisor.js';
import { FakeClientFactory } from './testing/fake-rtc.js';
import { ScriptedLogin, tokenMaterial } from './testing/fake-ports.js';
import { config, setup } from './testing/supervisor-setup.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ConnectionSupervisor: login and tokens', () => {
  it('LOGIN_FAILED → fresh material once, on the same socket → registered', async () => {
    const login = new ScriptedLogin([
      () => tokenMaterial('old', 3_600_000),
      () => tokenMaterial('new', 3_600_000),
    ]);
    const { supervisor, factory } = setup({ login });
    supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    factory.last.connected = true;
    factory.last.error(SDK_CODES.loginFailed, 'LOGIN_FAILED');
    await vi.advanceTimersByTimeAsync(0);
    expect(login.calls).toBe(2);
    expect(factory.last.refreshedTokens).toEqual(['new']);
    factory.last.becomeReady();
    expect(supervisor.getState().status).toBe('registered');
  });

  it('a second LOGIN_FAILED → auth-failed with a reason, and nothing left running', async () => {
    const { supervisor, factory, login } = setup();
    supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    const first = factory.last;
    first.error(SDK_CODES.loginFailed, 'LOGIN_FAILED');
    await vi.advanceTimersByTimeAsync(0);
    // Credentials: rebuilt with the fresh material, the old client let go.
    expect(factory.created).toHaveLength(2);
    expect(first.abandoned).toBe(true);
    expect(first.listenerCount).toBe(0);
    const second = factory.last;
    second.error(SDK_CODES.loginFailed, 'LOGIN_FAILED');
    await vi.advanceTimersByTimeAsync(0);
    const state = supervisor.getState();
    expect(state.status).toBe('auth-failed');
    // Final for that client: its SDK reconnects (and logins) stop with it.
    expect(second.abandoned).toBe(true);
    expect(state.status === 'auth-failed' && state.reason).toMatch(/refused the login/);
    expect(supervisor.timerCount).toBe(0);
    expect(login.calls).toBe(2);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(supervisor.getState().status).toBe('auth-failed');
    // "Retry now" starts over with fresh material.
    supervisor.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(login.calls).toBe(3);
    factory.last.becomeReady();
    expect(supervisor.getState().status).toBe('registered');
  });

  it('refreshes the token well before expiry, on the same socket, and again after', async () => {
    const login = new ScriptedLogin([
      () => tokenMaterial('t1', 60_000),
      () => tokenMaterial('t2', 60_000),
      () => tokenMaterial('t3', 60_000),
    ]);
    const { supervisor, factory, startRegistered } = setup({ login });
    await startRegistered();
    await vi.advanceTimersByTimeAsync(22_499);
    expect(factory.last.refreshedTokens).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(factory.last.refreshedTokens).toEqual(['t2']);
    await vi.advanceTimersByTimeAsync(22_500);
    expect(factory.last.refreshedTokens).toEqual(['t2', 't3']);
    expect(factory.created).toHaveLength(1);
    expect(supervisor.getState().status).toBe('registered');
  });

  it('TOKEN_EXPIRING_SOON refreshes at once when no refresh is scheduled (expiry unknown)', async () => {
    const unknownExpiry = (token: string) => ({ ...tokenMaterial(token, 0), expiresAt: 'unknown' });
    const login = new ScriptedLogin([() => unknownExpiry('t1'), () => unknownExpiry('t2')]);
    const { factory, startRegistered } = setup({ login });
    await startRegistered();
    factory.last.emit({ type: 'warning', code: SDK_CODES.tokenExpiringSoon, name: 'X' });
    await vi.advanceTimersByTimeAsync(0);
    expect(factory.last.refreshedTokens).toEqual(['t2']);
  });

  it('ignores TOKEN_EXPIRING_SOON while its own earlier refresh is scheduled (no refresh storm)', async () => {
    const login = new ScriptedLogin([() => tokenMaterial('t', 8_000)]);
    const { factory, startRegistered } = setup({ login });
    await startRegistered();
    for (let i = 0; i < 5; i += 1) {
      factory.last.emit({ type: 'warning', code: SDK_CODES.tokenExpiringSoon, name: 'X' });
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(factory.last.refreshedTokens).toEqual([]);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(factory.last.refreshedTokens).toEqual(['t']);
  });
});

describe('ConnectionSupervisor: re-login safety', () => {
  it('defers a token refresh while a call is being set up', async () => {
    const factory = new FakeClientFactory();
    let settingUp = true;
    const supervisor = new ConnectionSupervisor({
      factory,
      login: new ScriptedLogin([() => tokenMaterial('t', 60_000)]),
      clock: systemClock,
      hasActiveCall: () => true,
      canReloginNow: () => !settingUp,
      config,
    });
    supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    factory.last.becomeReady();
    factory.last.registeredAnswer = 'yes';
    await vi.advanceTimersByTimeAsync(22_500 + 5_000);
    expect(factory.last.refreshedTokens).toEqual([]);
    settingUp = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(factory.last.refreshedTokens).toEqual(['t']);
  });
});
