import {
  BUILT_IN_DISPOSITIONS,
  type OrgSettings,
  type UpdateOrgSettings,
} from '@crokodialer/shared';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { ApiError } from '../errors.js';
import type { Principal } from './access-tokens.js';
import { audit } from './audit.js';
import type { SecretBox } from './secret-box.js';
import type { TelnyxGateway } from './telnyx-gateway.js';

export interface TelnyxAccess {
  apiKey: string;
  connectionId: string;
}

/** Org settings: the Telnyx API key (sealed, write-only), the credential connection, the WebRTC host. */
export class OrgSettingsService {
  private readonly creating = new Map<string, Promise<string>>();

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly telnyx: TelnyxGateway,
    private readonly config: Pick<Config, 'telnyx' | 'webhookPublicUrl'>,
  ) {}

  async get(orgId: string): Promise<OrgSettings> {
    const row = await this.row(orgId);
    return {
      telnyxApiKeySet: row.telnyx_api_key_enc !== null,
      telnyxPublicKey: row.telnyx_public_key,
      credentialConnectionId: row.credential_connection_id,
      webrtcHost: row.webrtc_host ?? this.config.telnyx.webrtcHost,
      dispositions: row.dispositions ?? [...BUILT_IN_DISPOSITIONS],
    };
  }

  async update(p: Principal, input: UpdateOrgSettings): Promise<OrgSettings> {
    const set: Record<string, string | string[] | null | Date> = { updated_at: new Date() };
    if (input.telnyxApiKey !== undefined) {
      set.telnyx_api_key_enc =
        input.telnyxApiKey === null ? null : this.box.seal(input.telnyxApiKey, p.orgId);
    }
    if (input.telnyxPublicKey !== undefined) set.telnyx_public_key = input.telnyxPublicKey;
    if (input.webrtcHost !== undefined) set.webrtc_host = input.webrtcHost;
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

  /** The API key and credential connection, creating the connection at Telnyx on first use. */
  async access(orgId: string): Promise<TelnyxAccess> {
    const apiKey = await this.apiKey(orgId);
    const row = await this.row(orgId);
    if (row.credential_connection_id) return { apiKey, connectionId: row.credential_connection_id };
    // One creation at a time per org in this process; across instances the conditional update
    // below picks a winner and the loser deletes its own connection.
    let pending = this.creating.get(orgId);
    if (!pending) {
      pending = this.createConnection(orgId, apiKey).finally(() => this.creating.delete(orgId));
      this.creating.set(orgId, pending);
    }
    return { apiKey, connectionId: await pending };
  }

  private async createConnection(orgId: string, apiKey: string): Promise<string> {
    const webhookUrl = this.config.webhookPublicUrl
      ? `${this.config.webhookPublicUrl.replace(/\/$/, '')}/api/webhooks/telnyx`
      : null;
    const created = await this.telnyx.createCredentialConnection(apiKey, {
      name: `crokodialer-${orgId.slice(0, 8)}`,
      webhookUrl,
    });
    const won = await this.db
      .updateTable('org_settings')
      .set({ credential_connection_id: created.id })
      .where('org_id', '=', orgId)
      .where('credential_connection_id', 'is', null)
      .executeTakeFirst();
    if (won.numUpdatedRows > 0n) return created.id;
    await this.telnyx.deleteCredentialConnection?.(apiKey, created.id).catch(() => undefined);
    const after = await this.row(orgId);
    return after.credential_connection_id ?? created.id;
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
