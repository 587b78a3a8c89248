import {
  BUILT_IN_DISPOSITIONS,
  type CallPolicy,
  type OrgSettings,
  type TelnyxResourceState,
  type UpdateOrgSettings,
} from '@crokodialer/shared';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { ApiError } from '../errors.js';
import type { Principal } from './access-tokens.js';
import { audit } from './audit.js';
import type { SecretBox } from './secret-box.js';
import type { TelnyxAccess, TelnyxProvisioning } from './telnyx-provisioning.js';

/** Org settings: the Telnyx API key (sealed, write-only), the credential connection, the WebRTC host. */
export class OrgSettingsService {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly provisioning: TelnyxProvisioning,
    private readonly config: Pick<Config, 'telnyx'>,
  ) {}

  async get(orgId: string): Promise<OrgSettings> {
    const row = await this.row(orgId);
    const failed =
      row.provisioning_error_code !== null
        ? ({
            state: 'error',
            code: row.provisioning_error_code,
            problem: row.provisioning_error ?? '',
          } as const)
        : ({ state: 'missing' } as const);
    const resource = (id: string | null): TelnyxResourceState =>
      id ? { state: 'provisioned' } : failed;
    return {
      telnyxApiKeySet: row.telnyx_api_key_enc !== null,
      telnyxApiKeySetAt: row.telnyx_api_key_set_at?.toISOString() ?? null,
      credentialConnection: resource(row.credential_connection_id),
      outboundVoiceProfile: resource(row.outbound_voice_profile_id),
      telnyxPublicKey: row.telnyx_public_key,
      credentialConnectionId: row.credential_connection_id,
      outboundVoiceProfileId: row.outbound_voice_profile_id,
      callControlAppId: row.call_control_app_id,
      webrtcHost: row.webrtc_host ?? this.config.telnyx.webrtcHost,
      dispositions: row.dispositions ?? [...BUILT_IN_DISPOSITIONS],
      requireDisposition: row.require_disposition,
    };
  }

  /** What an agent's dialer follows after each call; agents may read it, unlike the settings. */
  async callPolicy(orgId: string): Promise<CallPolicy> {
    const { requireDisposition, dispositions } = await this.get(orgId);
    return { requireDisposition, dispositions };
  }

  async update(p: Principal, input: UpdateOrgSettings): Promise<OrgSettings> {
    const set: Record<string, string | string[] | boolean | null | Date> = {
      updated_at: new Date(),
    };
    if (input.telnyxApiKey !== undefined) {
      set.telnyx_api_key_enc =
        input.telnyxApiKey === null ? null : this.box.seal(input.telnyxApiKey, p.orgId);
      set.telnyx_api_key_set_at = input.telnyxApiKey === null ? null : new Date();
      // The last failure was about the old key.
      set.provisioning_error_code = null;
      set.provisioning_error = null;
    }
    if (input.telnyxPublicKey !== undefined) set.telnyx_public_key = input.telnyxPublicKey;
    if (input.webrtcHost !== undefined) set.webrtc_host = input.webrtcHost;
    if (input.requireDisposition !== undefined) set.require_disposition = input.requireDisposition;
    if (input.dispositions !== undefined) {
      set.dispositions = input.dispositions === null ? null : [...new Set(input.dispositions)];
    }
    await this.db.updateTable('org_settings').set(set).where('org_id', '=', p.orgId).execute();
    // The audit entry names what changed, never the values (the API key is a secret).
    await audit(
      this.db,
      p,
      'org-settings.updated',
      { type: 'org', id: p.orgId },
      {
        fields: Object.keys(input).filter((k) => input[k as keyof UpdateOrgSettings] !== undefined),
      },
    );
    return this.get(p.orgId);
  }

  webrtcHost(row: { webrtc_host: string | null }): string {
    return row.webrtc_host ?? this.config.telnyx.webrtcHost;
  }

  async apiKey(orgId: string): Promise<string> {
    const row = await this.row(orgId);
    if (!row.telnyx_api_key_enc) {
      throw new ApiError(
        409,
        'telnyx_not_configured',
        'no Telnyx API key is set; an admin must add one in org settings',
      );
    }
    const key = this.box.open(row.telnyx_api_key_enc, orgId);
    if (key === null) {
      throw new ApiError(
        409,
        'telnyx_key_unreadable',
        'the stored Telnyx API key cannot be decrypted (server key changed); an admin must enter it again',
      );
    }
    return key;
  }

  /** The API key and what the org uses at Telnyx, provisioning what is missing or stale. */
  async access(orgId: string): Promise<TelnyxAccess> {
    const apiKey = await this.apiKey(orgId);
    try {
      const access = await this.provisioning.ensure(orgId, apiKey);
      await this.recordProvisioning(orgId, null);
      return access;
    } catch (err) {
      if (err instanceof ApiError) await this.recordProvisioning(orgId, err);
      throw err;
    }
  }

  /** Keeps the last provisioning failure for the console (cleared by the next success). */
  private async recordProvisioning(orgId: string, err: ApiError | null): Promise<void> {
    let q = this.db
      .updateTable('org_settings')
      .set({ provisioning_error_code: err?.code ?? null, provisioning_error: err?.message ?? null })
      .where('org_id', '=', orgId);
    // A success writes only when there is a failure to clear: access() runs on every Telnyx use.
    if (!err) q = q.where('provisioning_error_code', 'is not', null);
    await q.execute();
  }

  /**
   * Pushes a changed webhook URL (WEBHOOK_PUBLIC_URL) to every provisioned org at Telnyx, so
   * calls keep reaching this API after it moves; returns the orgs updated. Failures wait for the
   * next run (or the org's next use of Telnyx).
   */
  async reconcileWebhookUrls(): Promise<string[]> {
    const url = this.provisioning.webhookUrl();
    const stale = await this.db
      .selectFrom('org_settings')
      .select('org_id')
      .where('telnyx_api_key_enc', 'is not', null)
      .where('credential_connection_id', 'is not', null)
      .where((eb) =>
        url === null
          ? eb('provisioned_webhook_url', 'is not', null)
          : eb.or([
              eb('provisioned_webhook_url', 'is', null),
              eb('provisioned_webhook_url', '!=', url),
            ]),
      )
      .execute();
    const done: string[] = [];
    for (const { org_id } of stale) {
      try {
        await this.access(org_id);
        done.push(org_id);
      } catch {
        // Telnyx down or key revoked: the next run (or the org's next Telnyx use) tries again.
      }
    }
    return done;
  }

  /** Refuses a disposition that is not on the org's list (400 naming the field). */
  async checkDisposition(orgId: string, disposition: string | null | undefined): Promise<void> {
    if (disposition === null || disposition === undefined) return;
    const row = await this.row(orgId);
    const allowed: readonly string[] = row.dispositions ?? BUILT_IN_DISPOSITIONS;
    if (!allowed.includes(disposition)) {
      throw new ApiError(
        400,
        'unknown_disposition',
        `"${disposition}" is not one of the org's dispositions`,
        {
          issues: [{ path: 'body.disposition', message: `use one of: ${allowed.join(', ')}` }],
        },
      );
    }
  }

  async row(orgId: string) {
    return this.db
      .selectFrom('org_settings')
      .selectAll()
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
  }
}
