import { randomUUID } from 'node:crypto';
import type { PhoneNumber, UpdatePhoneNumber } from '@crokodialer/shared';
import type { Db } from '../db/database.js';
import { ApiError, notFound } from '../errors.js';
import type { Principal } from './access-tokens.js';
import { audit } from './audit.js';
import type { OrgSettingsService } from './org-settings-service.js';
import type { TelnyxGateway } from './telnyx-gateway.js';

/** The org's Telnyx numbers: synced from Telnyx, routed inbound to an agent, used as caller IDs. */
export class PhoneNumberService {
  constructor(
    private readonly db: Db,
    private readonly settings: OrgSettingsService,
    private readonly telnyx: TelnyxGateway,
  ) {}

  async list(p: Principal): Promise<PhoneNumber[]> {
    const rows = await this.db
      .selectFrom('phone_numbers')
      .selectAll()
      .where('org_id', '=', p.orgId)
      .orderBy('phone_number')
      .execute();
    const users = await this.db
      .selectFrom('users')
      .select(['id', 'caller_ids'])
      .where('org_id', '=', p.orgId)
      .where('active', '=', true)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      phoneNumber: r.phone_number,
      telnyxId: r.telnyx_id,
      inboundAgentId: r.inbound_agent_id,
      ringGroupId: r.inbound_ring_group_id,
      ringTimeoutSecs: r.ring_timeout_secs,
      fallbackMessage: r.fallback_message,
      callerIdAgentIds: users.filter((u) => u.caller_ids.includes(r.phone_number)).map((u) => u.id),
      updatedAt: r.updated_at.toISOString(),
    }));
  }

  /** Mirrors Telnyx's list: new numbers added, removed ones dropped, routing of kept ones kept. */
  async sync(p: Principal): Promise<PhoneNumber[]> {
    const apiKey = await this.settings.apiKey(p.orgId);
    const remote = await this.telnyx.listPhoneNumbers(apiKey);
    await this.db.transaction().execute(async (trx) => {
      for (const n of remote) {
        await trx
          .insertInto('phone_numbers')
          .values({
            id: randomUUID(),
            org_id: p.orgId,
            telnyx_id: n.id,
            phone_number: n.phoneNumber,
          })
          .onConflict((oc) =>
            oc
              .columns(['org_id', 'telnyx_id'])
              .doUpdateSet({ phone_number: n.phoneNumber, updated_at: new Date() }),
          )
          .execute();
      }
      let del = trx.deleteFrom('phone_numbers').where('org_id', '=', p.orgId);
      if (remote.length > 0)
        del = del.where(
          'telnyx_id',
          'not in',
          remote.map((n) => n.id),
        );
      await del.execute();
    });
    await audit(
      this.db,
      p,
      'phone-numbers.synced',
      { type: 'org', id: p.orgId },
      { count: remote.length },
    );
    return this.list(p);
  }

  /**
   * Sets a number's inbound route. A routed number is assigned at Telnyx to the org's Call Control
   * application, whose webhooks the API answers: numbers on the credential connection would ring
   * only the connection's own SIP user, never an agent's telephony credential
   * (docs/telnyx-protocol.md#inbound-routing).
   */
  async setRoute(p: Principal, id: string, input: UpdatePhoneNumber): Promise<PhoneNumber> {
    const row = await this.db
      .selectFrom('phone_numbers')
      .selectAll()
      .where('org_id', '=', p.orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('phone number');
    const agentId = input.inboundAgentId;
    const groupId = input.ringGroupId === undefined ? row.inbound_ring_group_id : input.ringGroupId;
    if (agentId !== null) await this.inOrg(p.orgId, 'users', agentId, 'agent');
    if (groupId !== null) await this.inOrg(p.orgId, 'ring_groups', groupId, 'ring group');
    const routed = agentId !== null || groupId !== null;
    const wasRouted = row.inbound_agent_id !== null || row.inbound_ring_group_id !== null;
    if (routed !== wasRouted || routed) {
      const access = await this.settings.access(p.orgId);
      if (routed && !access.callControlAppId) {
        throw new ApiError(
          409,
          'webhook_url_missing',
          'inbound routing needs Telnyx to reach this API: set WEBHOOK_PUBLIC_URL and try again',
        );
      }
      await this.telnyx.assignNumber(
        access.apiKey,
        row.telnyx_id,
        routed ? access.callControlAppId : null,
      );
    }
    await this.db
      .updateTable('phone_numbers')
      .set({
        inbound_agent_id: agentId,
        inbound_ring_group_id: groupId,
        ...(input.ringTimeoutSecs !== undefined && { ring_timeout_secs: input.ringTimeoutSecs }),
        ...(input.fallbackMessage !== undefined && { fallback_message: input.fallbackMessage }),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await audit(
      this.db,
      p,
      'phone-number.routed',
      { type: 'phone-number', id },
      {
        inboundAgentId: agentId,
        ringGroupId: groupId,
      },
    );
    const all = await this.list(p);
    return all.find((n) => n.id === id)!;
  }

  private async inOrg(
    orgId: string,
    table: 'users' | 'ring_groups',
    id: string,
    what: string,
  ): Promise<void> {
    const found = await this.db
      .selectFrom(table)
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!found) throw notFound(what);
  }
}
