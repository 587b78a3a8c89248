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

describe('ConnectionSupervisor: recovering without harm', () => {
  it('a token refresh main cannot serve is tried again later, on the same socket', async () => {
    const login = new ScriptedLogin([
      () => tokenMaterial('t1', 600_000),
      () => tokenMaterial('t2', 600_000),
    ]);
    const { supervisor, factory, startRegistered } = setup({ login });
    await startRegistered();
    login.failing = true;
    // 600 s token: refreshed at 75 %, 450 s in.
    await vi.advanceTimersByTimeAsync(450_000);
    expect(factory.last.refreshedTokens).toEqual([]);
    expect(supervisor.getState().status).toBe('registered');
    login.failing = false;
    await vi.advanceTimersByTimeAsync(29_999);
    expect(factory.last.refreshedTokens).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(factory.last.refreshedTokens).toEqual(['t2']);
    expect(factory.created).toHaveLength(1);
    expect(supervisor.getState().status).toBe('registered');
  });

  it('the backoff starts over only after a registration that held', async () => {
    const { supervisor, factory, startRegistered } = setup();
    await startRegistered();
    await vi.advanceTimersByTimeAsync(10_000); // held for stableMs
    factory.last.closeSocket();
    expect(supervisor.getState()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    await vi.advanceTimersByTimeAsync(1_000);
    factory.last.becomeReady();
    await vi.advanceTimersByTimeAsync(9_999); // dropped just before it counted as stable
    factory.last.closeSocket();
    expect(supervisor.getState()).toMatchObject({ status: 'reconnecting', attempt: 2 });
    await vi.advanceTimersByTimeAsync(2_000);
    factory.last.becomeReady();
    await vi.advanceTimersByTimeAsync(10_000);
    factory.last.closeSocket();
    expect(supervisor.getState()).toMatchObject({ status: 'reconnecting', attempt: 1 });
  });

  it('LOGIN_FAILED in direct mode logs in with fresh credentials on a new client', async () => {
    const login = new ScriptedLogin([
      () => credentialMaterial('agent1', 'old-pw'),
      () => credentialMaterial('agent1', 'new-pw'),
    ]);
    const { supervisor, factory } = setup({ login });
    supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    const first = factory.last;
    first.connected = true;
    first.error(SDK_CODES.loginFailed, 'LOGIN_FAILED');
    await vi.advanceTimersByTimeAsync(0);
    expect(first.abandoned).toBe(true);
    expect(first.refreshedTokens).toEqual([]);
    expect(factory.created).toHaveLength(2);
    expect(factory.last.material).toMatchObject({ kind: 'credentials', password: 'new-pw' });
    expect(factory.last.connectCalls).toBe(1);
    factory.last.becomeReady();
    expect(supervisor.getState().status).toBe('registered');
  });

  it('an SDK error code it does not know changes nothing', async () => {
    const { supervisor, factory, startRegistered } = setup();
    await startRegistered();
    factory.last.error(-32099, 'SOMETHING_NEW');
    factory.last.error(SDK_CODES.tokenExpiringSoon, 'TOKEN_EXPIRING_SOON');
    expect(supervisor.getState().status).toBe('registered');
    expect(factory.created).toHaveLength(1);
    expect(factory.last.socketDisconnects + factory.last.disconnects).toBe(0);
  });
});
