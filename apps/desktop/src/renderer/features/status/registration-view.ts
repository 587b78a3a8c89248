import type { ConnectionState } from '../../telephony/connection-state.js';

export type Tone = 'ok' | 'busy' | 'warn' | 'error' | 'off';

export interface RegistrationView {
  label: string;
  tone: Tone;
  /** Longer words for the tooltip and screen readers. */
  detail: string;
  /** Whole seconds until the next attempt, while reconnecting. */
  retryInSeconds: number | null;
  canRetryNow: boolean;
}

const REASONS: Record<string, string> = {
  'socket-closed': 'the connection to the phone service closed',
  'heartbeat-failed': 'the phone service stopped answering',
  'connect-timeout': 'the phone service did not answer in time',
  'gateway-failed': 'the phone service reported a failure',
  'reconnection-exhausted': 'the phone service could not be reached',
  'network-change': 'the network changed',
  'login-material-unavailable': 'your phone login could not be fetched from the server',
};

/** What the status bar says about the connection to the gateway at `now` (epoch ms). */
export function registrationView(connection: ConnectionState, now: number): RegistrationView {
  const base = { retryInSeconds: null, canRetryNow: false };
  switch (connection.status) {
    case 'registered':
      return {
        ...base,
        label: 'Ready',
        tone: 'ok',
        detail: 'Connected: you can make and take calls.',
      };
    case 'connecting':
      return {
        ...base,
        label: 'Connecting…',
        tone: 'busy',
        detail: 'Connecting to the phone service.',
      };
    case 'reconnecting': {
      const seconds = Math.max(0, Math.ceil((connection.nextRetryAt - now) / 1000));
      const why = REASONS[connection.reason] ?? 'the connection was lost';
      return {
        label: seconds > 0 ? `Reconnecting in ${seconds} s` : 'Reconnecting…',
        tone: 'warn',
        detail: `Not connected: ${why}. Calls in progress are kept while we reconnect.`,
        retryInSeconds: seconds,
        canRetryNow: true,
      };
    }
    case 'auth-failed':
      return {
        ...base,
        label: 'Phone login refused',
        tone: 'error',
        detail: `The phone service refused your login (${connection.reason}). Sign out and in again, or ask an admin to check your phone line.`,
        canRetryNow: true,
      };
    case 'fatal':
      return {
        ...base,
        label: 'Phone unavailable',
        tone: 'error',
        detail: `The phone cannot start: ${connection.reason}.`,
      };
    case 'offline':
      return {
        ...base,
        label: 'Offline',
        tone: 'off',
        detail: 'Not connected to the phone service.',
      };
  }
}
