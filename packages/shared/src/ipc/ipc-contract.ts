import { z } from 'zod';
import {
  AccountProfileSchema,
  AppInfoSchema,
  CallHistoryPageSchema,
  CallHistoryQuerySchema,
  CallLogEventSchema,
  DialRequestSchema,
  LoginMaterialSchema,
  NoticeSchema,
  OutboxStatusSchema,
  RegistrationStateSchema,
  SessionStateSchema,
  SettingsPatchSchema,
  SettingsSchema,
  ShortcutActionSchema,
  SignInRequestSchema,
} from './ipc-schemas.js';

/**
 * The one IPC contract (STYLE.md "IPC"): every request channel `<domain>:<verb>` with the schema of
 * its single argument and of its result, every event `<domain>:on-<event>` with its payload. Main and
 * the web-mode host parse both sides with these; there is no generic channel.
 */
const none = z.undefined();

export const invokeContract = {
  'session:get-state': { args: none, result: SessionStateSchema },
  'session:sign-in': { args: SignInRequestSchema, result: SessionStateSchema },
  'session:sign-out': { args: none, result: SessionStateSchema },
  'session:get-login-material': { args: none, result: LoginMaterialSchema },
  'settings:get': { args: none, result: SettingsSchema },
  'settings:update': { args: SettingsPatchSchema, result: SettingsSchema },
  'call-logs:enqueue': { args: CallLogEventSchema, result: OutboxStatusSchema },
  'call-logs:get-status': { args: none, result: OutboxStatusSchema },
  /** The agent's calls as the companion API has them; direct mode has none there. */
  'call-logs:list': { args: CallHistoryQuerySchema, result: CallHistoryPageSchema },
  /** The companion account's profile (caller IDs, phone line); null in direct mode. */
  'account:get-profile': { args: none, result: AccountProfileSchema.nullable() },
  'dial-links:take-pending': { args: none, result: DialRequestSchema.nullable() },
  'app:get-info': { args: none, result: AppInfoSchema },
  'app:open-external': { args: z.object({ url: z.string().max(4096) }).strict(), result: none },
  'app:set-registration-state': { args: RegistrationStateSchema, result: none },
  'app:set-call-active': { args: z.boolean(), result: none },
  'app:notify-incoming-call': {
    args: z.object({ callId: z.string().max(256), from: z.string().max(256) }).strict(),
    result: none,
  },
  'app:focus-window': { args: none, result: none },
  /** Notices raised before the renderer subscribed to `app:on-notice` (e.g. at startup). */
  'app:take-notices': { args: none, result: z.array(NoticeSchema) },
} as const;

export const eventContract = {
  'system:on-resume': z.object({ at: z.string() }),
  'system:on-network-change': z.object({ online: z.boolean(), at: z.string() }),
  'dial-links:on-dial': DialRequestSchema,
  'settings:on-change': SettingsSchema,
  'shortcuts:on-action': z.object({ action: ShortcutActionSchema }),
  'notifications:on-click': z.object({ callId: z.string() }),
  /** Something the user should know (settings reset after corruption, call-log outbox full, …). */
  'app:on-notice': NoticeSchema,
} as const;

export type InvokeChannel = keyof typeof invokeContract;
export type EventChannel = keyof typeof eventContract;
export type InvokeArgs<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['args']>;
export type InvokeResult<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['result']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>;

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
