import { randomUUID } from 'node:crypto';
import type { CreateRingGroup, RingGroup, UpdateRingGroup } from '@crokodialer/shared';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { RingGroupsTable } from '../db/schema.js';
import { ApiError, notFound } from '../errors.js';
import type { Principal } from './access-tokens.js';
import { audit } from './audit.js';

const toRingGroup = (r: Selectable<RingGroupsTable>): RingGroup => ({
  id: r.id,
  name: r.name,
  memberIds: r.member_ids,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** Ring groups: agents an inbound number rings one after another (admins manage them). */
export class RingGroupService {
  constructor(private readonly db: Db) {}

  async list(p: Principal): Promise<RingGroup[]> {
    const rows = await this.db
      .selectFrom('ring_groups')
      .selectAll()
      .where('org_id', '=', p.orgId)
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map(toRingGroup);
  }

  async get(p: Principal, id: string): Promise<RingGroup> {
    return toRingGroup(await this.row(p.orgId, id));
  }

  async create(p: Principal, input: CreateRingGroup): Promise<RingGroup> {
    await this.checkMembers(p.orgId, input.memberIds);
    const id = randomUUID();
    await this.db
      .insertInto('ring_groups')
      .values({ id, org_id: p.orgId, name: input.name, member_ids: input.memberIds })
      .execute();
    await audit(this.db, p, 'ring-group.created', { type: 'ring-group', id }, { name: input.name });
    return this.get(p, id);
  }

  async update(p: Principal, id: string, input: UpdateRingGroup): Promise<RingGroup> {
    await this.row(p.orgId, id);
    if (input.memberIds) await this.checkMembers(p.orgId, input.memberIds);
    await this.db
      .updateTable('ring_groups')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.memberIds !== undefined && { member_ids: input.memberIds }),
        updated_at: new Date(),
      })
      .where('org_id', '=', p.orgId)
      .where('id', '=', id)
      .execute();
    await audit(this.db, p, 'ring-group.updated', { type: 'ring-group', id });
    return this.get(p, id);
  }

  /** A number routed to a deleted group keeps its agent (if any); the group step is dropped. */
  async remove(p: Principal, id: string): Promise<void> {
    await this.row(p.orgId, id);
    await this.db
      .deleteFrom('ring_groups')
      .where('org_id', '=', p.orgId)
      .where('id', '=', id)
      .execute();
    await audit(this.db, p, 'ring-group.deleted', { type: 'ring-group', id });
  }

  private async checkMembers(orgId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.db
      .selectFrom('users')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', 'in', ids)
      .execute();
    const known = new Set(found.map((f) => f.id));
    // Named by position, not id: an error never repeats another org's ids back.
    const unknown = ids.flatMap((id, index) => (known.has(id) ? [] : [index]));
    if (unknown.length > 0) {
      throw new ApiError(400, 'unknown_agent', 'some members are not agents of this org', {
        issues: unknown.map((i) => ({
          path: `body.memberIds.${i}`,
          message: 'not an agent of this org',
        })),
      });
    }
  }

  private async row(orgId: string, id: string) {
    const row = await this.db
      .selectFrom('ring_groups')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('ring group');
    return row;
  }
}
