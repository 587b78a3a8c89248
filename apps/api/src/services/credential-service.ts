import { randomUUID } from 'node:crypto';
import type { WebrtcCredential, WebrtcToken } from '@crokodialer/shared';
import { decodeJwt } from 'jose';
import type { Db } from '../db/database.js';
import { ApiError, notFound } from '../errors.js';
import type { Principal } from './access-tokens.js';
import { audit } from './audit.js';
import type { CredentialRevocations } from './credential-revocations.js';
import type { OrgSettingsService } from './org-settings-service.js';
import type { TelnyxGateway } from './telnyx-gateway.js';

// docs/telnyx-protocol.md#telephony-credentials: tokens live 24 h
const TOKEN_FALLBACK_LIFETIME_MS = 24 * 3600 * 1000;

interface CredRow {
  id: string;
  user_id: string;
  telnyx_credential_id: string;
  sip_username: string;
  created_at: Date;
}

const toCredential = (r: CredRow): WebrtcCredential => ({
  id: r.id,
  agentId: r.user_id,
  telnyxCredentialId: r.telnyx_credential_id,
  sipUsername: r.sip_username,
  createdAt: r.created_at.toISOString(),
});

/**
 * Per-agent Telnyx telephony credentials (admins provision; agents mint tokens). Only the credential
 * id and SIP username are stored; the SIP password Telnyx returns is dropped
 * (docs/architecture.md#companion-mode).
 */
export class CredentialService {
  constructor(
    private readonly db: Db,
    private readonly settings: OrgSettingsService,
    private readonly telnyx: TelnyxGateway,
    private readonly revocations: CredentialRevocations,
  ) {}

  async get(p: Principal, agentId: string): Promise<WebrtcCredential> {
    await this.agentInOrg(p.orgId, agentId);
    const row = await this.find(p.orgId, agentId);
    if (!row) throw notFound('WebRTC credential');
    return toCredential(row);
  }

  async create(p: Principal, agentId: string): Promise<WebrtcCredential> {
    const agent = await this.agentInOrg(p.orgId, agentId);
    if (!agent.active)
      throw new ApiError(
        409,
        'agent_inactive',
        'reactivate the agent before giving it a credential',
      );
    if (await this.find(p.orgId, agentId)) {
      throw new ApiError(
        409,
        'credential_exists',
        'this agent already has a credential; rotate it instead',
      );
    }
    const { apiKey, connectionId } = await this.settings.access(p.orgId);
    const created = await this.telnyx.createCredential(apiKey, {
      connectionId,
      name: `crokodialer ${agent.email}`,
      tag: `crokodialer-agent-${agentId}`,
    });
    const id = randomUUID();
    let inserted: { numInsertedOrUpdatedRows?: bigint };
    try {
      inserted = await this.db
        .insertInto('webrtc_credentials')
        .values({
          id,
          org_id: p.orgId,
          user_id: agentId,
          telnyx_credential_id: created.id,
          sip_username: created.sipUsername,
        })
        .onConflict((oc) => oc.column('user_id').doNothing())
        .executeTakeFirst();
    } catch (err) {
      // Our side failed after Telnyx said yes: take it back so nothing is half-created.
      await this.telnyx.deleteCredential(apiKey, created.id).catch(() => undefined);
      throw err;
    }
    if (inserted.numInsertedOrUpdatedRows === 0n) {
      // Another request created one first: leave nothing half-created at Telnyx.
      await this.telnyx.deleteCredential(apiKey, created.id).catch(() => undefined);
      throw new ApiError(
        409,
        'credential_exists',
        'this agent already has a credential; rotate it instead',
      );
    }
    await audit(
      this.db,
      p,
      'webrtc-credential.created',
      { type: 'agent', id: agentId },
      { sipUsername: created.sipUsername },
    );
    return toCredential((await this.find(p.orgId, agentId))!);
  }

  async revoke(p: Principal, agentId: string): Promise<void> {
    await this.agentInOrg(p.orgId, agentId);
    const row = await this.find(p.orgId, agentId);
    if (!row) throw notFound('WebRTC credential');
    await this.revokeRow(p.orgId, row);
    await audit(this.db, p, 'webrtc-credential.revoked', { type: 'agent', id: agentId });
  }

  /**
   * Used by deactivation: the credential stops being the agent's at once (no more tokens, no more
   * routing to it) and its deletion at Telnyx is queued; returns the revocation to attempt.
   */
  async retire(orgId: string, agentId: string): Promise<string | null> {
    const row = await this.find(orgId, agentId);
    return row ? this.queueRevocation(orgId, row) : null;
  }

  async rotate(p: Principal, agentId: string): Promise<WebrtcCredential> {
    const agent = await this.agentInOrg(p.orgId, agentId);
    const old = await this.find(p.orgId, agentId);
    if (!old) throw notFound('WebRTC credential');
    if (!agent.active)
      throw new ApiError(
        409,
        'agent_inactive',
        'reactivate the agent before rotating its credential',
      );
    const { apiKey, connectionId } = await this.settings.access(p.orgId);
    const created = await this.telnyx.createCredential(apiKey, {
      connectionId,
      name: `crokodialer ${agent.email}`,
      tag: `crokodialer-agent-${agentId}`,
    });
    const sealedKey = (await this.settings.row(p.orgId)).telnyx_api_key_enc;
    const revocation = await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('webrtc_credentials')
        .set({
          telnyx_credential_id: created.id,
          sip_username: created.sipUsername,
          created_at: new Date(),
        })
        .where('id', '=', old.id)
        .execute();
      return this.revocations.enqueue(trx, {
        orgId: p.orgId,
        userId: agentId,
        telnyxCredentialId: old.telnyx_credential_id,
        sipUsername: old.sip_username,
        apiKeyEnc: sealedKey,
      });
    });
    // The old credential is deleted now if Telnyx answers, else by the retry worker.
    await this.revocations.attempt(revocation);
    await audit(
      this.db,
      p,
      'webrtc-credential.rotated',
      { type: 'agent', id: agentId },
      { sipUsername: created.sipUsername },
    );
    return toCredential((await this.find(p.orgId, agentId))!);
  }

  /** `POST /api/me/webrtc-token`: a login token for the caller's own credential only. */
  async mintToken(p: Principal): Promise<WebrtcToken> {
    const row = await this.find(p.orgId, p.userId);
    if (!row) {
      throw new ApiError(
        409,
        'no_webrtc_credential',
        'you have no WebRTC credential yet; ask an admin to create one for you',
      );
    }
    const apiKey = await this.settings.apiKey(p.orgId);
    const token = await this.telnyx.createToken(apiKey, row.telnyx_credential_id);
    const settings = await this.settings.row(p.orgId);
    return {
      token,
      expiresAt: expiryOf(token).toISOString(),
      host: this.settings.webrtcHost(settings),
    };
  }

  private async revokeRow(orgId: string, row: CredRow): Promise<void> {
    await this.revocations.attempt(await this.queueRevocation(orgId, row));
  }

  /** Moves the credential from the agent to the revocation queue, in one transaction. */
  private async queueRevocation(orgId: string, row: CredRow): Promise<string> {
    const sealedKey = (await this.settings.row(orgId)).telnyx_api_key_enc;
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('webrtc_credentials').where('id', '=', row.id).execute();
      return this.revocations.enqueue(trx, {
        orgId,
        userId: row.user_id,
        telnyxCredentialId: row.telnyx_credential_id,
        sipUsername: row.sip_username,
        apiKeyEnc: sealedKey,
      });
    });
  }

  private find(orgId: string, agentId: string): Promise<CredRow | undefined> {
    return this.db
      .selectFrom('webrtc_credentials')
      .select(['id', 'user_id', 'telnyx_credential_id', 'sip_username', 'created_at'])
      .where('org_id', '=', orgId)
      .where('user_id', '=', agentId)
      .executeTakeFirst();
  }

  private async agentInOrg(orgId: string, agentId: string) {
    const agent = await this.db
      .selectFrom('users')
      .select(['id', 'email', 'active'])
      .where('org_id', '=', orgId)
      .where('id', '=', agentId)
      .executeTakeFirst();
    if (!agent) throw notFound('agent');
    return agent;
  }
}

/**
 * The token's own `exp` (docs/telnyx-protocol.md#telephony-credentials); 24 h from now if it
 * carries none.
 */
function expiryOf(token: string): Date {
  try {
    const { exp } = decodeJwt(token);
    if (typeof exp === 'number') return new Date(exp * 1000);
  } catch {
    // not a JWT we can read: fall through
  }
  return new Date(Date.now() + TOKEN_FALLBACK_LIFETIME_MS);
}
