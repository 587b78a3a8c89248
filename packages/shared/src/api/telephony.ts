import { z } from 'zod';
import { DispositionSchema } from '../call/call-enums.js';
import { E164Schema, IdSchema, TimestampSchema } from './common.js';
import { FallbackMessageSchema } from './routing.js';

/** The agent's Telnyx telephony credential. The SIP password is never stored or returned. */
export const WebrtcCredentialSchema = z.object({
  id: IdSchema,
  agentId: IdSchema,
  telnyxCredentialId: z.string(),
  sipUsername: z.string(),
  createdAt: TimestampSchema,
});
export type WebrtcCredential = z.infer<typeof WebrtcCredentialSchema>;

/**
 * A short-lived Telnyx login token for one WebRTC registration
 * (docs/architecture.md#login-material).
 */
export const WebrtcTokenSchema = z.object({
  token: z.string(),
  expiresAt: TimestampSchema,
  host: z.string(),
});
export type WebrtcToken = z.infer<typeof WebrtcTokenSchema>;

export const PhoneNumberSchema = z.object({
  id: IdSchema,
  phoneNumber: E164Schema,
  telnyxId: z.string(),
  /** The agent this number rings first (null: none). */
  inboundAgentId: IdSchema.nullable(),
  /** Rung after the agent, member by member (null: none). */
  ringGroupId: IdSchema.nullable(),
  ringTimeoutSecs: z.number().int(),
  /** Spoken when nobody answered, before hanging up (null: the built-in message). */
  fallbackMessage: z.string().nullable(),
  callerIdAgentIds: z.array(IdSchema),
  updatedAt: TimestampSchema,
});
export type PhoneNumber = z.infer<typeof PhoneNumberSchema>;

/** The number's inbound route; a number with an agent or a ring group is routed by the API. */
export const UpdatePhoneNumberSchema = z.strictObject({
  inboundAgentId: IdSchema.nullable(),
  ringGroupId: IdSchema.nullable().optional(),
  /** How long each agent rings (Telnyx dial `timeout_secs`, 5 at least). */
  ringTimeoutSecs: z.number().int().min(5).max(120).optional(),
  fallbackMessage: FallbackMessageSchema.nullable().optional(),
});
export type UpdatePhoneNumber = z.infer<typeof UpdatePhoneNumberSchema>;

/**
 * One Telnyx resource the org needs: provisioned (its id is beside it), missing (made on first
 * use, or with "Provision now"), or error (the last attempt failed: stable code and Telnyx's words).
 */
export const TelnyxResourceStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('provisioned') }),
  z.object({ state: z.literal('missing') }),
  z.object({ state: z.literal('error'), code: z.string(), problem: z.string() }),
]);
export type TelnyxResourceState = z.infer<typeof TelnyxResourceStateSchema>;

/** Org settings as read back: secrets are write-only, so only whether they are set, and when. */
export const OrgSettingsSchema = z.object({
  telnyxApiKeySet: z.boolean(),
  telnyxApiKeySetAt: TimestampSchema.nullable(),
  credentialConnection: TelnyxResourceStateSchema,
  outboundVoiceProfile: TelnyxResourceStateSchema,
  telnyxPublicKey: z.string().nullable(),
  credentialConnectionId: z.string().nullable(),
  /** Assigned to the credential connection: without it Telnyx refuses outbound calls. */
  outboundVoiceProfileId: z.string().nullable(),
  /** The Call Control application numbers routed to agents are assigned to. */
  callControlAppId: z.string().nullable(),
  webrtcHost: z.string(),
  /** The dispositions agents may pick: the org's own list, or the built-in one. */
  dispositions: z.array(DispositionSchema),
  /** Agents must pick a disposition before leaving a call's wrap-up. */
  requireDisposition: z.boolean(),
});
export type OrgSettings = z.infer<typeof OrgSettingsSchema>;

/** The part of the org settings an agent's dialer follows after each call (GET /api/me/call-policy). */
export const CallPolicySchema = OrgSettingsSchema.pick({
  requireDisposition: true,
  dispositions: true,
});
export type CallPolicy = z.infer<typeof CallPolicySchema>;

export const UpdateOrgSettingsSchema = z.strictObject({
  telnyxApiKey: z.string().trim().min(8).max(512).nullable().optional(),
  telnyxPublicKey: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'the Telnyx public key is 32 bytes in base64 (44 characters)')
    .nullable()
    .optional(),
  webrtcHost: z
    .string()
    .regex(/^wss?:\/\/[^\s]+$/, 'use a ws:// or wss:// URL')
    .max(300)
    .nullable()
    .optional(),
  /** Replaces the org's disposition list; `null` restores the built-in list. */
  dispositions: z.array(DispositionSchema).min(1).max(100).nullable().optional(),
  requireDisposition: z.boolean().optional(),
});
export type UpdateOrgSettings = z.infer<typeof UpdateOrgSettingsSchema>;

export const AuditEntrySchema = z.object({
  id: IdSchema,
  actorId: IdSchema.nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: TimestampSchema,
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
