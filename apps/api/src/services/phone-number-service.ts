import { randomUUID } from 'node:crypto';
import type { PhoneNumber } from '@crokodialer/shared';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
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

  async setInboundAgent(p: Principal, id: string, agentId: string | null): Promise<PhoneNumber> {
    const row = await this.db
      .selectFrom('phone_numbers')
      .select('id')
      .where('org_id', '=', p.orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('phone number');
    if (agentId !== null) {
      const agent = await this.db
        .selectFrom('users')
        .select('id')
        .where('org_id', '=', p.orgId)
        .where('id', '=', agentId)
        .executeTakeFirst();
      if (!agent) throw notFound('agent');
    }
    await this.db
      .updateTable('phone_numbers')
      .set({ inbound_agent_id: agentId, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await audit(
      this.db,
      p,
      'phone-number.routed',
      { type: 'phone-number', id },
      { inboundAgentId: agentId },
    );
    const all = await this.list(p);
    return all.find((n) => n.id === id)!;
  }
}
