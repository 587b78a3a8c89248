import type { CallLog } from '@crokodialer/shared';
import type { Db } from '../db/database.js';
import type { CallLogRow } from '../db/schema.js';
import { notFound } from '../errors.js';
import type { Principal } from './access-tokens.js';
import { mergeCallLog } from './call-log-service.js';
import { toCallLog } from './mappers.js';

/** The desktop's report of one call, as call-log columns (CallLogService.upsert builds it). */
export type AgentReport = Omit<
  CallLogRow,
  'id' | 'org_id' | 'route' | 'contact_id' | 'created_at' | 'updated_at'
>;

/**
 * A routed inbound call is one call log, whoever its agents' apps report. The router rings each
 * agent on a leg of its own (recorded in inbound_call_legs), and an agent's app files that leg
 * under a call-log id of its own, carrying the leg's call control id. Such a report is folded into
 * the routed call's record: the answering agent's report fills it (disposition, notes), and the
 * legs of agents who declined or let it ring add nothing (the route lists them). Returns undefined
 * when the report is not about a routed leg.
 */
export async function foldRoutedLeg(
  db: Db,
  p: Principal,
  report: AgentReport,
  reportId: string,
): Promise<{ created: boolean; log: CallLog } | undefined> {
  const ccid = report.telnyx_call_control_id;
  if (report.direction !== 'inbound' || ccid === null) return undefined;
  const leg = await db
    .selectFrom('inbound_call_legs')
    .innerJoin('inbound_calls', 'inbound_calls.id', 'inbound_call_legs.inbound_call_id')
    .select([
      'inbound_call_legs.agent_id',
      'inbound_calls.id',
      'inbound_calls.call_control_id',
      'inbound_calls.agent_call_control_id',
      'inbound_calls.answered_by',
      'inbound_calls.from_number',
      'inbound_calls.to_number',
      'inbound_calls.started_at',
    ])
    .where('inbound_call_legs.org_id', '=', p.orgId)
    .where('inbound_call_legs.call_control_id', '=', ccid)
    .executeTakeFirst();
  if (!leg) return undefined;
  if (leg.agent_id !== p.userId) throw notFound('call log');
  // The app's first report of a leg can beat the router's record of it (the INVITE reaches the
  // agent before the dial command's answer is stored), and was then filed on its own: that early
  // record of this same leg goes, so the routed call stays one call log.
  await db
    .deleteFrom('call_logs')
    .where('id', '=', reportId)
    .where('id', '!=', leg.id)
    .where('org_id', '=', p.orgId)
    .where('agent_id', '=', p.userId)
    .where('telnyx_call_control_id', '=', ccid)
    .execute();
  // The routed call's parties, not the leg's (whose far end is the agent's own SIP address).
  const routed = {
    ...report,
    agent_id: p.userId,
    from_number: leg.from_number,
    to_number: leg.to_number,
    started_at: leg.started_at,
    telnyx_call_control_id: leg.call_control_id,
    telnyx_call_session_id: null,
    telnyx_call_leg_id: null,
  };
  const answeredHere = leg.answered_by === p.userId && leg.agent_call_control_id === ccid;
  if (!answeredHere) {
    // Nothing of a declined or unanswered leg goes on record beyond the route; the app is told
    // its report landed, as the routed call it belongs to.
    const now = new Date();
    return {
      created: false,
      log: toCallLog({
        ...routed,
        id: leg.id,
        org_id: p.orgId,
        route: null,
        contact_id: null,
        created_at: now,
        updated_at: now,
      }),
    };
  }
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('call_logs')
      .values({ id: leg.id, org_id: p.orgId, ...routed })
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { created: true, log: toCallLog(inserted) };
    const row = await trx
      .selectFrom('call_logs')
      .selectAll()
      .where('id', '=', leg.id)
      .where('org_id', '=', p.orgId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const changes = mergeCallLog(row, routed);
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
