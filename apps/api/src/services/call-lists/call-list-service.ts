import { randomUUID } from 'node:crypto';
import type {
  CallList,
  CallLog,
  Contact,
  ContactState,
  CreateCallList,
  ListProgress,
  UpdateCallList,
} from '@crokodialer/shared';
import { CreateCallListSchema } from '@crokodialer/shared';
import type { Selectable } from 'kysely';
import type { CallListsTable } from '../../db/call-lists-schema.js';
import type { Db } from '../../db/database.js';
import { ApiError, badRequest, notFound } from '../../errors.js';
import type { Principal } from '../access-tokens.js';
import { requireAdmin } from '../agent-service.js';
import { audit } from '../audit.js';
import { toCallLog } from '../mappers.js';
import { EMPTY_PROGRESS, toCallList, toContact } from './mappers.js';

export type CallListRow = Selectable<CallListsTable>;

export interface ContactPage {
  items: Contact[];
  nextCursor: string | null;
}

/** A contact page cursor is the import position (`seq`) of the page's last contact. */
const encodeSeq = (seq: string): string => Buffer.from(seq).toString('base64url');
function decodeSeq(cursor: string): string {
  const seq = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{1,18}$/.test(seq)) {
    throw badRequest('invalid_cursor', 'the cursor is not one this API returned', {
      issues: [{ path: 'querystring.cursor', message: 'invalid cursor' }],
    });
  }
  return seq;
}

/** Call lists: admins create, import into and assign them; assigned agents read and work them. */
export class CallListService {
  constructor(private readonly db: Db) {}

  async list(p: Principal): Promise<CallList[]> {
    let q = this.db.selectFrom('call_lists').selectAll().where('org_id', '=', p.orgId);
    if (p.role !== 'admin') {
      q = q.where('id', 'in', (eb) =>
        eb
          .selectFrom('call_list_assignments')
          .select('list_id')
          .where('org_id', '=', p.orgId)
          .where('user_id', '=', p.userId),
      );
    }
    const rows = await q.orderBy('name').orderBy('id').execute();
    return Promise.all(rows.map((r) => this.present(r)));
  }

  async get(p: Principal, listId: string): Promise<CallList> {
    return this.present(await this.readable(p, listId));
  }

  async create(p: Principal, input: CreateCallList): Promise<CallList> {
    requireAdmin(p);
    const v = CreateCallListSchema.parse(input);
    const id = randomUUID();
    await this.db
      .insertInto('call_lists')
      .values({
        id,
        org_id: p.orgId,
        name: v.name,
        default_region: v.defaultRegion,
        no_answer_retry_hours: v.retry.noAnswerRetryHours,
        busy_retry_hours: v.retry.busyRetryHours,
        max_attempts: v.retry.maxAttempts,
        hours_start: v.callingHours.start,
        hours_end: v.callingHours.end,
      })
      .execute();
    await audit(this.db, p, 'call-list.created', { type: 'call-list', id }, { name: v.name });
    return this.get(p, id);
  }

  async update(p: Principal, listId: string, input: UpdateCallList): Promise<CallList> {
    requireAdmin(p);
    await this.row(p.orgId, listId);
    await this.db
      .updateTable('call_lists')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.defaultRegion !== undefined && { default_region: input.defaultRegion }),
        ...(input.retry && {
          no_answer_retry_hours: input.retry.noAnswerRetryHours,
          busy_retry_hours: input.retry.busyRetryHours,
          max_attempts: input.retry.maxAttempts,
        }),
        ...(input.callingHours && {
          hours_start: input.callingHours.start,
          hours_end: input.callingHours.end,
        }),
        updated_at: new Date(),
      })
      .where('org_id', '=', p.orgId)
      .where('id', '=', listId)
      .execute();
    await audit(this.db, p, 'call-list.updated', { type: 'call-list', id: listId });
    return this.get(p, listId);
  }

  async remove(p: Principal, listId: string): Promise<void> {
    requireAdmin(p);
    await this.row(p.orgId, listId);
    await this.db
      .deleteFrom('call_lists')
      .where('org_id', '=', p.orgId)
      .where('id', '=', listId)
      .execute();
    await audit(this.db, p, 'call-list.deleted', { type: 'call-list', id: listId });
  }

  /** Replaces the list's agents; every id must be a user of this org. */
  async assign(p: Principal, listId: string, agentIds: string[]): Promise<CallList> {
    requireAdmin(p);
    await this.row(p.orgId, listId);
    const ids = [...new Set(agentIds)];
    if (ids.length > 0) {
      const found = await this.db
        .selectFrom('users')
        .select('id')
        .where('org_id', '=', p.orgId)
        .where('id', 'in', ids)
        .execute();
      const known = new Set(found.map((f) => f.id));
      // Named by position, not id: an error never repeats another org's ids back.
      const unknown = agentIds.flatMap((id, i) => (known.has(id) ? [] : [i]));
      if (unknown.length > 0) {
        throw new ApiError(400, 'unknown_agent', 'some agents are not users of this org', {
          issues: unknown.map((i) => ({ path: `body.agentIds.${i}`, message: 'not in this org' })),
        });
      }
    }
    await this.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('call_list_assignments')
        .where('org_id', '=', p.orgId)
        .where('list_id', '=', listId)
        .execute();
      if (ids.length > 0) {
        await tx
          .insertInto('call_list_assignments')
          .values(ids.map((user_id) => ({ org_id: p.orgId, list_id: listId, user_id })))
          .execute();
      }
    });
    await audit(this.db, p, 'call-list.assigned', { type: 'call-list', id: listId }, { ids });
    return this.get(p, listId);
  }

  async contacts(
    p: Principal,
    listId: string,
    q: { state?: ContactState; cursor?: string; limit: number },
  ): Promise<ContactPage> {
    await this.readable(p, listId);
    let query = this.db
      .selectFrom('contacts')
      .selectAll()
      .where('org_id', '=', p.orgId)
      .where('list_id', '=', listId);
    if (q.state) query = query.where('state', '=', q.state);
    if (q.cursor) query = query.where('seq', '>', decodeSeq(q.cursor));
    const rows = await query
      .orderBy('seq')
      .limit(q.limit + 1)
      .execute();
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      items: page.map(toContact),
      nextCursor: rows.length > q.limit && last ? encodeSeq(String(last.seq)) : null,
    };
  }

  async contact(p: Principal, listId: string, contactId: string): Promise<Contact> {
    await this.readable(p, listId);
    const row = await this.db
      .selectFrom('contacts')
      .selectAll()
      .where('org_id', '=', p.orgId)
      .where('list_id', '=', listId)
      .where('id', '=', contactId)
      .executeTakeFirst();
    if (!row) throw notFound('contact');
    return toContact(row);
  }

  /** A contact's history: its call logs, newest first (nothing is copied beside them). */
  async history(p: Principal, listId: string, contactId: string): Promise<CallLog[]> {
    await this.contact(p, listId, contactId);
    const rows = await this.db
      .selectFrom('call_logs')
      .selectAll()
      .where('org_id', '=', p.orgId)
      .where('contact_id', '=', contactId)
      .orderBy('started_at', 'desc')
      .limit(200)
      .execute();
    return rows.map(toCallLog);
  }

  /** A list the principal may read: any list of the org for admins, assigned ones for agents. */
  async readable(p: Principal, listId: string): Promise<CallListRow> {
    const row = await this.row(p.orgId, listId);
    if (p.role === 'admin') return row;
    await this.requireAssigned(p, listId);
    return row;
  }

  /** A list the principal may claim from: only lists they are assigned to, admins included. */
  async workable(p: Principal, listId: string): Promise<CallListRow> {
    const row = await this.row(p.orgId, listId);
    await this.requireAssigned(p, listId);
    return row;
  }

  async row(orgId: string, listId: string): Promise<CallListRow> {
    const row = await this.db
      .selectFrom('call_lists')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', listId)
      .executeTakeFirst();
    if (!row) throw notFound('call list');
    return row;
  }

  private async requireAssigned(p: Principal, listId: string): Promise<void> {
    const a = await this.db
      .selectFrom('call_list_assignments')
      .select('user_id')
      .where('org_id', '=', p.orgId)
      .where('list_id', '=', listId)
      .where('user_id', '=', p.userId)
      .executeTakeFirst();
    // An agent learns nothing about lists they are not on: the same 404 as a missing list.
    if (!a) throw notFound('call list');
  }

  private async present(r: CallListRow): Promise<CallList> {
    const [agents, counts] = await Promise.all([
      this.db
        .selectFrom('call_list_assignments')
        .select('user_id')
        .where('org_id', '=', r.org_id)
        .where('list_id', '=', r.id)
        .orderBy('user_id')
        .execute(),
      this.db
        .selectFrom('contacts')
        .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
        .where('org_id', '=', r.org_id)
        .where('list_id', '=', r.id)
        .groupBy('state')
        .execute(),
    ]);
    const progress: ListProgress = { ...EMPTY_PROGRESS };
    for (const c of counts) {
      progress[c.state] = Number(c.n);
      progress.total += Number(c.n);
    }
    return toCallList(
      r,
      agents.map((a) => a.user_id),
      progress,
    );
  }
}
