import { randomUUID } from 'node:crypto';
import type { Callback, ScheduleCallback, UpdateCallback } from '@crokodialer/shared';
import type { CallbackQuerySchema } from '@crokodialer/shared';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import { badRequest, forbidden, notFound } from '../../errors.js';
import type { Principal } from '../access-tokens.js';
import { audit } from '../audit.js';
import { dueAtOf } from './callback-time.js';
import type { CallListService } from './call-list-service.js';
import { e164Of } from './dnc-service.js';
import { toCallback } from './mappers.js';
import type { Clock } from './timezones.js';

type CallbackQuery = z.output<typeof CallbackQuerySchema>;
type Tx = Pick<Db, 'insertInto' | 'updateTable'>;

/**
 * Stores a callback owned by `ownerId`; a contact waits for it (no retry is due meanwhile), so
 * only its owner's claim returns it, once due (docs/call-lists.md#claim-and-lease).
 */
export async function insertCallback(
  db: Tx,
  v: {
    orgId: string;
    ownerId: string;
    contactId: string | null;
    phone: string;
    dueAt: Date;
    note: string | null;
  },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('callbacks')
    .values({
      id,
      org_id: v.orgId,
      contact_id: v.contactId,
      phone: v.phone,
      owner_id: v.ownerId,
      due_at: v.dueAt,
      note: v.note,
    })
    .execute();
  if (v.contactId) {
    await db
      .updateTable('contacts')
      .set({ state: 'in_progress', next_attempt_at: null, updated_at: new Date() })
      .where('org_id', '=', v.orgId)
      .where('id', '=', v.contactId)
      .where('state', '!=', 'removed')
      .execute();
  }
  return id;
}

/** Callbacks: owned by the agent who scheduled them; admins see all and reassign. */
export class CallbackService {
  constructor(
    private readonly db: Db,
    private readonly lists: CallListService,
    private readonly clock: Clock,
  ) {}

  async schedule(p: Principal, input: ScheduleCallback): Promise<Callback> {
    const dueAt = dueAtOf(input.when, 'body.when');
    let phone: string;
    let contactId: string | null = null;
    if (input.contactId) {
      const c = await this.db
        .selectFrom('contacts')
        .select(['id', 'list_id', 'phone'])
        .where('org_id', '=', p.orgId)
        .where('id', '=', input.contactId)
        .executeTakeFirst();
      if (!c) throw notFound('contact');
      await this.lists.readable(p, c.list_id);
      contactId = c.id;
      phone = c.phone;
    } else if (input.phone) {
      phone = e164Of(input.phone, undefined, 'body.phone');
    } else {
      throw badRequest('invalid_input', 'send contactId or phone', {
        issues: [{ path: 'body', message: 'send contactId or phone' }],
      });
    }
    const id = await this.db.transaction().execute((tx) =>
      insertCallback(tx, {
        orgId: p.orgId,
        ownerId: p.userId,
        contactId,
        phone,
        dueAt,
        note: input.note ?? null,
      }),
    );
    return this.get(p, id);
  }

  async list(p: Principal, q: CallbackQuery): Promise<Callback[]> {
    let query = this.select(p.orgId).where('cb.status', '=', q.status);
    if (p.role !== 'admin') query = query.where('cb.owner_id', '=', p.userId);
    else if (q.ownerId) query = query.where('cb.owner_id', '=', q.ownerId);
    if (q.dueWithinMinutes !== undefined) {
      const until = new Date(this.clock().getTime() + q.dueWithinMinutes * 60_000);
      query = query.where('cb.due_at', '<=', until);
    }
    const rows = await query.orderBy('cb.due_at').orderBy('cb.id').limit(q.limit).execute();
    return rows.map(toCallback);
  }

  async get(p: Principal, id: string): Promise<Callback> {
    const row = await this.select(p.orgId).where('cb.id', '=', id).executeTakeFirst();
    // Another agent's callback is as invisible to an agent as another org's.
    if (!row || (p.role !== 'admin' && row.owner_id !== p.userId)) throw notFound('callback');
    return toCallback(row);
  }

  async update(p: Principal, id: string, input: UpdateCallback): Promise<Callback> {
    await this.get(p, id);
    if (input.ownerId !== undefined) {
      if (p.role !== 'admin') throw forbidden('only an admin can reassign a callback');
      const owner = await this.db
        .selectFrom('users')
        .select('id')
        .where('org_id', '=', p.orgId)
        .where('id', '=', input.ownerId)
        .executeTakeFirst();
      if (!owner) {
        throw badRequest('unknown_agent', 'the new owner is not a user of this org', {
          issues: [{ path: 'body.ownerId', message: 'not in this org' }],
        });
      }
    }
    await this.db
      .updateTable('callbacks')
      .set({
        ...(input.ownerId !== undefined && { owner_id: input.ownerId }),
        ...(input.status !== undefined && { status: input.status }),
        updated_at: sql<Date>`now()`,
      })
      .where('org_id', '=', p.orgId)
      .where('id', '=', id)
      .execute();
    await audit(this.db, p, 'callback.updated', { type: 'callback', id }, { ...input });
    return this.get(p, id);
  }

  private select(orgId: string) {
    return this.db
      .selectFrom('callbacks as cb')
      .leftJoin('contacts as c', (j) =>
        j.onRef('c.id', '=', 'cb.contact_id').on('c.org_id', '=', orgId),
      )
      .selectAll('cb')
      .select('c.list_id')
      .where('cb.org_id', '=', orgId);
  }
}
