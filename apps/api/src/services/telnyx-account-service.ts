import type { OrgSettings, UpdateOrgSettings } from '@crokodialer/shared';
import type { Db } from '../db/database.js';
import type { Principal } from './access-tokens.js';
import { audit } from './audit.js';
import type { CredentialRevocations } from './credential-revocations.js';
import type { CredentialService } from './credential-service.js';
import type { OrgSettingsService } from './org-settings-service.js';
import type { PhoneNumberService } from './phone-number-service.js';

/**
 * Org settings changes that move the org to another Telnyx key (often another account). What
 * lived under the old key is taken down with the old key: every agent credential is queued for
 * revocation there (retried until Telnyx confirms; a 404 is reported on the agent). Then the new
 * account is provisioned (outbound voice profile, credential connection, Call Control app), agents
 * who had a credential get a new one, numbers are synced and routed ones assigned to the new app.
 */
export class TelnyxAccountService {
  constructor(
    private readonly db: Db,
    private readonly settings: OrgSettingsService,
    private readonly credentials: CredentialService,
    private readonly revocations: CredentialRevocations,
    private readonly phoneNumbers: PhoneNumberService,
  ) {}

  async updateSettings(p: Principal, input: UpdateOrgSettings): Promise<OrgSettings> {
    const before = await this.settings.row(p.orgId);
    const oldKey = before.telnyx_api_key_enc ? await this.currentKey(p.orgId) : null;
    const switching =
      input.telnyxApiKey !== undefined &&
      before.telnyx_api_key_enc !== null &&
      input.telnyxApiKey !== oldKey &&
      (before.credential_connection_id !== null || before.call_control_app_id !== null);
    if (!switching) return this.settings.update(p, input);

    const creds = await this.db
      .selectFrom('webrtc_credentials')
      .innerJoin('users', 'users.id', 'webrtc_credentials.user_id')
      .select([
        'webrtc_credentials.user_id',
        'webrtc_credentials.telnyx_credential_id',
        'webrtc_credentials.sip_username',
        'users.active',
      ])
      .where('webrtc_credentials.org_id', '=', p.orgId)
      .execute();
    const queued = await this.db.transaction().execute(async (trx) => {
      const ids: string[] = [];
      for (const c of creds) {
        ids.push(
          await this.revocations.enqueue(trx, {
            orgId: p.orgId,
            userId: c.user_id,
            telnyxCredentialId: c.telnyx_credential_id,
            sipUsername: c.sip_username,
            apiKeyEnc: before.telnyx_api_key_enc,
          }),
        );
      }
      await trx.deleteFrom('webrtc_credentials').where('org_id', '=', p.orgId).execute();
      // The old account's resources are forgotten; the new key gets its own on provisioning.
      await trx
        .updateTable('org_settings')
        .set({
          credential_connection_id: null,
          outbound_voice_profile_id: null,
          call_control_app_id: null,
          provisioned_webhook_url: null,
        })
        .where('org_id', '=', p.orgId)
        .execute();
      return ids;
    });
    const updated = await this.settings.update(p, input);
    for (const id of queued) await this.revocations.attempt(id);
    if (input.telnyxApiKey === null) return updated;

    await this.settings.access(p.orgId);
    for (const c of creds.filter((c) => c.active)) await this.credentials.create(p, c.user_id);
    await this.phoneNumbers.sync(p);
    await this.phoneNumbers.reassignRouted(p.orgId);
    await audit(
      this.db,
      p,
      'telnyx-account.switched',
      { type: 'org', id: p.orgId },
      {
        credentialsRevoked: queued.length,
      },
    );
    return this.settings.get(p.orgId);
  }

  private async currentKey(orgId: string): Promise<string | null> {
    try {
      return await this.settings.apiKey(orgId);
    } catch {
      return null; // unreadable: treat the new one as a switch
    }
  }
}
