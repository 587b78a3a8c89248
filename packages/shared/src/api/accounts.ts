import { z } from 'zod';
import { E164Schema, EmailSchema, IdSchema, TimestampSchema } from './common.js';

export const RoleSchema = z.enum(['admin', 'agent']);
export type Role = z.infer<typeof RoleSchema>;

export const PresenceSchema = z.enum(['available', 'away', 'do-not-disturb', 'offline']);
export type Presence = z.infer<typeof PresenceSchema>;

export const PasswordSchema = z
  .string()
  .min(10, 'use at least 10 characters')
  .max(256, 'use at most 256 characters');

export const OrgSchema = z.object({ id: IdSchema, name: z.string(), createdAt: TimestampSchema });
export type Org = z.infer<typeof OrgSchema>;

/**
 * The agent's Telnyx credential: none, active, or being revoked (retried until Telnyx confirms;
 * `revocation-failed` when Telnyx answered 404 and an admin must look).
 */
export const WebrtcCredentialStateSchema = z.enum([
  'none',
  'active',
  'revocation-pending',
  'revocation-failed',
  'revoked',
]);
export type WebrtcCredentialState = z.infer<typeof WebrtcCredentialStateSchema>;

/** A person in an org. Agents and admins are both users; `role` tells them apart. */
export const AgentSchema = z.object({
  id: IdSchema,
  orgId: IdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  active: z.boolean(),
  callerIds: z.array(E164Schema),
  presence: PresenceSchema,
  lastSeenAt: TimestampSchema.nullable(),
  hasWebrtcCredential: z.boolean(),
  webrtcCredentialState: WebrtcCredentialStateSchema,
  /** The last Telnyx error of an unfinished revocation (null otherwise). */
  webrtcCredentialError: z.string().nullable(),
  createdAt: TimestampSchema,
});
export type Agent = z.infer<typeof AgentSchema>;
export const UserSchema = AgentSchema;
export type User = Agent;

const NameSchema = z.string().trim().min(1).max(120);

export const SignupSchema = z.strictObject({
  orgName: NameSchema,
  name: NameSchema,
  email: EmailSchema,
  password: PasswordSchema,
});
export type Signup = z.input<typeof SignupSchema>;

/**
 * Sign-up's one answer, whether or not the email already had an account (which is left as it
 * was): the new admin then signs in.
 */
export const SignupAcceptedSchema = z.object({ status: z.literal('accepted') });
export type SignupAccepted = z.infer<typeof SignupAcceptedSchema>;

export const LoginSchema = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1).max(256),
});
export type Login = z.input<typeof LoginSchema>;

export const RefreshSchema = z.strictObject({ refreshToken: z.string().min(1).max(512) });
export type Refresh = z.infer<typeof RefreshSchema>;
export const LogoutSchema = RefreshSchema;

export const AuthSessionSchema = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: TimestampSchema,
  refreshToken: z.string(),
  refreshTokenExpiresAt: TimestampSchema,
  user: AgentSchema,
  org: OrgSchema,
});
export type AuthSession = z.infer<typeof AuthSessionSchema>;

export const MeSchema = z.object({ user: AgentSchema, org: OrgSchema });
export type Me = z.infer<typeof MeSchema>;

export const CreateAgentSchema = z.strictObject({
  email: EmailSchema,
  name: NameSchema,
  password: PasswordSchema,
  role: RoleSchema.default('agent'),
  callerIds: z.array(E164Schema).max(20).default([]),
});
export type CreateAgent = z.input<typeof CreateAgentSchema>;

export const UpdateAgentSchema = z.strictObject({
  name: NameSchema.optional(),
  email: EmailSchema.optional(),
  password: PasswordSchema.optional(),
  role: RoleSchema.optional(),
  callerIds: z.array(E164Schema).max(20).optional(),
  active: z.boolean().optional(),
});
export type UpdateAgent = z.input<typeof UpdateAgentSchema>;

export const UpdatePresenceSchema = z.strictObject({
  presence: PresenceSchema.exclude(['offline']),
});
export type UpdatePresence = z.infer<typeof UpdatePresenceSchema>;

export const PresenceEntrySchema = z.object({
  agentId: IdSchema,
  name: z.string(),
  presence: PresenceSchema,
  lastSeenAt: TimestampSchema.nullable(),
});
export type PresenceEntry = z.infer<typeof PresenceEntrySchema>;
