import { randomUUID } from 'node:crypto';
import type {
  Agent,
  CreateAgentSchema,
  PresenceEntry,
  UpdateAgentSchema,
} from '@crokodialer/shared';
import type { z } from 'zod';
import type { Db } from '../db/database.js';
import type { UserRow } from '../db/schema.js';
import { ApiError, forbidden, notFound } from '../errors.js';
import type { Principal } from './access-tokens.js';
import { audit } from './audit.js';
import type { AuthService } from './auth-service.js';
import type { CredentialRevocations, CredentialStatus } from './credential-revocations.js';
import type { CredentialService } from './credential-service.js';
import { toAgent } from './mappers.js';
import type { Passwords } from './passwords.js';

type CreateAgent = z.output<typeof CreateAgentSchema>;
type UpdateAgent = z.output<typeof UpdateAgentSchema>;

/** Admins manage the org's people; an agent may read itself and set its own presence. */
export class AgentService {
  constructor(
    private readonly db: Db,
    private readonly passwords: Passwords,
    private readonly auth: AuthService,
    private readonly credentials: CredentialService,
    private readonly revocations: CredentialRevocations,
  ) {}

  async list(p: Principal): Promise<Agent[]> {
    if (p.role !== 'admin') return [await this.get(p, p.userId)];
    const rows = await this.db
      .selectFrom('users')
      .selectAll()
      .where('org_id', '=', p.orgId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const states = await this.revocations.states(
      p.orgId,
      rows.map((r) => r.id),
    );
    return rows.map((r) => this.toAgentWith(r, states.get(r.id)));
  }

  async get(p: Principal, id: string): Promise<Agent> {
    // Agents see only themselves; anyone else in the org is a 404 to them, as across orgs.
    if (p.role !== 'admin' && id !== p.userId) throw notFound('agent');
    return this.present(await this.row(p.orgId, id));
  }

  async create(p: Principal, input: CreateAgent): Promise<Agent> {
    await this.checkCallerIds(p.orgId, input.callerIds);
    const id = randomUUID();
    const passwordHash = await this.passwords.hash(input.password);
    const res = await this.db
      .insertInto('users')
      .values({
        id,
        org_id: p.orgId,
        email: input.email,
        name: input.name,
        role: input.role,
        password_hash: passwordHash,
        caller_ids: input.callerIds,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (res.numInsertedOrUpdatedRows === 0n)
      throw await emailRefusal(this.db, p.orgId, input.email);
    await audit(
      this.db,
      p,
      'agent.created',
      { type: 'agent', id },
      { email: input.email, role: input.role },
    );
    return this.get(p, id);
  }

  async update(p: Principal, id: string, input: UpdateAgent): Promise<Agent> {
    const current = await this.row(p.orgId, id);
    if (input.callerIds) await this.checkCallerIds(p.orgId, input.callerIds);
    const demoting = input.role === 'agent' && current.role === 'admin';
    const deactivating = input.active === false && current.active;
    if ((demoting || deactivating) && current.role === 'admin')
      await this.ensureAnotherAdmin(p.orgId, id);
    const set: Partial<Record<string, unknown>> = { updated_at: new Date() };
    if (input.name !== undefined) set.name = input.name;
    if (input.email !== undefined) set.email = input.email;
    if (input.role !== undefined) set.role = input.role;
    if (input.callerIds !== undefined) set.caller_ids = input.callerIds;
    if (input.active !== undefined) set.active = input.active;
    if (input.password !== undefined) set.password_hash = await this.passwords.hash(input.password);
    try {
      await this.db
        .updateTable('users')
        .set(set)
        .where('org_id', '=', p.orgId)
        .where('id', '=', id)
        .execute();
    } catch (err) {
      if (isUniqueViolation(err) && input.email !== undefined)
        throw await emailRefusal(this.db, p.orgId, input.email);
      throw err;
    }
    const revocation = deactivating ? await this.afterDeactivation(p.orgId, id) : null;
    if (!deactivating && input.password !== undefined) await this.auth.revokeAllForUser(id);
    await audit(
      this.db,
      p,
      'agent.updated',
      { type: 'agent', id },
      {
        fields: Object.keys(input).filter((k) => input[k as keyof UpdateAgent] !== undefined),
      },
    );
    if (revocation) await this.revocations.attempt(revocation);
    return this.get(p, id);
  }

  /** DELETE deactivates: the agent's call history stays, its sessions and credential do not. */
  async deactivate(p: Principal, id: string): Promise<void> {
    const current = await this.row(p.orgId, id);
    if (current.role === 'admin' && current.active) await this.ensureAnotherAdmin(p.orgId, id);
    await this.db
      .updateTable('users')
      .set({ active: false, presence: 'offline', updated_at: new Date() })
      .where('org_id', '=', p.orgId)
      .where('id', '=', id)
      .execute();
    const revocation = await this.afterDeactivation(p.orgId, id);
    await audit(this.db, p, 'agent.deactivated', { type: 'agent', id });
    if (revocation) await this.revocations.attempt(revocation);
  }

  async setPresence(
    p: Principal,
    presence: 'available' | 'away' | 'do-not-disturb',
  ): Promise<PresenceEntry> {
    await this.db
      .updateTable('users')
      .set({ presence, last_seen_at: new Date() })
      .where('org_id', '=', p.orgId)
      .where('id', '=', p.userId)
      .execute();
    const r = await this.row(p.orgId, p.userId);
    return toPresence(r);
  }

  async presence(p: Principal): Promise<PresenceEntry[]> {
    let q = this.db
      .selectFrom('users')
      .selectAll()
      .where('org_id', '=', p.orgId)
      .where('active', '=', true);
    if (p.role !== 'admin') q = q.where('id', '=', p.userId);
    const rows = await q.orderBy('name').orderBy('id').execute();
    return rows.map(toPresence);
  }

  /**
   * What deactivation does at once, whatever Telnyx says: sessions end and the credential stops
   * being the agent's (so routing skips them). Returns the queued Telnyx revocation, which the
   * caller attempts after auditing; if Telnyx fails it is retried by the revocation worker.
   */
  private async afterDeactivation(orgId: string, id: string): Promise<string | null> {
    await this.auth.revokeAllForUser(id);
    return this.credentials.retire(orgId, id);
  }

  private async ensureAnotherAdmin(orgId: string, exceptId: string): Promise<void> {
    const other = await this.db
      .selectFrom('users')
      .select('id')
      .where('org_id', '=', orgId)
      .where('role', '=', 'admin')
      .where('active', '=', true)
      .where('id', '!=', exceptId)
      .executeTakeFirst();
    if (!other)
      throw new ApiError(
        409,
        'last_admin',
        'an org needs at least one active admin; promote someone first',
      );
  }

  /** Caller IDs must be numbers the org owns (synced from Telnyx). */
  async checkCallerIds(orgId: string, callerIds: string[]): Promise<void> {
    if (callerIds.length === 0) return;
    const owned = await this.db
      .selectFrom('phone_numbers')
      .select('phone_number')
      .where('org_id', '=', orgId)
      .where('phone_number', 'in', callerIds)
      .execute();
    const ownedSet = new Set(owned.map((o) => o.phone_number));
    const unknown = callerIds.filter((c) => !ownedSet.has(c));
    if (unknown.length > 0) {
      throw new ApiError(
        400,
        'unknown_caller_id',
        `not one of the org's phone numbers: ${unknown.join(', ')}; sync numbers first`,
        {
          issues: [{ path: 'body.callerIds', message: 'not an org phone number' }],
        },
      );
    }
  }

  private async row(orgId: string, id: string): Promise<UserRow> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('agent');
    return row;
  }

  private async present(row: UserRow): Promise<Agent> {
    const states = await this.revocations.states(row.org_id, [row.id]);
    return this.toAgentWith(row, states.get(row.id));
  }

  private toAgentWith(row: UserRow, status: CredentialStatus | undefined): Agent {
    const state = status ?? { state: 'none' as const, error: null, live: false };
    return toAgent(row, state.live, state);
  }
}

export const requireAdmin = (p: Principal): void => {
  if (p.role !== 'admin') throw forbidden('only an admin can do this');
};

function toPresence(r: UserRow): PresenceEntry {
  return {
    agentId: r.id,
    name: r.name,
    presence: r.presence,
    lastSeenAt: r.last_seen_at ? r.last_seen_at.toISOString() : null,
  };
}

export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/**
 * Why an email the admin chose is refused. Within their own org they may know (and fix it);
 * an account of another org is never named: that answer is one neutral code, the same whatever
 * account holds the email, reached after the same work (the password hash came first).
 */
export async function emailRefusal(db: Db, orgId: string, email: string): Promise<ApiError> {
  const ours = await db
    .selectFrom('users')
    .select('id')
    .where('org_id', '=', orgId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  return ours
    ? new ApiError(409, 'agent_exists', 'your org already has an agent with this email', {
        agentId: ours.id,
      })
    : new ApiError(409, 'email_unavailable', 'this email cannot be used; choose another');
}
