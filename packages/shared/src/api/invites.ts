import { z } from 'zod';
import { E164Schema, EmailSchema, IdSchema, TimestampSchema } from './common.js';
import { PasswordSchema, RoleSchema } from './accounts.js';

/** An admin invites a person by email; they choose their own password through the invite link. */
export const CreateInviteSchema = z.strictObject({
  email: EmailSchema,
  name: z.string().trim().min(1).max(120),
  role: RoleSchema.default('agent'),
  callerIds: z.array(E164Schema).max(20).default([]),
});
export type CreateInvite = z.input<typeof CreateInviteSchema>;

/** An invite not yet accepted or revoked; `expired` once its link no longer works. */
export const InviteSchema = z.object({
  id: IdSchema,
  userId: IdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  state: z.enum(['pending', 'expired']),
  expiresAt: TimestampSchema,
  createdAt: TimestampSchema,
});
export type Invite = z.infer<typeof InviteSchema>;

/** The answer to creating an invite: the link is shown this once and never again. */
export const CreatedInviteSchema = z.object({ invite: InviteSchema, inviteUrl: z.url() });
export type CreatedInvite = z.infer<typeof CreatedInviteSchema>;

/** The secret part of an invite link (base64url of 32 random bytes). */
export const InviteTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'this is not an invite link; copy the whole link');

export const InviteTokenBodySchema = z.strictObject({ token: InviteTokenSchema });

export const AcceptInviteSchema = z.strictObject({
  token: InviteTokenSchema,
  password: PasswordSchema,
});
export type AcceptInvite = z.infer<typeof AcceptInviteSchema>;

/** What the invite page shows before the invitee chooses a password. */
export const InviteDetailsSchema = z.object({
  email: z.string(),
  name: z.string(),
  orgName: z.string(),
  expiresAt: TimestampSchema,
});
export type InviteDetails = z.infer<typeof InviteDetailsSchema>;
