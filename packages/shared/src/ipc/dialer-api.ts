import { channelName } from './channel-names.js';
import {
  dialerContract,
  IpcReplySchema,
  type DialerApi,
  type EventChannel,
  type InvokeChannel,
  type IpcErrorCode,
  type Unsubscribe,
} from './ipc-contract.js';

/** Error thrown by DialerApi requests. `code` survives Electron's contextBridge in the message prefix. */
export class DialerError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'DialerError';
  }
}

/** The error code of anything a DialerApi call rejected with (contextBridge keeps only the message). */
export function dialerErrorCode(error: unknown): IpcErrorCode | null {
  if (error instanceof DialerError) return error.code;
  const message = error instanceof Error ? error.message : String(error);
  const match = /(?:^|\s)([a-z-]+): /.exec(message);
  return (match?.[1] as IpcErrorCode | undefined) ?? null;
}

/** How a DialerApi reaches the other side: Electron IPC in preload, a WebSocket in web mode. */
export interface DialerTransport {
  invoke(channel: InvokeChannel, args: unknown): Promise<unknown>;
  subscribe(event: EventChannel, listener: (payload: unknown) => void): Unsubscribe;
}

/**
 * Builds `window.dialer` over a transport, one method per contract entry, each on the channel its
 * names derive. The trusted side validates, so this only unwraps replies.
 */
export function createDialerApi(transport: DialerTransport): DialerApi {
  const call = async (channel: InvokeChannel, args: unknown): Promise<unknown> => {
    const reply = IpcReplySchema.safeParse(await transport.invoke(channel, args));
    if (!reply.success) throw new DialerError('internal', `malformed reply on ${channel}`);
    if (!reply.data.ok) throw new DialerError(reply.data.error.code, reply.data.error.message);
    return reply.data.value;
  };
  const api: Record<string, Record<string, unknown>> = {};
  for (const [namespace, methods] of Object.entries(dialerContract)) {
    const group: Record<string, unknown> = {};
    for (const [method, entry] of Object.entries(methods as Record<string, { kind: string }>)) {
      const channel = channelName(namespace, method);
      group[method] =
        entry.kind === 'request'
          ? (args?: unknown) => call(channel as InvokeChannel, args)
          : (listener: (payload: unknown) => void) =>
              transport.subscribe(channel as EventChannel, (payload) => listener(payload));
    }
    api[namespace] = group;
  }
  // The loops above build exactly the mapped type DialerApi derives from the same contract.
  return api as DialerApi;
}
