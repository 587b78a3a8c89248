import { randomUUID } from 'node:crypto';
import { DEFAULT_FALLBACK_MESSAGE, type CallRoute, type RouteAttempt } from '@crokodialer/shared';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { OrgSettingsService } from './org-settings-service.js';
import { attemptOutcome, decodeState, encodeState, type RouteState } from './route-outcome.js';
import type { TelnyxCallCommands } from './telnyx-call-commands.js';

export interface RoutedEvent {
  eventType: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

const str = (v: unknown): string | null =>
  typeof v === 'string' && v.length > 0 && v.length <= 256 ? v : null;

/**
 * Inbound calls to a routed number, driven by the Call Control application's webhooks
 * (docs/telnyx-protocol.md#inbound-routing): answer the caller, dial the next eligible agent at
 * `sip:<sip_username>@sip.telnyx.com` with the number's ring timeout, bridge when the agent
 * answers; when an agent's leg ends unanswered (480 offline, 486 declined, timeout) dial the next;
 * when nobody is left, speak the fallback message and hang up. Agents on do-not-disturb, busy on a
 * routed call, inactive or without a credential are skipped without ringing. Each step is claimed
 * with a conditional update, so a duplicate or late webhook never rings an agent twice.
 */
export class InboundRouter {
  constructor(
    private readonly db: Db,
    private readonly settings: OrgSettingsService,
    private readonly telnyx: TelnyxCallCommands,
  ) {}

  async handle(orgId: string, event: RoutedEvent): Promise<boolean> {
    const p = event.payload;
    const state = decodeState(p.client_state);
    const ccid = str(p.call_control_id);
    if (!ccid) return false;
    switch (event.eventType) {
      case 'call.initiated':
        if (state || p.direction !== 'incoming') return false;
        return this.arrived(orgId, ccid, p);
      case 'call.answered':
        if (state?.k !== 'agent') return false;
        await this.agentAnswered(orgId, state, ccid);
        return true;
      case 'call.hangup':
        if (state?.k === 'agent') {
          await this.agentEnded(orgId, state, p);
          return true;
        }
        return this.callerEnded(orgId, state?.id ?? null, ccid, event);
      case 'call.speak.ended':
        if (state?.k !== 'bye') return false;
        await this.telnyx.hangup(await this.settings.apiKey(orgId), ccid);
        return true;
      default:
        return false;
    }
  }

  private async arrived(orgId: string, ccid: string, p: Record<string, unknown>) {
    const to = str(p.to) ?? '';
    const number = await this.db
      .selectFrom('phone_numbers')
      .leftJoin('ring_groups', 'ring_groups.id', 'phone_numbers.inbound_ring_group_id')
      .select([
        'phone_numbers.inbound_agent_id',
        'phone_numbers.ring_timeout_secs',
        'phone_numbers.fallback_message',
        'ring_groups.member_ids',
      ])
      .where('phone_numbers.org_id', '=', orgId)
      .where('phone_numbers.phone_number', '=', to)
      .executeTakeFirst();
    const apiKey = await this.settings.apiKey(orgId);
    const chain = [
      ...new Set([
        ...(number?.inbound_agent_id ? [number.inbound_agent_id] : []),
        ...(number?.member_ids ?? []),
      ]),
    ];
    const id = randomUUID();
    const inserted = await this.db
      .insertInto('inbound_calls')
      .values({
        id,
        org_id: orgId,
        call_control_id: ccid,
        from_number: str(p.from) ?? 'anonymous',
        to_number: to,
        chain,
        state: 'routing',
        fallback_message: number?.fallback_message ?? DEFAULT_FALLBACK_MESSAGE,
        ring_timeout_secs: number?.ring_timeout_secs ?? 20,
      })
      .onConflict((oc) => oc.column('call_control_id').doNothing())
      .executeTakeFirst();
    if (inserted.numInsertedOrUpdatedRows === 0n) return true; // already routing this call
    await this.telnyx.answer(apiKey, ccid, encodeState({ k: 'in', id }));
    await this.next(orgId, id);
    return true;
  }

  /** Dials the next eligible agent from the current step, or falls back when none is left. */
  private async next(orgId: string, id: string): Promise<void> {
    for (;;) {
      const call = await this.row(id);
      if (!call || call.state !== 'routing') return;
      const agentId = call.chain[call.step];
      if (agentId === undefined)
        return this.fallback(orgId, id, call.call_control_id, call.fallback_message);
      const target = await this.eligibility(orgId, agentId);
      if ('skip' in target) {
        await this.advance(id, call.step, { agentId, outcome: 'skipped', reason: target.skip });
        continue;
      }
      const settings = await this.settings.row(orgId);
      const apiKey = await this.settings.apiKey(orgId);
      try {
        const leg = await this.telnyx.dial(apiKey, {
          appId: settings.call_control_app_id ?? '',
          to: `sip:${target.sipUsername}@sip.telnyx.com`,
          from: call.from_number,
          timeoutSecs: call.ring_timeout_secs,
          clientState: encodeState({ k: 'agent', id, step: call.step }),
        });
        await this.db
          .updateTable('inbound_calls')
          .set({ agent_call_control_id: leg.callControlId })
          .where('id', '=', id)
          .where('step', '=', call.step)
          .execute();
        await this.db
          .insertInto('inbound_call_legs')
          .values({
            call_control_id: leg.callControlId,
            inbound_call_id: id,
            org_id: orgId,
            agent_id: agentId,
          })
          .onConflict((oc) => oc.column('call_control_id').doNothing())
          .execute();
        return;
      } catch (err) {
        const reason = err instanceof Error ? err.message : 'dial failed';
        await this.advance(id, call.step, { agentId, outcome: 'failed', reason });
      }
    }
  }

  private async fallback(orgId: string, id: string, ccid: string, message: string) {
    const claimed = await this.db
      .updateTable('inbound_calls')
      .set({ state: 'fallback' })
      .where('id', '=', id)
      .where('state', '=', 'routing')
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) return;
    const apiKey = await this.settings.apiKey(orgId);
    await this.telnyx.speak(apiKey, ccid, message, encodeState({ k: 'bye', id }));
  }

  private async agentAnswered(
    orgId: string,
    state: Extract<RouteState, { k: 'agent' }>,
    leg: string,
  ) {
    const call = await this.row(state.id);
    const apiKey = await this.settings.apiKey(orgId);
    const agentId = call?.chain[state.step];
    const claimed =
      call && agentId
        ? await this.db
            .updateTable('inbound_calls')
            .set({
              state: 'bridged',
              answered_by: agentId,
              answered_at: new Date(),
              agent_call_control_id: leg,
              attempts: appended({ agentId, outcome: 'answered' }),
            })
            .where('id', '=', state.id)
            .where('state', '=', 'routing')
            .where('step', '=', state.step)
            .executeTakeFirst()
        : undefined;
    if (!call || !claimed || claimed.numUpdatedRows === 0n) {
      // Answered too late (the caller left, or routing moved on): release the agent.
      await this.telnyx.hangup(apiKey, leg).catch(() => undefined);
      return;
    }
    await this.telnyx.bridge(apiKey, call.call_control_id, leg);
  }

  private async agentEnded(
    orgId: string,
    state: Extract<RouteState, { k: 'agent' }>,
    p: Record<string, unknown>,
  ) {
    const call = await this.row(state.id);
    const agentId = call?.chain[state.step];
    if (!call || !agentId || call.state !== 'routing' || call.step !== state.step) return;
    if (await this.advance(state.id, state.step, { agentId, ...attemptOutcome(p) })) {
      await this.next(orgId, state.id);
    }
  }

  private async callerEnded(orgId: string, id: string | null, ccid: string, event: RoutedEvent) {
    const call = id
      ? await this.row(id)
      : await this.db
          .selectFrom('inbound_calls')
          .selectAll()
          .where('org_id', '=', orgId)
          .where('call_control_id', '=', ccid)
          .executeTakeFirst();
    if (!call || call.call_control_id !== ccid) return false;
    const ended = await this.db
      .updateTable('inbound_calls')
      .set({ state: 'ended', ended_at: event.occurredAt })
      .where('id', '=', call.id)
      .where('state', '!=', 'ended')
      .executeTakeFirst();
    if (ended.numUpdatedRows === 0n) return true;
    const apiKey = await this.settings.apiKey(orgId);
    if (call.state === 'routing' && call.agent_call_control_id) {
      // The caller gave up while an agent's phone rang: stop ringing it.
      await this.telnyx.hangup(apiKey, call.agent_call_control_id).catch(() => undefined);
    }
    const route: CallRoute = {
      number: call.to_number,
      attempts: call.attempts,
      result: call.answered_by
        ? 'answered'
        : call.state === 'fallback'
          ? 'fallback-message'
          : 'caller-hung-up',
    };
    const answeredAt = call.answered_at;
    // The answering agent's app may have filed its report of the call already (folded into this
    // record by the leg's call control id): the router's account of the call completes it, and
    // what only the agent knows (disposition, notes) stays.
    const facts = {
      agent_id: call.answered_by,
      direction: 'inbound' as const,
      from_number: call.from_number,
      to_number: call.to_number,
      status: call.answered_by ? 'completed' : 'missed',
      started_at: call.started_at,
      answered_at: answeredAt,
      ended_at: event.occurredAt,
      duration_seconds: answeredAt
        ? Math.max(0, Math.round((event.occurredAt.getTime() - answeredAt.getTime()) / 1000))
        : null,
      telnyx_call_control_id: ccid,
      telnyx_call_session_id: str(event.payload.call_session_id),
      telnyx_call_leg_id: str(event.payload.call_leg_id),
      hangup_cause: str(event.payload.hangup_cause),
      route: JSON.stringify(route),
    };
    await this.db
      .insertInto('call_logs')
      .values({ id: call.id, org_id: orgId, ...facts })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({ ...facts, updated_at: new Date() })
          .where('call_logs.org_id', '=', orgId),
      )
      .execute();
    return true;
  }

  /** Records how step `step` went and moves on, unless another event already did. */
  private async advance(id: string, step: number, attempt: RouteAttempt): Promise<boolean> {
    const moved = await this.db
      .updateTable('inbound_calls')
      .set({ step: step + 1, agent_call_control_id: null, attempts: appended(attempt) })
      .where('id', '=', id)
      .where('state', '=', 'routing')
      .where('step', '=', step)
      .executeTakeFirst();
    return moved.numUpdatedRows > 0n;
  }

  private async eligibility(
    orgId: string,
    agentId: string,
  ): Promise<{ sipUsername: string } | { skip: string }> {
    const agent = await this.db
      .selectFrom('users')
      .leftJoin('webrtc_credentials', 'webrtc_credentials.user_id', 'users.id')
      .select(['users.active', 'users.presence', 'webrtc_credentials.sip_username'])
      .where('users.org_id', '=', orgId)
      .where('users.id', '=', agentId)
      .executeTakeFirst();
    if (!agent?.active) return { skip: 'inactive' };
    if (agent.presence === 'do-not-disturb') return { skip: 'do-not-disturb' };
    if (!agent.sip_username) return { skip: 'no-credential' };
    const busy = await this.db
      .selectFrom('inbound_calls')
      .select('id')
      .where('org_id', '=', orgId)
      .where('state', '=', 'bridged')
      .where('answered_by', '=', agentId)
      .executeTakeFirst();
    if (busy) return { skip: 'busy' };
    return { sipUsername: agent.sip_username };
  }

  private row(id: string) {
    return this.db.selectFrom('inbound_calls').selectAll().where('id', '=', id).executeTakeFirst();
  }
}

/** `attempts || [attempt]`, in SQL, so concurrent updates never lose an entry. */
const appended = (attempt: RouteAttempt) =>
  sql<string>`attempts || ${JSON.stringify([attempt])}::jsonb`;
