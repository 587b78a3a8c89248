// The account store's internal records. They are structural supersets of the contract types in
// ./types.ts, so the gateway can be handed a record directly; the extra fields are what the REST
// side echoes back (docs/telnyx-protocol.md#credential-connections,
// docs/telnyx-protocol.md#telephony-credentials).
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { SimConnection, SimCredential, SimPhoneNumber, WebhookTarget } from './types.js';

export interface ConnectionRecord extends SimConnection {
  password: string;
  tags: string[];
  webhookTimeoutSecs: number | null;
  anchorsiteOverride: string;
  sipUriCallingPreference: 'disabled' | 'unrestricted' | 'internal';
  /** Free-form `inbound` / `outbound` settings, stored and echoed, not interpreted. */
  inbound: Record<string, unknown>;
  outbound: Record<string, unknown>;
}

export interface CredentialRecord extends SimCredential {
  /** Set by DELETE (Telnyx revokes); the record stays so its tokens report `revoked`. */
  revokedAt: string | null;
}

export interface PhoneNumberRecord extends SimPhoneNumber {
  updatedAt: string;
}

/** Telnyx connection and phone-number ids are long decimal strings ("1293384261075731499"). */
export function numericId(): string {
  return `${randomInt(1, 10)}${Array.from({ length: 18 }, () => randomInt(0, 10)).join('')}`;
}

export function uuid(): string {
  return randomUUID();
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Generated SIP usernames look like Telnyx's: `gencred` + 22 alphanumerics
 * (docs/telnyx-protocol.md#telephony-credentials).
 */
export function generatedSipUsername(): string {
  return `gencred${Array.from({ length: 22 }, () => ALNUM[randomInt(0, ALNUM.length)]).join('')}`;
}

export function generatedSipPassword(): string {
  return randomBytes(16).toString('hex');
}

/** `POST /v2/outbound_voice_profiles`: what lets a connection or application call out. */
export interface OutboundProfileRecord {
  id: string;
  name: string;
  enabled: boolean;
  whitelistedDestinations: string[];
  createdAt: string;
  updatedAt: string;
}

/** `POST /v2/call_control_applications`: numbers assigned to one send their calls to its webhooks. */
export interface ApplicationRecord extends WebhookTarget {
  id: string;
  applicationName: string;
  active: boolean;
  webhookApiVersion: '1' | '2';
  outboundVoiceProfileId: string | null;
  createdAt: string;
  updatedAt: string;
}
