// Shared setup of the supervisor unit tests.
import { vi } from 'vitest';
import type { ConnectionState } from '../connection-state.js';
import { systemClock } from '../ports.js';
import { ConnectionSupervisor, type SupervisorConfig } from '../supervisor.js';
import { FakeClientFactory } from './fake-rtc.js';
import { credentialMaterial, FakeSignals, ScriptedLogin } from './fake-ports.js';

/** Fast-to-read policies for supervisor unit tests (random fixed at 0.5). */
export const config: Partial<SupervisorConfig> = {
  backoff: { baseMs: 1_000, capMs: 30_000, floorMs: 250 },
  heartbeat: {
    idleIntervalMs: 15_000,
    inCallIntervalMs: 5_000,
    timeoutMs: 3_000,
    stalledProbeMs: 1_500,
    longBlurMs: 60_000,
  },
  connectTimeoutMs: 10_000,
  stableMs: 10_000,
};

export function setup(
  options: { login?: ScriptedLogin; inCall?: boolean; config?: Partial<SupervisorConfig> } = {},
) {
  const factory = new FakeClientFactory();
  const login = options.login ?? new ScriptedLogin([() => credentialMaterial()]);
  const signals = new FakeSignals();
  let inCall = options.inCall ?? false;
  const supervisor = new ConnectionSupervisor({
    factory,
    login,
    signals,
    clock: systemClock,
    hasActiveCall: () => inCall,
    config: { ...config, ...options.config },
    random: () => 0.5,
  });
  const states: ConnectionState[] = [];
  supervisor.onStateChange((s) => states.push(s));
  const startRegistered = async () => {
    supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    factory.last.becomeReady();
  };
  return {
    factory,
    login,
    signals,
    supervisor,
    states,
    startRegistered,
    setInCall: (v: boolean) => (inCall = v),
  };
}
