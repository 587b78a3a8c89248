import { randomUUID } from 'node:crypto';
import type { WebrtcCredentialState } from '@crokodialer/shared';
import type { Db } from '../db/database.js';
import { ApiError } from '../errors.js';
import type { SecretBox } from './secret-box.js';
import type { TelnyxGateway } from './telnyx-gateway.js';

export interface RevocationInput {
  orgId: string;
  userId: string;
  telnyxCredentialId: string;
  sipUsername: string;
  /** The org's sealed API key that created the credential (null: none is set any more). */
  apiKeyEnc: string | null;
}

/** 30 s, 1 min, 2 min … capped at an hour: Telnyx outages end, and nothing here is urgent. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
}

/**
 * Deleting an agent's Telnyx credential, durably: the request is a database row, attempted at
 * once and then by a periodic worker until Telnyx confirms. It keeps the API key that created the
 * credential, so a credential of an org's previous Telnyx account is deleted there. A 404 is not
 * success (the credential may live in another account, or under another key): it is recorded as
 * failed, with the reason, for an admin to see on the agent.
 */
export class CredentialRevocations {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly telnyx: TelnyxGateway,
  ) {}

  /** Records the revocation (in the caller's transaction, if any); returns its id. */
  async enqueue(db: Db, input: RevocationInput): Promise<string> {
    const id = randomUUID();
    await db
      .insertInto('credential_revocations')
      .values({
        id,
        org_id: input.orgId,
        user_id: input.userId,
        telnyx_credential_id: input.telnyxCredentialId,
        sip_username: input.sipUsername,
        api_key_enc: input.apiKeyEnc ?? '',
        state: input.apiKeyEnc ? 'pending' : 'failed',
        last_error: input.apiKeyEnc ? null : 'no Telnyx API key is set to delete it with',
        next_attempt_at: new Date(),
      })
      .execute();
    return id;
  }

  /** One attempt; never throws (the outcome is in the row). */
  async attempt(id: string, now = new Date()): Promise<void> {
    // Claim the row for a minute so another instance's worker does not attempt it too.
    const claimed = await this.db
      .updateTable('credential_revocations')
      .set({ next_attempt_at: new Date(now.getTime() + 60_000) })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .returningAll()
      .executeTakeFirst();
    if (!claimed) return;
    const apiKey = this.box.open(claimed.api_key_enc, claimed.org_id);
    let error: string;
    try {
      if (apiKey === null) throw new ApiError(409, 'telnyx_key_unreadable', 'API key unreadable');
      await this.telnyx.deleteCredential(apiKey, claimed.telnyx_credential_id);
      await this.db
        .updateTable('credential_revocations')
        .set({ state: 'revoked', revoked_at: new Date(), last_error: null })
        .where('id', '=', id)
        .execute();
      return;
    } catch (err) {
      error = err instanceof Error ? err.message : 'unknown error';
      if (err instanceof ApiError && err.code === 'telnyx_not_found') {
        await this.db
          .updateTable('credential_revocations')
          .set({
            state: 'failed',
            attempts: claimed.attempts + 1,
            last_error: `Telnyx has no credential ${claimed.telnyx_credential_id} for this key (404); delete it in the Telnyx portal of the account that issued it`,
          })
          .where('id', '=', id)
          .execute();
        return;
      }
    }
    const attempts = claimed.attempts + 1;
    await this.db
      .updateTable('credential_revocations')
      .set({
        attempts,
        last_error: error,
        next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)),
      })
      .where('id', '=', id)
      .execute();
  }

  /** The worker's tick: attempts every due revocation; returns how many it tried. */
  async runDue(now = new Date(), limit = 50): Promise<number> {
    const due = await this.db
      .selectFrom('credential_revocations')
      .select('id')
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    for (const { id } of due) await this.attempt(id, now);
    return due.length;
  }

  /**
   * Each agent's credential state, for the agents API: an outstanding revocation (failed, then
   * pending) outranks a live credential, which outranks a confirmed revocation.
   */
  async states(orgId: string, userIds: string[]): Promise<Map<string, CredentialStatus>> {
    const out = new Map<string, CredentialStatus>();
    if (userIds.length === 0) return out;
    const [revocations, active] = await Promise.all([
      this.db
        .selectFrom('credential_revocations')
        .select(['user_id', 'state', 'last_error'])
        .where('org_id', '=', orgId)
        .where('user_id', 'in', userIds)
        .execute(),
      this.db
        .selectFrom('webrtc_credentials')
        .select('user_id')
        .where('org_id', '=', orgId)
        .where('user_id', 'in', userIds)
        .execute(),
    ]);
    const live = new Set(active.map((a) => a.user_id));
    for (const id of userIds) {
      const mine = revocations.filter((r) => r.user_id === id);
      const failed = mine.find((r) => r.state === 'failed');
      const pending = mine.find((r) => r.state === 'pending');
      const status: CredentialStatus = failed
        ? { state: 'revocation-failed', error: failed.last_error, live: live.has(id) }
        : pending
          ? { state: 'revocation-pending', error: pending.last_error, live: live.has(id) }
          : live.has(id)
            ? { state: 'active', error: null, live: true }
            : mine.length > 0
              ? { state: 'revoked', error: null, live: false }
              : { state: 'none', error: null, live: false };
      out.set(id, status);
    }
    return out;
  }
}

export interface CredentialStatus {
  state: WebrtcCredentialState;
  /** Why the revocation is not done yet (the last Telnyx error), for the admin. */
  error: string | null;
  /** The agent holds a credential now (it may still have an old one being revoked). */
  live: boolean;
}
