import { z } from 'zod';
import { CallPolicySchema } from '../api/telephony.js';
import {
  AccountProfileSchema,
  AppInfoSchema,
  CallHistoryPageSchema,
  CallHistoryQuerySchema,
  CallLogEventSchema,
  DialLinkSchema,
  IncomingCallSchema,
  LoginMaterialSchema,
  NoticeSchema,
  OutboxStatusSchema,
  PendingCallLogSchema,
  RegistrationStateSchema,
  SessionStateSchema,
  SettingsPatchSchema,
  SettingsSchema,
  ShortcutActionSchema,
  SignInRequestSchema,
} from './ipc-schemas.js';
import { channelName, type ChannelName } from './channel-names.js';

/**
 * The one IPC contract: `window.dialer.<namespace>.<method>` mapped to its schemas. A request has
 * the schema of its single argument and of its result; an event (`on…`) the schema of its payload.
 * The channel is derived from the two names (`callLogs.getStatus` → `call-logs:get-status`,
 * `settings.onChange` → `settings:on-change`), the preload's `DialerApi` type from the schemas, and
 * main and the web-mode host parse both sides with them. There is no generic channel.
 */
const none = z.undefined();
const request = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R) =>
  ({ kind: 'request', args, result }) as const;
const event = <P extends z.ZodType>(payload: P) => ({ kind: 'event', payload }) as const;

export const dialerContract = {
  session: {
    getState: request(none, SessionStateSchema),
    signIn: request(SignInRequestSchema, SessionStateSchema),
    signOut: request(none, SessionStateSchema),
    /** Login material for ONE Telnyx registration; ask again for each (re)login. */
    getLoginMaterial: request(none, LoginMaterialSchema),
  },
  settings: {
    get: request(none, SettingsSchema),
    update: request(SettingsPatchSchema, SettingsSchema),
    /** Every change, whoever made it (this window, the tray, another window). */
    onChange: event(SettingsSchema),
  },
  callLogs: {
    /** Resolves once the event is durably on disk (not yet delivered to the API). */
    enqueue: request(CallLogEventSchema, OutboxStatusSchema),
    getStatus: request(none, OutboxStatusSchema),
    /** Records not yet filed with the API (history shows them as pending), newest first. */
    listPending: request(none, z.array(PendingCallLogSchema)),
    /** Calls kept only on this computer (direct mode, no companion account), newest first. */
    listLocal: request(none, z.array(CallLogEventSchema)),
    /** The agent's calls as the companion API has them; direct mode has none there. */
    list: request(CallHistoryQuerySchema, CallHistoryPageSchema),
  },
  account: {
    /** The companion account's profile (caller IDs, phone line); null in direct mode. */
    getProfile: request(none, AccountProfileSchema.nullable()),
    /** The org's wrap-up rules (GET /api/me/call-policy); direct mode has DIRECT_CALL_POLICY. */
    getCallPolicy: request(none, CallPolicySchema),
  },
  dialLinks: {
    /** A tel:/callto:/sip: link that arrived before the renderer subscribed (first launch). */
    takePending: request(none, DialLinkSchema.nullable()),
    onDial: event(DialLinkSchema),
  },
  system: {
    onResume: event(z.object({ at: z.string() })),
    onNetworkChange: event(z.object({ online: z.boolean(), at: z.string() })),
    onShortcut: event(z.object({ action: ShortcutActionSchema })),
    onNotificationClick: event(z.object({ callId: z.string() })),
  },
  app: {
    getInfo: request(none, AppInfoSchema),
    openExternal: request(z.string().max(4096), none),
    setRegistrationState: request(RegistrationStateSchema, none),
    /** Keeps the system awake while a call is live, and keeps a reload from ending it. */
    setCallActive: request(z.boolean(), none),
    notifyIncomingCall: request(IncomingCallSchema, none),
    focusWindow: request(none, none),
    /** Notices raised before the renderer subscribed to `onNotice` (e.g. at startup). */
    takeNotices: request(none, z.array(NoticeSchema)),
    /** Something the user should know (settings reset after corruption, call-log outbox full, …). */
    onNotice: event(NoticeSchema),
    /** The user chose to quit (during a live call: confirmed): the page may unload now. */
    onQuitting: event(z.object({ at: z.string() })),
  },
} as const;

type Contract = typeof dialerContract;
type Namespace = keyof Contract;
type Entry = ReturnType<typeof request> | ReturnType<typeof event>;
/** Every `[channel, entry]` pair of the contract. */
type Pairs = {
  [N in Namespace]: {
    [M in keyof Contract[N] & string]: [ChannelName<N, M>, Contract[N][M]];
  }[keyof Contract[N] & string];
}[Namespace];
type RequestPair = Extract<Pairs, [string, { kind: 'request' }]>;
type EventPair = Extract<Pairs, [string, { kind: 'event' }]>;

export type InvokeChannel = RequestPair[0];
export type EventChannel = EventPair[0];
type RequestOf<C extends InvokeChannel> = Extract<RequestPair, [C, unknown]>[1];
type EventOf<E extends EventChannel> = Extract<EventPair, [E, unknown]>[1];

/** Request channels with their schemas, flat, for the trusted side's dispatch. */
export const invokeContract = flatten('request') as {
  [C in InvokeChannel]: { args: RequestOf<C>['args']; result: RequestOf<C>['result'] };
};
/** Event channels with their payload schemas. */
export const eventContract = flatten('event') as { [E in EventChannel]: EventOf<E>['payload'] };

function flatten(kind: Entry['kind']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [namespace, methods] of Object.entries(dialerContract)) {
    for (const [method, entry] of Object.entries(methods as Record<string, Entry>)) {
      if (entry.kind !== kind) continue;
      out[channelName(namespace, method)] = entry.kind === 'request' ? entry : entry.payload;
    }
  }
  return out;
}

export type InvokeArgs<C extends InvokeChannel> = z.input<RequestOf<C>['args']>;
export type InvokeResult<C extends InvokeChannel> = z.output<RequestOf<C>['result']>;
export type EventPayload<E extends EventChannel> = z.output<EventOf<E>['payload']>;

export type Unsubscribe = () => void;

/** One method of `window.dialer`, derived from its contract entry. */
type ApiMethod<T> = T extends { kind: 'request'; args: infer A; result: infer R }
  ? A extends z.ZodUndefined
    ? () => Promise<z.output<R>>
    : (args: z.input<A>) => Promise<z.output<R>>
  : T extends { kind: 'event'; payload: infer P }
    ? (listener: (payload: z.output<P>) => void) => Unsubscribe
    : never;

/**
 * `window.dialer`: the one object the renderer uses to reach main (Electron preload) or the web-mode
 * host (page bridge). Requests reject with a DialerError; `on*` return an unsubscribe function.
 */
export type DialerApi = {
  [N in Namespace]: { [M in keyof Contract[N]]: ApiMethod<Contract[N][M]> };
};

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.hasOwn(invokeContract, value);
}
export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && Object.hasOwn(eventContract, value);
}

/** Errors cross IPC as `{code, message}`; codes a caller can act on. */
export const IpcErrorCodeSchema = z.enum([
  'bad-request',
  'forbidden',
  'not-signed-in',
  'unauthorized',
  'rate-limited',
  'offline',
  'keychain-unavailable',
  'outbox-full',
  'server-error',
  'internal',
]);
export type IpcErrorCode = z.infer<typeof IpcErrorCodeSchema>;
export const IpcErrorSchema = z.object({ code: IpcErrorCodeSchema, message: z.string() });
export type IpcError = z.infer<typeof IpcErrorSchema>;

/** What a request returns over the wire: a value, or an error that the caller can show as is. */
export const IpcReplySchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcErrorSchema }),
]);
export type IpcReply = z.infer<typeof IpcReplySchema>;
