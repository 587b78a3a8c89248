// JSON-RPC 2.0 framing for the Verto gateway (docs/telnyx-protocol.md#envelope-and-errors). Parsing
// never throws: every bad frame becomes an error the caller can send back (-32700 parse, -32600
// invalid request).

export type RpcId = string | number;
export type Json = Record<string, unknown>;

export const RPC_ERRORS = {
  PARSE: { code: -32700, message: 'Parse error' },
  INVALID_REQUEST: { code: -32600, message: 'Invalid Request' },
  METHOD_NOT_FOUND: { code: -32601, message: 'Method not found' },
  INVALID_PARAMS: { code: -32602, message: 'Invalid params' },
  // -32000 makes the SDK re-login in a loop; a failed login must be -32001
  // (docs/telnyx-protocol.md#envelope-and-errors).
  AUTH_REQUIRED: { code: -32000, message: 'Authentication Required' },
  AUTH_FAILED: { code: -32001, message: 'Authentication Failure' },
  CALL_DOES_NOT_EXIST: { code: -32002, message: 'CALL DOES NOT EXIST' },
} as const;

export type RpcError = { code: number; message: string };

export type ParsedFrame =
  | { kind: 'request'; id: RpcId; method: string; params: Json }
  | { kind: 'notification'; method: string; params: Json }
  | { kind: 'response'; id: RpcId; result?: unknown; error?: unknown }
  /**
   * Frames the SDK sends that expect nothing (debug reports, speed-test text;
   * docs/telnyx-protocol.md#other-frames).
   */
  | { kind: 'ignored' }
  | { kind: 'invalid'; id: RpcId | null; error: RpcError };

export const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isId = (value: unknown): value is RpcId =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

export function parseFrame(text: string): ParsedFrame {
  if (text.startsWith('#SP')) return { kind: 'ignored' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'invalid', id: null, error: RPC_ERRORS.PARSE };
  }
  if (!isJson(value)) return { kind: 'invalid', id: null, error: RPC_ERRORS.INVALID_REQUEST };
  const id = isId(value.id) ? value.id : null;
  if (value.jsonrpc !== '2.0') return { kind: 'invalid', id, error: RPC_ERRORS.INVALID_REQUEST };
  if (value.method === undefined) {
    if (id !== null && ('result' in value || 'error' in value)) {
      return { kind: 'response', id, result: value.result, error: value.error };
    }
    if (typeof value.type === 'string' && value.type.startsWith('debug_report')) {
      return { kind: 'ignored' };
    }
    return { kind: 'invalid', id, error: RPC_ERRORS.INVALID_REQUEST };
  }
  if (typeof value.method !== 'string' || (value.params !== undefined && !isJson(value.params))) {
    return { kind: 'invalid', id, error: RPC_ERRORS.INVALID_REQUEST };
  }
  const params = isJson(value.params) ? value.params : {};
  if (id === null) return { kind: 'notification', method: value.method, params };
  return { kind: 'request', id, method: value.method, params };
}

export const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** Thrown by a method handler to answer the request with a JSON-RPC error. */
export class RpcFailure extends Error {
  constructor(readonly rpc: RpcError) {
    super(rpc.message);
  }
}
