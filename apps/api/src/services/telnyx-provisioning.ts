import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { TelnyxGateway } from './telnyx-gateway.js';

/** What an org uses at Telnyx (docs/telnyx-protocol.md#provisioning). */
export interface TelnyxAccess {
  apiKey: string;
  connectionId: string;
  outboundVoiceProfileId: string;
  /** The Call Control application numbers routed to agents belong to; null without a public URL. */
  callControlAppId: string | null;
}

type Row = {
  credential_connection_id: string | null;
  outbound_voice_profile_id: string | null;
  call_control_app_id: string | null;
  provisioned_webhook_url: string | null;
};

/**
 * Brings an org's Telnyx account to what the dialer needs, creating or updating only what is
 * missing or stale: an outbound voice profile (without one every outbound call is refused with SIP
 * 403 D38), the agents' credential connection (with that profile, our webhook URL and SIP URI
 * calls allowed so Call Control can ring agents), and a Call Control application (with the same
 * profile and URL) for numbers routed to agents. A changed webhook URL is pushed to both.
 */
export class TelnyxProvisioning {
  private readonly running = new Map<string, Promise<TelnyxAccess>>();

  constructor(
    private readonly db: Db,
    private readonly telnyx: TelnyxGateway,
    private readonly config: Pick<Config, 'webhookPublicUrl'>,
  ) {}

  /** The webhook URL Telnyx must call (null when the API has no public URL configured). */
  webhookUrl(): string | null {
    const base = this.config.webhookPublicUrl;
    return base ? `${base.replace(/\/$/, '')}/api/webhooks/telnyx` : null;
  }

  async ensure(orgId: string, apiKey: string): Promise<TelnyxAccess> {
    const row = await this.row(orgId);
    const done = this.complete(row, apiKey);
    if (done) return done;
    // One provisioning at a time per org in this process; across instances each resource is
    // claimed with a conditional update, and a loser deletes the connection it made.
    let pending = this.running.get(orgId);
    if (!pending) {
      pending = this.provision(orgId, apiKey).finally(() => this.running.delete(orgId));
      this.running.set(orgId, pending);
    }
    return pending;
  }

  private complete(row: Row, apiKey: string): TelnyxAccess | undefined {
    const url = this.webhookUrl();
    if (!row.credential_connection_id || !row.outbound_voice_profile_id) return undefined;
    if (url !== row.provisioned_webhook_url || (url && !row.call_control_app_id)) return undefined;
    return {
      apiKey,
      connectionId: row.credential_connection_id,
      outboundVoiceProfileId: row.outbound_voice_profile_id,
      callControlAppId: row.call_control_app_id,
    };
  }

  private async provision(orgId: string, apiKey: string): Promise<TelnyxAccess> {
    const before = await this.row(orgId);
    const url = this.webhookUrl();
    const name = `crokodialer-${orgId.slice(0, 8)}`;
    const stale = before.provisioned_webhook_url !== url;

    let profileId = before.outbound_voice_profile_id;
    if (!profileId) {
      const created = await this.telnyx.createOutboundProfile(apiKey, `${name}-outbound`);
      profileId = await this.claim(orgId, 'outbound_voice_profile_id', created.id);
    }

    let connectionId = before.credential_connection_id;
    if (!connectionId) {
      const created = await this.telnyx.createCredentialConnection(apiKey, {
        name,
        webhookUrl: url,
        outboundVoiceProfileId: profileId,
      });
      connectionId = await this.claim(orgId, 'credential_connection_id', created.id);
      if (connectionId !== created.id) {
        await this.telnyx.deleteCredentialConnection?.(apiKey, created.id).catch(() => undefined);
      }
    } else if (stale || !before.outbound_voice_profile_id) {
      await this.telnyx.updateCredentialConnection(apiKey, connectionId, {
        webhookUrl: url,
        outboundVoiceProfileId: profileId,
      });
    }

    let appId = before.call_control_app_id;
    if (url && !appId) {
      const created = await this.telnyx.createCallControlApp(apiKey, {
        name,
        webhookUrl: url,
        outboundVoiceProfileId: profileId,
      });
      appId = await this.claim(orgId, 'call_control_app_id', created.id);
    } else if (url && appId && stale) {
      await this.telnyx.updateCallControlApp(apiKey, appId, { name, webhookUrl: url });
    }

    await this.db
      .updateTable('org_settings')
      .set({ provisioned_webhook_url: url })
      .where('org_id', '=', orgId)
      .execute();
    return {
      apiKey,
      connectionId,
      outboundVoiceProfileId: profileId,
      callControlAppId: appId,
    };
  }

  /** Stores `id` unless another instance stored one first; returns the one that is stored. */
  private async claim(
    orgId: string,
    column: 'outbound_voice_profile_id' | 'credential_connection_id' | 'call_control_app_id',
    id: string,
  ): Promise<string> {
    await this.db
      .updateTable('org_settings')
      .set({ [column]: id })
      .where('org_id', '=', orgId)
      .where(column, 'is', null)
      .execute();
    return (await this.row(orgId))[column] ?? id;
  }

  private row(orgId: string): Promise<Row> {
    return this.db
      .selectFrom('org_settings')
      .select([
        'credential_connection_id',
        'outbound_voice_profile_id',
        'call_control_app_id',
        'provisioned_webhook_url',
      ])
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
  }
}
