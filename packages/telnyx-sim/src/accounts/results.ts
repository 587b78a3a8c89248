// Outcomes of account mutations. Nothing here throws on user input: the REST layer maps each
// failure to Telnyx's error envelope (docs/telnyx-protocol.md#rest-errors).

export type StoreError =
  | { kind: 'not-found' }
  /** Another resource already uses this value (e.g. a SIP user name). */
  | { kind: 'duplicate'; field: string; detail: string }
  /** A referenced resource does not exist (Telnyx code 10013, "Missing association"). */
  | { kind: 'missing-association'; field: string; detail: string }
  /** The resource is in a state that forbids the change (e.g. an expired credential). */
  | { kind: 'invalid-state'; detail: string };

export type StoreResult<T> = { ok: true; value: T } | { ok: false; error: StoreError };

export const ok = <T>(value: T): StoreResult<T> => ({ ok: true, value });
export const fail = <T>(error: StoreError): StoreResult<T> => ({ ok: false, error });
export const notFound = <T>(): StoreResult<T> => fail({ kind: 'not-found' });
