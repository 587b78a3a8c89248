import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AcceptInvite, CreateInviteSchema, Invite, InviteDetails } from '@crokodialer/shared';
import type { z } from 'zod';
import type { Db } from '../db/database.js';
import { ApiError, notFound } from '../errors.js';
import type { Principal } from './access-tokens.js';
import type { AgentService } from './agent-service.js';
import { emailRefusal, isUniqueViolation } from './agent-service.js';
import { audit } from './audit.js';
import type { Passwords } from './passwords.js';

type CreateInvite = z.output<typeof CreateInviteSchema>;

/** How long an invite link works: long enough for a weekend, short enough to not linger. */
export const INVITE_TTL_MS = 7 * 24 * 3_600_000;

/**
 * Stored in place of a password hash until the invitee chooses one: argon2 cannot parse it, so no
 * password verifies against it (and the user is inactive until then anyway).
 */
const NO_PASSWORD_YET = '!invited';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const gone = (code: string, message: string) => new ApiError(410, code, message);

interface OpenInvite {
  id: string;
  org_id: string;
  user_id: string;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
  email: string;
  name: string;
  org_name: string;
}

/**
 * Invites: a pending (inactive) user and a single-use, expiring token of which only the SHA-256 is
 * stored. The admin gets the link once; the invitee sets a password through the public accept route.
 */
export class InviteService {
  constructor(
    private readonly db: Db,
    private readonly passwords: Passwords,
    private readonly agents: AgentService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(p: Principal, input: CreateInvite): Promise<{ invite: Invite; token: string }> {
    await this.agents.checkCallerIds(p.orgId, input.callerIds);
    const userId = randomUUID();
    const id = randomUUID();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.now().getTime() + INVITE_TTL_MS);
    try {
      await this.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('users')
          .values({
            id: userId,
            org_id: p.orgId,
            email: input.email,
            name: input.name,
            role: input.role,
            password_hash: NO_PASSWORD_YET,
            caller_ids: input.callerIds,
            active: false,
          })
          .execute();
        await tx
          .insertInto('invites')
          .values({
            id,
            org_id: p.orgId,
            user_id: userId,
            token_hash: hashToken(token),
            created_by: p.userId,
            expires_at: expiresAt,
          })
          .execute();
      });
    } catch (err) {
      // The same answer agent creation gives: never whether another org holds the email.
      if (isUniqueViolation(err)) throw await emailRefusal(this.db, p.orgId, input.email);
      throw err;
    }
    await audit(this.db, p, 'invite.created', { type: 'agent', id: userId }, { role: input.role });
    const [invite] = await this.list(p, id);
    if (!invite) throw notFound('invite');
    return { invite, token };
  }

  /** Open invites (pending or expired), newest first; `onlyId` narrows to one. */
  async list(p: Principal, onlyId?: string): Promise<Invite[]> {
    let q = this.db
      .selectFrom('invites as i')
      .innerJoin('users as u', 'u.id', 'i.user_id')
      .select(['i.id', 'i.user_id', 'i.expires_at', 'i.created_at', 'u.email', 'u.name', 'u.role'])
      .where('i.org_id', '=', p.orgId)
      .where('i.accepted_at', 'is', null)
      .where('i.revoked_at', 'is', null);
    if (onlyId) q = q.where('i.id', '=', onlyId);
    const rows = await q.orderBy('i.created_at', 'desc').orderBy('i.id').execute();
    const now = this.now().getTime();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      email: r.email,
      name: r.name,
      role: r.role,
      state: r.expires_at.getTime() > now ? 'pending' : 'expired',
      expiresAt: r.expires_at.toISOString(),
      createdAt: r.created_at.toISOString(),
    }));
  }

  /** The link stops working at once; the pending user stays (inactive) for a new invite later. */
  async revoke(p: Principal, id: string): Promise<void> {
    const res = await this.db
      .updateTable('invites')
      .set({ revoked_at: this.now() })
      .where('org_id', '=', p.orgId)
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returning('user_id')
      .executeTakeFirst();
    if (!res) throw notFound('open invite');
    await audit(this.db, p, 'invite.revoked', { type: 'agent', id: res.user_id });
  }

  /** Who the link is for, so the invite page can greet them; every unusable link says why. */
  async details(token: string): Promise<InviteDetails> {
    const row = await this.usable(token);
    return {
      email: row.email,
      name: row.name,
      orgName: row.org_name,
      expiresAt: row.expires_at.toISOString(),
    };
  }

  /** Sets the invitee's password and activates them; the token works once, even under a race. */
  async accept(input: AcceptInvite): Promise<{ email: string }> {
    const row = await this.usable(input.token);
    const passwordHash = await this.passwords.hash(input.password);
    const accepted = await this.db.transaction().execute(async (tx) => {
      const taken = await tx
        .updateTable('invites')
        .set({ accepted_at: this.now() })
        .where('id', '=', row.id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', this.now())
        .returning('id')
        .executeTakeFirst();
      if (!taken) return false;
      await tx
        .updateTable('users')
        .set({ password_hash: passwordHash, active: true, updated_at: this.now() })
        .where('id', '=', row.user_id)
        .execute();
      return true;
    });
    if (!accepted) throw await this.whyUnusable(input.token);
    await audit(this.db, { orgId: row.org_id, userId: row.user_id }, 'invite.accepted', {
      type: 'agent',
      id: row.user_id,
    });
    return { email: row.email };
  }

  private async find(token: string): Promise<OpenInvite | undefined> {
    return this.db
      .selectFrom('invites as i')
      .innerJoin('users as u', 'u.id', 'i.user_id')
      .innerJoin('orgs as o', 'o.id', 'i.org_id')
      .select([
        'i.id',
        'i.org_id',
        'i.user_id',
        'i.expires_at',
        'i.accepted_at',
        'i.revoked_at',
        'u.email',
        'u.name',
        'o.name as org_name',
      ])
      .where('i.token_hash', '=', hashToken(token))
      .executeTakeFirst();
  }

  private async usable(token: string): Promise<OpenInvite> {
    const row = await this.find(token);
    if (!row) throw unknownInvite();
    const problem = this.problemWith(row);
    if (problem) throw problem;
    return row;
  }

  private async whyUnusable(token: string): Promise<ApiError> {
    const row = await this.find(token);
    return (row && this.problemWith(row)) ?? unknownInvite();
  }

  private problemWith(row: OpenInvite): ApiError | null {
    if (row.accepted_at)
      return gone('invite_used', 'this invite was already used; sign in with your password');
    if (row.revoked_at)
      return gone('invite_revoked', 'this invite was withdrawn; ask your admin for a new one');
    if (row.expires_at.getTime() <= this.now().getTime())
      return gone('invite_expired', 'this invite has expired; ask your admin for a new one');
    return null;
  }
}

const unknownInvite = () =>
  new ApiError(404, 'invite_not_found', 'this invite link is not valid; copy the whole link');
