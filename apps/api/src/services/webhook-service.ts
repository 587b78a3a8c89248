import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { CallLogRow } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { mergeCallLog } from './call-log-service.js';
import type { InboundRouter } from './inbound-router.js';
import { verifyTelnyxSignature } from './webhook-signature.js';
import { statusFromWebhook } from './webhook-status.js';

interface TelnyxEvent {
  id: string;
  eventType: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: unknown): string | null =>
  typeof v === 'string' && v.length > 0 && v.length <= 256 ? v : null;

/** The call log id the desktop put in client_state: as-is, or base64 as Telnyx carries it. */
export function callLogIdFromClientState(clientState: unknown): string | null {
  const s = str(clientState);
  if (!s) return null;
  if (UUID.test(s)) return s.toLowerCase();
  const decoded = Buffer.from(s, 'base64').toString('utf8').trim();
  return UUID.test(decoded) ? decoded.toLowerCase() : null;
}

function parseEvent(rawBody: Buffer): TelnyxEvent {
  let body: unknown;
  let nul = false;
  try {
    // PostgreSQL text cannot hold U+0000, so an event carrying one is refused before any query.
    body = JSON.parse(rawBody.toString('utf8'), (key, value: unknown) => {
      if (key.includes('\u0000') || (typeof value === 'string' && value.includes('\u0000')))
        nul = true;
      return value;
    });
  } catch {
    throw new ApiError(400, 'invalid_json', 'the webhook body is not JSON');
  }
  if (nul) throw new ApiError(400, 'invalid_webhook', 'the webhook carries a NUL character');
  const data = (body as { data?: unknown } | null)?.data as Record<string, unknown> | undefined;
  const id = str(data?.id);
  const eventType = str(data?.event_type);
  const payload = data?.payload;
  if (!data || !id || !eventType || typeof payload !== 'object' || payload === null) {
    throw new ApiError(
      400,
      'invalid_webhook',
      'expected {data:{id, event_type, payload}} (docs/telnyx-protocol.md#webhook-events)',
    );
  }
  const occurred = new Date(typeof data.occurred_at === 'string' ? data.occurred_at : NaN);
  return {
    id,
    eventType,
    occurredAt: Number.isNaN(occurred.getTime()) ? new Date() : occurred,
    payload: payload as Record<string, unknown>,
  };
}

/** De-duplication only needs to outlast Telnyx's redelivery window (hours), so old ids go. */
export const WEBHOOK_DEDUP_DAYS = 7;

export async function pruneWebhookEvents(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - WEBHOOK_DEDUP_DAYS * 86_400_000);
  const res = await db
    .deleteFrom('webhook_events')
    .where('received_at', '<', cutoff)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Signed Telnyx Call Control webhooks → call-log reconciliation; duplicates and reordering are safe. */
export class WebhookService {
  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, 'webhookToleranceSeconds'>,
    private readonly router: InboundRouter,
  ) {}

  async receive(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<{ duplicate: boolean; handled: boolean }> {
    const signature = headers['telnyx-signature-ed25519'];
    const timestamp = headers['telnyx-timestamp'];
    if (typeof signature !== 'string' || typeof timestamp !== 'string') {
      throw new ApiError(
        400,
        'missing_signature',
        'telnyx-signature-ed25519 and telnyx-timestamp headers are required',
      );
    }
    const event = parseEvent(rawBody);
    const org = await this.orgOf(event.payload);
    if (!org?.telnyx_public_key) {
      throw new ApiError(
        401,
        'invalid_signature',
        'cannot verify this webhook: no org with a Telnyx public key matches it',
      );
    }
    const check = verifyTelnyxSignature({
      rawBody,
      signature,
      timestamp,
      publicKeyBase64: org.telnyx_public_key,
      toleranceSeconds: this.config.webhookToleranceSeconds,
    });
    if (!check.ok) {
      const message =
        check.reason === 'stale'
          ? 'webhook timestamp is outside the 300 s tolerance'
          : 'webhook signature is invalid';
      throw new ApiError(
        401,
        check.reason === 'stale' ? 'stale_webhook' : 'invalid_signature',
        message,
      );
    }
    if (org.routed) return this.route(org.org_id, event);
    return this.db.transaction().execute(async (trx) => {
      const fresh = await trx
        .insertInto('webhook_events')
        .values({ event_id: event.id, org_id: org.org_id, event_type: event.eventType })
        .onConflict((oc) => oc.column('event_id').doNothing())
        .executeTakeFirst();
      if (fresh.numInsertedOrUpdatedRows === 0n) return { duplicate: true, handled: false };
      const handled = await this.reconcile(trx, org.org_id, event);
      return { duplicate: false, handled };
    });
  }

  /**
   * Events of the org's Call Control application drive inbound routing. The event id is recorded
   * first (a duplicate is ignored); if routing fails it is forgotten again, so Telnyx's retry of
   * the same event runs it once more.
   */
  private async route(orgId: string, event: TelnyxEvent) {
    const fresh = await this.db
      .insertInto('webhook_events')
      .values({ event_id: event.id, org_id: orgId, event_type: event.eventType })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .executeTakeFirst();
    if (fresh.numInsertedOrUpdatedRows === 0n) return { duplicate: true, handled: false };
    try {
      return { duplicate: false, handled: await this.router.handle(orgId, event) };
    } catch (err) {
      await this.db.deleteFrom('webhook_events').where('event_id', '=', event.id).execute();
      throw err;
    }
  }

  /**
   * Which org sent this: its Call Control application (`routed`), its credential connection, else
   * the call log named by client_state / call control id.
   */
  private async orgOf(payload: Record<string, unknown>) {
    const connectionId = str(payload.connection_id);
    const q = this.db
      .selectFrom('org_settings')
      .select(['org_id', 'telnyx_public_key', sql<boolean>`false`.as('routed')]);
    if (connectionId) {
      const byApp = await this.db
        .selectFrom('org_settings')
        .select(['org_id', 'telnyx_public_key', sql<boolean>`true`.as('routed')])
        .where('call_control_app_id', '=', connectionId)
        .executeTakeFirst();
      if (byApp) return byApp;
      const byConnection = await q
        .where('credential_connection_id', '=', connectionId)
        .executeTakeFirst();
      if (byConnection) return byConnection;
    }
    const logId = callLogIdFromClientState(payload.client_state);
    const ccid = str(payload.call_control_id);
    if (!logId && !ccid) return undefined;
    const log = await this.db
      .selectFrom('call_logs')
      .select('org_id')
      .where((eb) => (logId ? eb('id', '=', logId) : eb('telnyx_call_control_id', '=', ccid)))
      .executeTakeFirst();
    return log ? q.where('org_id', '=', log.org_id).executeTakeFirst() : undefined;
  }

  private async reconcile(trx: Db, orgId: string, event: TelnyxEvent): Promise<boolean> {
    if (
      !['call.initiated', 'call.answered', 'call.bridged', 'call.hangup'].includes(event.eventType)
    )
      return false;
    const p = event.payload;
    const logId = callLogIdFromClientState(p.client_state);
    const ccid = str(p.call_control_id);
    let row: CallLogRow | undefined;
    if (logId) {
      row = await trx
        .selectFrom('call_logs')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('id', '=', logId)
        .forUpdate()
        .executeTakeFirst();
    }
    if (!row && ccid) {
      row = await trx
        .selectFrom('call_logs')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('telnyx_call_control_id', '=', ccid)
        .orderBy('started_at', 'desc')
        .forUpdate()
        .executeTakeFirst();
    }
    if (!row) {
      // The webhook beat the desktop's upsert: start the record; the desktop fills in the agent.
      if (!logId) return false;
      const from = str(p.from) ?? 'unknown';
      const to = str(p.to) ?? 'unknown';
      // Telnyx's `direction` is from Telnyx's side (docs/telnyx-protocol.md#webhook-events, a
      // guess): SDK calls arrive "incoming".
      const direction = p.direction === 'outgoing' ? 'inbound' : 'outbound';
      const inserted = await trx
        .insertInto('call_logs')
        .values({
          id: logId,
          org_id: orgId,
          agent_id: null,
          direction,
          from_number: from,
          to_number: to,
          status: 'initiated',
          started_at: event.occurredAt,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!inserted) return false; // the id exists in another org: never touch it
      row = inserted;
    }
    const answered =
      row.answered_at !== null || row.status === 'connected' || event.eventType === 'call.answered';
    const status = statusFromWebhook(event.eventType, p, { answered, direction: row.direction });
    const changes = mergeCallLog(row, {
      status: status ?? row.status,
      answered_at: event.eventType === 'call.answered' ? event.occurredAt : null,
      ended_at: event.eventType === 'call.hangup' ? event.occurredAt : null,
      hangup_cause: event.eventType === 'call.hangup' ? str(p.hangup_cause) : null,
      telnyx_call_control_id: ccid,
      telnyx_call_session_id: str(p.call_session_id),
      telnyx_call_leg_id: str(p.call_leg_id),
    });
    if (Object.keys(changes).length > 0) {
      await trx
        .updateTable('call_logs')
        .set({ ...changes, updated_at: new Date() })
        .where('id', '=', row.id)
        .execute();
    }
    return true;
  }
}
