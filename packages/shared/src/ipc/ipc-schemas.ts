import { z } from 'zod';
import { AgentSchema, PresenceSchema } from '../api/accounts.js';
import { CallLogPageSchema, UpsertCallLogSchema } from '../api/call-logs.js';
import { E164Schema } from '../api/common.js';
import type { CallPolicy } from '../api/telephony.js';
import { BUILT_IN_DISPOSITIONS } from '../call/call-enums.js';

/**
 * Payload schemas of the desktop IPC contract (main ⇄ renderer, and the web-mode host ⇄ page).
 * Every channel parses its arguments and results with these on the trusted side (main / host).
 */

export const DialerModeSchema = z.enum(['companion', 'direct']);
export type DialerMode = z.infer<typeof DialerModeSchema>;

/** Loopback hosts (telnyx-sim, a local API) may go unencrypted; nothing else may. */
export function isLoopbackUrl(value: string): boolean {
  try {
    const host = new URL(value).hostname;
    return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}
const secureOrLoopback = (secure: string, plain: string) => (value: string) =>
  value.toLowerCase().startsWith(`${secure}://`) ||
  (value.toLowerCase().startsWith(`${plain}://`) && isLoopbackUrl(value));

const httpUrl = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^\s]+$/i, 'an http(s) URL')
  .refine(secureOrLoopback('https', 'http'), {
    message: 'an https:// URL (plain http:// only for this computer: 127.0.0.1 or localhost)',
  });
const wsUrl = z
  .string()
  .max(2048)
  .regex(/^wss?:\/\/[^\s]+$/i, 'a ws(s) URL')
  .refine(secureOrLoopback('wss', 'ws'), {
    message: 'a wss:// URL (plain ws:// only for this computer: 127.0.0.1 or localhost)',
  });
const deviceId = z.string().max(512).nullable();
/**
 * An Electron accelerator ("CommandOrControl+Shift+A"), or null when the shortcut is off. Global
 * shortcuts always carry a modifier: a single key would fire while the agent types anywhere.
 */
const accelerator = z
  .string()
  .max(64)
  .regex(
    /^(?:(?:CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)\+)+[A-Za-z0-9]+$/,
    'a key with a modifier, such as CommandOrControl+Shift+A',
  )
  .nullable();

/** The devices the user chose (null: the system default); the renderer routes calls to them. */
export const AudioDeviceChoiceSchema = z.object({
  inputDeviceId: deviceId,
  outputDeviceId: deviceId,
  ringerDeviceId: deviceId,
});
export type AudioDeviceChoice = z.infer<typeof AudioDeviceChoiceSchema>;

export const ShortcutsSchema = z.object({
  answer: accelerator,
  hangup: accelerator,
  mute: accelerator,
});
export type Shortcuts = z.infer<typeof ShortcutsSchema>;
export const ShortcutActionSchema = z.enum(['answer', 'hangup', 'mute']);
export type ShortcutAction = z.infer<typeof ShortcutActionSchema>;

export const WindowBoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(10000),
  height: z.number().int().min(200).max(10000),
});

export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof ThemeSchema>;

/**
 * The user's settings as the renderer sees them. Nothing secret lives here
 * (docs/architecture.md#secrets).
 */
export const SettingsSchema = z.object({
  apiUrl: httpUrl,
  mode: DialerModeSchema,
  /** Telnyx WebRTC gateway; telnyx-sim's ws://127.0.0.1:PORT in dev and tests. */
  telnyxHost: wsUrl,
  defaultRegion: z.string().regex(/^[A-Z]{2}$/, 'a two-letter region code such as US'),
  audio: AudioDeviceChoiceSchema,
  ringtone: z.string().min(1).max(64),
  shortcuts: ShortcutsSchema,
  /** Inbound calls are declined at once and no notification shows; the API shows the agent busy. */
  doNotDisturb: z.boolean(),
  /** What the team sees when do-not-disturb is off; main pushes it to the API. */
  presence: PresenceSchema.extract(['available', 'away']),
  /**
   * The agent's own caller-ID numbers for direct mode, where no companion account lists them
   * (companion mode takes the account's list from the API).
   */
  directCallerIds: z.array(E164Schema).max(20),
  /** Dial a tel:/callto:/sip: link at once instead of only filling the dial pad. */
  autoDialLinks: z.boolean(),
  windowBounds: WindowBoundsSchema.nullable(),
  /** Light or dark, or follow the operating system. */
  theme: ThemeSchema,
  /** Start (hidden to the tray) when the user logs in to the computer. */
  launchAtLogin: z.boolean(),
  /** Email of the signed-in companion account (not a secret; the tokens live in the keychain). */
  accountEmail: z.string().max(320).nullable(),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** What the renderer may change directly. API URL, mode and gateway change only through sign-in. */
export const SettingsPatchSchema = SettingsSchema.pick({
  defaultRegion: true,
  ringtone: true,
  doNotDisturb: true,
  presence: true,
  autoDialLinks: true,
  directCallerIds: true,
  theme: true,
  launchAtLogin: true,
})
  .extend({ audio: AudioDeviceChoiceSchema.partial(), shortcuts: ShortcutsSchema.partial() })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const SignInRequestSchema = z.discriminatedUnion('mode', [
  z
    .object({
      mode: z.literal('companion'),
      apiUrl: httpUrl.optional(),
      email: z.string().min(3).max(320),
      password: z.string().min(1).max(1024),
    })
    .strict(),
  z
    .object({
      mode: z.literal('direct'),
      login: z.string().min(1).max(256),
      password: z.string().min(1).max(1024),
      telnyxHost: wsUrl.optional(),
    })
    .strict(),
]);
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

/**
 * `remembered: false` means no keychain works on this machine: the sign-in lasts until the app
 * quits and is never written anywhere; the UI says so.
 */
export const SessionStateSchema = z.union([
  z.object({ status: z.literal('signed-out'), mode: DialerModeSchema }),
  z.object({
    status: z.literal('signed-in'),
    mode: z.literal('companion'),
    apiUrl: httpUrl,
    email: z.string().nullable(),
    remembered: z.boolean(),
  }),
  z.object({
    status: z.literal('signed-in'),
    mode: z.literal('direct'),
    login: z.string(),
    remembered: z.boolean(),
  }),
]);
export type SessionState = z.infer<typeof SessionStateSchema>;

/**
 * The only secret that crosses IPC (docs/architecture.md#login-material): material for ONE Telnyx
 * registration. Companion mode gets a short-lived login token minted by the API; direct mode the
 * SIP credential from the keychain.
 */
export const LoginMaterialSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('token'),
    token: z.string().min(1),
    /** ISO 8601; refresh well before it (docs/architecture.md#token-refresh). */
    expiresAt: z.string(),
    host: wsUrl,
  }),
  z.object({
    kind: z.literal('credentials'),
    login: z.string().min(1),
    password: z.string().min(1),
    host: wsUrl,
  }),
]);
export type LoginMaterial = z.infer<typeof LoginMaterialSchema>;

/**
 * One call-log event from the renderer: exactly the API's upsert body. Events for the same call share
 * `id` (a client UUID): the outbox keeps the merged latest state per id and the API upserts by it, so
 * nothing counts twice.
 */
export const CallLogEventSchema = UpsertCallLogSchema;
export type CallLogEvent = z.infer<typeof CallLogEventSchema>;

export const OutboxStatusSchema = z.object({
  pending: z.number().int().min(0),
  capacity: z.number().int().min(1),
  /** Last delivery error, for a visible "call logs not synced" hint. */
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type OutboxStatus = z.infer<typeof OutboxStatusSchema>;

export const RegistrationStateSchema = z.enum([
  'offline',
  'connecting',
  'registered',
  'reconnecting',
  'auth-failed',
  'fatal',
]);
export type RegistrationState = z.infer<typeof RegistrationStateSchema>;

/** A tel:/callto:/sip: link to dial, as main hands it to the renderer. */
export const DialLinkSchema = z.object({
  kind: z.enum(['phone', 'sip']),
  /** What to dial: E.164 (or short-code digits) from parseDialInput, or a normalised sip: URI. */
  target: z.string().min(1).max(512),
  /** DTMF digits to send once connected (tel:…;ext=123). */
  extension: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
  /** For display, e.g. the national format. */
  display: z.string().max(512),
  /**
   * True only when the user enabled dialing links at once (settings.autoDialLinks) and the target is
   * not an emergency or short number: a web page must never place such a call by itself.
   */
  autoDial: z.boolean(),
  source: z.enum(['first-launch', 'second-instance', 'open-url']),
});
export type DialLink = z.infer<typeof DialLinkSchema>;

/** A ringing inbound call main may show as a native notification. */
export const IncomingCallSchema = z
  .object({ callId: z.string().max(256), from: z.string().max(256) })
  .strict();
export type IncomingCall = z.infer<typeof IncomingCallSchema>;

/**
 * A call record the outbox still holds, for history to show as pending. `account` is whose history
 * it belongs to (taken when it was queued); it is filed only under that account.
 */
export const PendingCallLogSchema = z.object({
  event: CallLogEventSchema,
  account: z.object({ apiUrl: httpUrl, email: z.string().nullable() }),
  /** `sign-in`: its account is signed out, and it waits for that account to sign in again. */
  waitingFor: z.enum(['delivery', 'sign-in']),
  lastError: z.string().nullable(),
});
export type PendingCallLog = z.infer<typeof PendingCallLogSchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
  /** True in web mode (src/host), where tray, shortcuts and notifications are absent. */
  webMode: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const NoticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  /** Plain text for people: what happened and what to do. */
  message: z.string(),
  at: z.string(),
});
export type Notice = z.infer<typeof NoticeSchema>;

/**
 * Direct mode has no org to set rules: the built-in dispositions, none required (an agent without
 * a call log server is not held at the wrap-up form).
 */
export const DIRECT_CALL_POLICY: CallPolicy = {
  requireDisposition: false,
  dispositions: [...BUILT_IN_DISPOSITIONS],
};

/** The signed-in agent as the dialer shows them: name, caller IDs, whether a phone line exists. */
export const AccountProfileSchema = AgentSchema.pick({
  name: true,
  email: true,
  callerIds: true,
  hasWebrtcCredential: true,
  /** Admins get an "Admin console" item that opens the console in the system browser. */
  role: true,
});
export type AccountProfile = z.infer<typeof AccountProfileSchema>;

/** One page of the agent's own call history from the API (newest first, keyset cursor). */
export const CallHistoryQuerySchema = z
  .object({ cursor: z.string().min(1).max(200).optional() })
  .strict();
export const CallHistoryPageSchema = CallLogPageSchema;
export type CallHistoryPage = z.infer<typeof CallHistoryPageSchema>;
