import type { ConnectionStatus } from './connection-state.js';
import type { HostPort, Unsubscribe } from './ports.js';
import type { TelephonyStore } from './telephony.store.js';

/**
 * Keeps main's view (tray, keep-awake, notifications) in step with the store: the registration
 * state, whether a call is live, and each inbound ring once. Only changes cross.
 */
export function reportToHost(store: TelephonyStore, host: HostPort): Unsubscribe {
  let status = store.getState().connection.status;
  let active = false;
  host.registrationChanged(status);
  return store.subscribe((state, previous) => {
    if (state.connection.status !== status) {
      status = state.connection.status;
      host.registrationChanged(status);
    }
    const live = Object.values(state.calls).some((c) => c.phase !== 'ended');
    if (live !== active) {
      active = live;
      host.callActiveChanged(live);
    }
    for (const call of Object.values(state.calls)) {
      if (call.phase === 'incoming' && previous.calls[call.id]?.phase !== 'incoming') {
        host.incomingCall({ callId: call.id, from: call.remoteName || call.remoteNumber });
      }
    }
  });
}

/** Signed out: the tray says so and nothing keeps the machine awake. */
export function reportSignedOut(host: HostPort | undefined, status: ConnectionStatus): void {
  host?.registrationChanged(status);
  host?.callActiveChanged(false);
}
