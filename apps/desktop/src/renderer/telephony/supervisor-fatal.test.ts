import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SDK_CODES } from './connection-state.js';
import { setup } from './testing/supervisor-setup.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ConnectionSupervisor: fatal', () => {
  it('a client that cannot be built → fatal with the reason, no retry loop; retry now starts over', async () => {
    const { supervisor, factory, login } = setup();
    const create = factory.create.bind(factory);
    let failures = 1;
    factory.create = (material) => {
      if (failures-- > 0) throw new Error('RTCPeerConnection is not available');
      return create(material);
    };
    supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    const state = supervisor.getState();
    expect(state).toEqual({
      status: 'fatal',
      reason: 'The phone client could not start: RTCPeerConnection is not available',
    });
    expect(supervisor.timerCount).toBe(0);
    await vi.advanceTimersByTimeAsync(300_000);
    expect(supervisor.getState().status).toBe('fatal');
    expect(login.calls).toBe(1);

    supervisor.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    factory.last.becomeReady();
    expect(supervisor.getState().status).toBe('registered');
  });

  it('WEBSOCKET_CONNECTION_FAILED (45001) → fatal, the client let go, later socket events ignored', async () => {
    const { supervisor, factory } = setup();
    supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    const client = factory.last;
    client.error(SDK_CODES.websocketConnectionFailed, 'WEBSOCKET_CONNECTION_FAILED');
    await vi.advanceTimersByTimeAsync(0);
    const state = supervisor.getState();
    expect(state.status).toBe('fatal');
    expect(state.status === 'fatal' && state.reason).toMatch(/gateway address cannot be used/);
    expect(client.listenerCount).toBe(0);
    expect(supervisor.timerCount).toBe(0);
    await vi.advanceTimersByTimeAsync(300_000);
    expect(factory.created).toHaveLength(1);
    expect(supervisor.getState().status).toBe('fatal');
  });
});
