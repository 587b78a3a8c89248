import type { ClaimResponse, CompleteAttempt, Contact, ContactState } from '@crokodialer/shared';
import { ClaimReasonSchema } from '@crokodialer/shared';
import { sql, type RawBuilder, type Selectable, type UpdateObject } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { z } from 'zod';
import type { ContactsTable } from '../../db/call-lists-schema.js';
import type { Db } from '../../db/database.js';
import { ApiError, badRequest, notFound } from '../../errors.js';
import type { Principal } from '../access-tokens.js';
import { dueAtOf } from './callback-time.js';
import { insertCallback } from './callback-service.js';
import type { CallListRow, CallListService } from './call-list-service.js';
import { addToDnc } from './dnc-service.js';
import { toContact } from './mappers.js';
import { zonesOutsideHours, type Clock } from './timezones.js';

type ClaimReason = z.infer<typeof ClaimReasonSchema>;
type ContactRow = Selectable<ContactsTable>;

/** How long a claim holds a contact unless renewed (docs/call-lists.md#claim-and-lease). */
export const DEFAULT_LEASE_MS = 5 * 60_000;

const leaseLost = () =>
  new ApiError(
    409,
    'lease_lost',
    'you no longer hold this contact (its lease ran out and another agent took it, or it was removed)',
  );

/**
 * The agent's queue over a call list. Each claim is one statement,
 * `UPDATE contacts … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING *`, tried per
 * queue in order (due callbacks, due retries, untouched contacts): a row another claim holds is
 * skipped rather than waited for, and no two claims can return the same contact.
 */
export class ContactQueue {
  constructor(
    private readonly db: Db,
    private readonly lists: CallListService,
    private readonly clock: Clock,
    private readonly leaseMs = DEFAULT_LEASE_MS,
  ) {}

  async claim(p: Principal, listId: string): Promise<ClaimResponse> {
    const list = await this.lists.workable(p, listId);
    const now = this.clock();
    for (const reason of ClaimReasonSchema.options) {
      const claimed = await this.claimFrom(reason, p, list, now);
      if (claimed) {
        return {
          contact: toContact(claimed.row),
          reason,
          callbackId: claimed.callbackId,
          nextDueAt: null,
        };
      }
    }
    return {
      contact: null,
      reason: null,
      callbackId: null,
      nextDueAt: await this.nextDue(p, list),
    };
  }

  private async claimFrom(
    reason: ClaimReason,
    p: Principal,
    list: CallListRow,
    now: Date,
  ): Promise<{ row: ContactRow; callbackId: string | null } | null> {
    const until = new Date(now.getTime() + this.leaseMs);
    const outside = zonesOutsideHours(now, { start: list.hours_start, end: list.hours_end });
    // A contact is callable when no zone it may be in is outside hours; with no zone, UTC decides.
    const utcOutside = outside.includes('UTC');
    const callable = sql`
      c.org_id = ${p.orgId} and c.list_id = ${list.id}
      and (c.lease_expires_at is null or c.lease_expires_at <= ${now})
      and not exists (select 1 from dnc d where d.org_id = c.org_id and d.phone = c.phone)
      and not (c.timezones && ${outside}::text[])
      and (cardinality(c.timezones) > 0 or ${!utcOutside})`;
    const pick: Record<ClaimReason, RawBuilder<unknown>> = {
      callback: sql`
        select c.id from callbacks cb join contacts c on c.id = cb.contact_id
        where cb.org_id = ${p.orgId} and cb.owner_id = ${p.userId} and cb.status = 'scheduled'
          and cb.due_at <= ${now} and c.state = 'in_progress' and ${callable}
        order by cb.due_at limit 1 for update of c skip locked`,
      retry: sql`
        select c.id from contacts c
        where c.state = 'in_progress' and c.next_attempt_at <= ${now} and ${callable}
        order by c.next_attempt_at limit 1 for update skip locked`,
      new: sql`
        select c.id from contacts c
        where c.state = 'untouched' and ${callable}
        order by c.seq limit 1 for update skip locked`,
    };
    // next_attempt_at = now: should the lease run out, the contact is a retry due from then. A
    // callback's contact keeps null, so it stays its owner's.
    const next = reason === 'callback' ? sql`null` : sql`${now}::timestamptz`;
    const { rows } = await sql<ContactRow>`
      update contacts set state = 'in_progress', lease_owner = ${p.userId},
        lease_expires_at = ${until}, next_attempt_at = ${next}, updated_at = ${now}
      where id = (${pick[reason]})
      returning *`.execute(this.db);
    const row = rows[0];
    if (!row) return null;
    if (reason !== 'callback') return { row, callbackId: null };
    const cb = await this.dueCallback(p, row.id, now);
    return { row, callbackId: cb?.id ?? null };
  }

  /** When this agent's next retry or callback on the list falls due (null: none is waiting). */
  private async nextDue(p: Principal, list: CallListRow): Promise<string | null> {
    const { rows } = await sql<{ at: Date | null }>`
      select least(
        (select min(next_attempt_at) from contacts
          where org_id = ${p.orgId} and list_id = ${list.id} and state = 'in_progress'),
        (select min(cb.due_at) from callbacks cb join contacts c on c.id = cb.contact_id
          where cb.org_id = ${p.orgId} and cb.owner_id = ${p.userId} and cb.status = 'scheduled'
            and c.list_id = ${list.id})
      ) as at`.execute(this.db);
    return rows[0]?.at ? new Date(rows[0].at).toISOString() : null;
  }

  /** Extends the caller's lease; still theirs if it ran out and nobody else took it. */
  async renew(p: Principal, listId: string, contactId: string): Promise<Contact> {
    await this.lists.workable(p, listId);
    const until = new Date(this.clock().getTime() + this.leaseMs);
    return this.updateHeld(p, listId, contactId, { lease_expires_at: until });
  }

  /** Gives the contact back without an attempt (a skip), due again after `delayMinutes`. */
  async release(
    p: Principal,
    listId: string,
    contactId: string,
    delayMinutes: number,
  ): Promise<Contact> {
    await this.lists.workable(p, listId);
    const now = this.clock();
    return this.updateHeld(p, listId, contactId, {
      lease_owner: null,
      lease_expires_at: null,
      // A callback's contact stays waiting for its callback.
      next_attempt_at: sql<Date | null>`case when next_attempt_at is null then null
        else ${new Date(now.getTime() + delayMinutes * 60_000)}::timestamptz end`,
      updated_at: now,
    });
  }

  /** Changes a contact only while this agent holds its lease; otherwise says why not. */
  private async updateHeld(
    p: Principal,
    listId: string,
    contactId: string,
    set: UpdateObject<Database, 'contacts'>,
  ): Promise<Contact> {
    const row = await this.db
      .updateTable('contacts')
      .set(set)
      .where('org_id', '=', p.orgId)
      .where('list_id', '=', listId)
      .where('id', '=', contactId)
      .where('lease_owner', '=', p.userId)
      .where('state', '=', 'in_progress')
      .returningAll()
      .executeTakeFirst();
    if (!row) throw await this.whyNotHeld(p, listId, contactId);
    return toContact(row);
  }

  /** Records an attempt's outcome and ends the lease (docs/call-lists.md#rules). */
  async complete(
    p: Principal,
    listId: string,
    contactId: string,
    input: CompleteAttempt,
  ): Promise<Contact> {
    const list = await this.lists.workable(p, listId);
    const now = this.clock();
    if (input.callback && (input.outcome === 'do-not-call' || input.outcome === 'wrong-number')) {
      throw badRequest('invalid_input', 'a callback cannot follow a do-not-call or wrong-number', {
        issues: [{ path: 'body.callback', message: 'not with this outcome' }],
      });
    }
    const callbackDue = input.callback ? dueAtOf(input.callback.when, 'body.callback.when') : null;
    const row = await this.db.transaction().execute(async (tx) => {
      const c = await tx
        .selectFrom('contacts')
        .selectAll()
        .where('org_id', '=', p.orgId)
        .where('list_id', '=', listId)
        .where('id', '=', contactId)
        .forUpdate()
        .executeTakeFirst();
      if (!c) throw notFound('contact');
      if (c.lease_owner !== p.userId || c.state !== 'in_progress') throw leaseLost();
      if (input.callLogId) {
        const linked = await tx
          .updateTable('call_logs')
          .set({ contact_id: contactId })
          .where('org_id', '=', p.orgId)
          .where('id', '=', input.callLogId)
          .where('agent_id', '=', p.userId)
          .executeTakeFirst();
        if (linked.numUpdatedRows === 0n) {
          throw notFound('call log (post it to /api/call-logs before completing the attempt)');
        }
      }
      // This attempt answers the agent's due callbacks on the contact.
      await tx
        .updateTable('callbacks')
        .set({ status: 'done', updated_at: now })
        .where('org_id', '=', p.orgId)
        .where('contact_id', '=', contactId)
        .where('owner_id', '=', p.userId)
        .where('status', '=', 'scheduled')
        .where('due_at', '<=', now)
        .execute();
      const attempts = c.attempts + 1;
      const { state, nextAttemptAt } = nextState(list, input.outcome, attempts, now);
      const updated = await tx
        .updateTable('contacts')
        .set({
          state,
          attempts,
          next_attempt_at: nextAttemptAt,
          lease_owner: null,
          lease_expires_at: null,
          updated_at: now,
        })
        .where('id', '=', contactId)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (input.outcome === 'do-not-call') {
        await addToDnc(tx, p.orgId, c.phone, p.userId, 'asked during a call');
      }
      if (callbackDue) {
        await insertCallback(tx, {
          orgId: p.orgId,
          ownerId: p.userId,
          contactId,
          phone: c.phone,
          dueAt: callbackDue,
          note: input.callback?.note ?? null,
        });
      }
      return updated;
    });
    return input.callback || input.outcome === 'do-not-call'
      ? this.lists.contact(p, listId, contactId)
      : toContact(row);
  }

  private async whyNotHeld(p: Principal, listId: string, contactId: string): Promise<ApiError> {
    const c = await this.db
      .selectFrom('contacts')
      .select('id')
      .where('org_id', '=', p.orgId)
      .where('list_id', '=', listId)
      .where('id', '=', contactId)
      .executeTakeFirst();
    return c ? leaseLost() : notFound('contact');
  }

  private async dueCallback(p: Principal, contactId: string, now: Date) {
    return this.db
      .selectFrom('callbacks')
      .select('id')
      .where('org_id', '=', p.orgId)
      .where('contact_id', '=', contactId)
      .where('owner_id', '=', p.userId)
      .where('status', '=', 'scheduled')
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .executeTakeFirst();
  }
}

/** The retry policy: what an outcome after `attempts` attempts makes of the contact. */
export function nextState(
  list: CallListRow,
  outcome: CompleteAttempt['outcome'],
  attempts: number,
  now: Date,
): { state: ContactState; nextAttemptAt: Date | null } {
  switch (outcome) {
    case 'reached':
      return { state: 'reached', nextAttemptAt: null };
    case 'wrong-number':
    case 'do-not-call':
      return { state: 'removed', nextAttemptAt: null };
    case 'no-answer':
    case 'busy':
    case 'failed': {
      if (attempts >= list.max_attempts) return { state: 'exhausted', nextAttemptAt: null };
      const hours = outcome === 'busy' ? list.busy_retry_hours : list.no_answer_retry_hours;
      return { state: 'in_progress', nextAttemptAt: new Date(now.getTime() + hours * 3_600_000) };
    }
  }
}
