/** What a command tells the UI: done, or a message saying what to do. Commands never throw. */
export type CommandResult = { ok: true } | { ok: false; message: string };
export type DialResult =
  { ok: true; callId: string; logId: string } | { ok: false; message: string };

export interface DialRequest {
  /** E.164, an emergency or short number as typed, or a `sip:` address (see dialDestination). */
  destination: string;
  /** The caller ID chosen for this call (E.164). */
  callerNumber: string;
  callerName?: string | undefined;
  /** An emergency number: dialled even without a valid caller ID; a live call is held, not in the way. */
  emergency?: boolean | undefined;
}

export const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });
