import {
  mergeCallStatus,
  type CallLog,
  type CallLogPage,
  type CallLogQuerySchema,
  type CallStats,
  type CallStatus,
  type UpdateCallLog,
  type UpsertCallLogSchema,
} from '@crokodialer/shared';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../db/database.js';
import type { CallLogRow, Database } from '../db/schema.js';
import { notFound } from '../errors.js';
import type { Principal } from './access-tokens.js';
import { callStats, callStatsQuery, type CallStatsQuery } from './call-stats.js';
import { decodeCursor, encodeCursor, timeOf } from './keyset-cursor.js';
import { toCallLog } from './mappers.js';
import type { OrgSettingsService } from './org-settings-service.js';
import { foldRoutedLeg } from './routed-call-logs.js';

type Upsert = z.output<typeof UpsertCallLogSchema>;
export type CallLogFilter = z.output<typeof CallLogQuerySchema>;

const date = (s: string | null | undefined, path: string): Date | null =>
  s === undefined || s === null ? null : timeOf(s, path);

/** Talk time from answer to end, when both are known and the client gave none. */
export function durationOf(answeredAt: Date | null, endedAt: Date | null): number | null {
  if (!answeredAt || !endedAt) return null;
  return Math.max(0, Math.round((endedAt.getTime() - answeredAt.getTime()) / 1000));
}

/**
 * Merges an incoming report into a stored call log. Status only moves forward (call-status-order.ts);
 * facts already recorded are kept, blanks are filled — so a retry or a late duplicate changes nothing.
 * One exception: a record a webhook started (no agent yet) takes the parties from the first agent's
 * report, whichever came first: a webhook sees the agent's own leg, whose far end may be the
 * agent's SIP address, while the agent's app knows who called whom.
 */
export function mergeCallLog(row: CallLogRow, inc: Partial<CallLogRow>): Partial<CallLogRow> {
  const status = mergeCallStatus(
    row.status as CallStatus,
    (inc.status ?? row.status) as CallStatus,
  );
  const out: Partial<CallLogRow> = {};
  if (status !== row.status) out.status = status;
  if (row.agent_id === null && inc.agent_id) {
    for (const k of ['direction', 'from_number', 'to_number', 'started_at'] as const) {
      if (inc[k] !== undefined && inc[k] !== null) Object.assign(out, { [k]: inc[k] });
    }
  }
  const fill = <K extends keyof CallLogRow>(k: K) => {
    const v = inc[k];
    if (row[k] === null && v !== undefined && v !== null) out[k] = v;
  };
  (
    [
      'agent_id',
      'disposition',
      'notes',
      'answered_at',
      'ended_at',
      'duration_seconds',
      'hangup_cause',
      'telnyx_call_control_id',
      'telnyx_call_session_id',
      'telnyx_call_leg_id',
    ] as const
  ).forEach(fill);
  const answered = out.answered_at ?? row.answered_at;
  const ended = out.ended_at ?? row.ended_at;
  if (row.duration_seconds === null && out.duration_seconds === undefined) {
    const d = durationOf(answered, ended);
    if (d !== null) out.duration_seconds = d;
  }
  return out;
}

export class CallLogService {
  constructor(
    private readonly db: Db,
    private readonly settings: Pick<OrgSettingsService, 'checkDisposition'>,
  ) {}

  /** Idempotent upsert by the client's UUID. Returns whether this request created the record. */
  async upsert(p: Principal, input: Upsert): Promise<{ created: boolean; log: CallLog }> {
    // No disposition check here: the desktop's outbox retries an upsert until it lands, and a
    // disposition valid when the agent chose it must not become a poison message if an admin later
    // edits the list. Interactive edits (PATCH) are checked.
    const answeredAt = date(input.answeredAt, 'body.answeredAt');
    const endedAt = date(input.endedAt, 'body.endedAt');
    const incoming = {
      agent_id: p.userId,
      direction: input.direction,
      from_number: input.from,
      to_number: input.to,
      status: input.status,
      disposition: input.disposition ?? null,
      notes: input.notes ?? null,
      started_at: timeOf(input.startedAt, 'body.startedAt'),
      answered_at: answeredAt,
      ended_at: endedAt,
      duration_seconds: input.durationSeconds ?? durationOf(answeredAt, endedAt),
      telnyx_call_control_id: input.telnyxCallControlId ?? null,
      telnyx_call_session_id: input.telnyxCallSessionId ?? null,
      telnyx_call_leg_id: input.telnyxCallLegId ?? null,
      hangup_cause: input.hangupCause ?? null,
    };
    const folded = await foldRoutedLeg(this.db, p, incoming, input.id);
    if (folded) return folded;
    // The common case, a new call, is one statement on its own: no transaction round trips.
    // Concurrent duplicates: one insert wins; the others wait on the primary key, then merge below.
    const inserted = await this.db
      .insertInto('call_logs')
      .values({ id: input.id, org_id: p.orgId, ...incoming })
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { created: true, log: toCallLog(inserted) };
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('call_logs')
        .selectAll()
        .where('id', '=', input.id)
        .forUpdate()
        .executeTakeFirst();
      // Someone else's id (another org, or another agent's call) is not found, never overwritten.
      if (!row || row.org_id !== p.orgId) throw notFound('call log');
      if (row.agent_id !== null && row.agent_id !== p.userId && p.role !== 'admin')
        throw notFound('call log');
      const changes = mergeCallLog(row, incoming);
      if (Object.keys(changes).length === 0) return { created: false, log: toCallLog(row) };
      const updated = await trx
        .updateTable('call_logs')
        .set({ ...changes, updated_at: new Date() })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { created: false, log: toCallLog(updated) };
    });
  }

  async get(p: Principal, id: string): Promise<CallLog> {
    const row = await this.visible(p).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('call log');
    return toCallLog(row);
  }

  async update(p: Principal, id: string, input: UpdateCallLog): Promise<CallLog> {
    await this.get(p, id);
    await this.settings.checkDisposition(p.orgId, input.disposition);
    const set: Partial<CallLogRow> = {};
    if (input.disposition !== undefined) set.disposition = input.disposition;
    if (input.notes !== undefined) set.notes = input.notes;
    const row = await this.db
      .updateTable('call_logs')
      .set({ ...set, updated_at: new Date() })
      .where('org_id', '=', p.orgId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toCallLog(row);
  }

  /** The statement behind a page: one row past the limit tells whether another page follows. */
  listQuery(p: Principal, f: CallLogFilter) {
    return this.filtered(p, f).limit(f.limit + 1);
  }

  async list(p: Principal, f: CallLogFilter): Promise<CallLogPage> {
    const rows = await this.listQuery(p, f).execute();
    const page = rows.slice(0, f.limit);
    const last = page.at(-1);
    return {
      items: page.map(toCallLog),
      nextCursor:
        rows.length > f.limit && last ? encodeCursor({ at: last.started_at, id: last.id }) : null,
    };
  }

  /** Calls by outcome, answer rate and talk time (call-stats.ts). */
  stats(p: Principal, q: CallStatsQuery): Promise<CallStats> {
    return callStats(this.db, p, q);
  }

  /** The statement behind `stats`, for plan checks. */
  statsQuery(p: Principal, q: CallStatsQuery) {
    return callStatsQuery(this.db, p, q);
  }

  /** Every matching row, newest first, fetched a page at a time (for the streamed CSV export). */
  async *iterate(
    p: Principal,
    f: Omit<CallLogFilter, 'limit' | 'cursor'>,
    pageSize = 500,
  ): AsyncGenerator<CallLogRow> {
    let cursor: string | undefined;
    for (;;) {
      const rows = await this.filtered(p, { ...f, limit: pageSize, cursor })
        .limit(pageSize)
        .execute();
      yield* rows;
      const last = rows.at(-1);
      if (rows.length < pageSize || !last) return;
      cursor = encodeCursor({ at: last.started_at, id: last.id });
    }
  }

  /** Rows the principal may see: the org's for admins, their own for agents. */
  private visible(p: Principal) {
    let q = this.db.selectFrom('call_logs').selectAll().where('org_id', '=', p.orgId);
    if (p.role !== 'admin') q = q.where('agent_id', '=', p.userId);
    return q;
  }

  private filtered(p: Principal, f: CallLogFilter) {
    let q = this.visible(p);
    if (f.agentId) q = q.where('agent_id', '=', f.agentId);
    if (f.direction) q = q.where('direction', '=', f.direction);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.disposition) q = q.where('disposition', '=', f.disposition);
    if (f.from) q = q.where('started_at', '>=', timeOf(f.from, 'querystring.from'));
    if (f.to) q = q.where('started_at', '<', timeOf(f.to, 'querystring.to'));
    if (f.number) {
      const prefix = `${f.number}%`; // only + and digits (validated), so no LIKE escaping needed
      q = q.where((eb) =>
        eb.or([eb('from_number', 'like', prefix), eb('to_number', 'like', prefix)]),
      );
    }
    if (f.cursor) {
      const c = decodeCursor(f.cursor);
      q = q.where((eb) => before(eb, c.at, c.id));
    }
    return q.orderBy('started_at', 'desc').orderBy('id', 'desc');
  }
}

/** (started_at, id) < (cursor) — a row-value comparison the composite index serves. */
function before(
  eb: ExpressionBuilder<Database, 'call_logs'>,
  startedAt: Date,
  id: string,
): Expression<SqlBool> {
  return sql<SqlBool>`(${eb.ref('started_at')}, ${eb.ref('id')}) < (${startedAt}, ${id}::uuid)`;
}
