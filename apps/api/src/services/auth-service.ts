import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AuthSession, Me } from '@crokodialer/shared';
import { sql, type Selectable } from 'kysely';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { RefreshTokensTable, UserRow } from '../db/schema.js';
import { ApiError, unauthorized } from '../errors.js';
import type { AccessTokens, Principal } from './access-tokens.js';
import { toAgent, toOrg } from './mappers.js';
import type { Passwords } from './passwords.js';
import type { AuthLimits } from './auth-limits.js';

const BAD_LOGIN = 'email or password is wrong';
/** Rolls a sign-up back, unseen by the caller, when its email already has an account. */
class EmailHasAccount extends Error {}
/** Advisory lock key serialising first-admin sign-ups while sign-up is closed. */
const FIRST_ORG_LOCK = 7_300_001;
const LAST_SEEN_RESOLUTION_MS = 60_000;
/** How long the immediately previous refresh token stays good for a retry (retryLostRefresh). */
export const REFRESH_GRACE_MS = 30_000;

type RefreshTokenRow = Selectable<RefreshTokensTable>;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Sign-up, sign-in and the refresh-token family (rotation with reuse detection). */
export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly passwords: Passwords,
    private readonly accessTokens: AccessTokens,
    private readonly config: Pick<Config, 'refreshTokenTtlSeconds' | 'signupEnabled'>,
    /** Per-user limit on refreshes (the route limits per address; the user is known only here). */
    private readonly limits?: Pick<AuthLimits, 'perUser'>,
  ) {}

  /**
   * Creates an org and its first admin — or, when the email already has an account, nothing at
   * all: the caller gets the same answer either way (and the same work, one argon2 hash), so
   * sign-up never tells anyone whether an email is registered. The new admin then signs in; the
   * existing account is left untouched (there is no email to send its owner).
   */
  async signup(input: { orgName: string; name: string; email: string; password: string }) {
    if (!this.config.signupEnabled) await this.ensureFirstOrg(this.db);
    const passwordHash = await this.passwords.hash(input.password);
    const orgId = randomUUID();
    try {
      await this.db.transaction().execute(async (trx) => {
        if (!this.config.signupEnabled) {
          // Closed sign-up still lets the very first admin in (a fresh server has no org). The
          // lock makes "no org yet" true for one sign-up only, across instances.
          await sql`select pg_advisory_xact_lock(${FIRST_ORG_LOCK})`.execute(trx);
          await this.ensureFirstOrg(trx);
        }
        await trx.insertInto('orgs').values({ id: orgId, name: input.orgName }).execute();
        await trx.insertInto('org_settings').values({ org_id: orgId }).execute();
        // A concurrent or earlier account with this email wins; rolling back drops the new org.
        const user = await trx
          .insertInto('users')
          .values({
            id: randomUUID(),
            org_id: orgId,
            email: input.email,
            name: input.name,
            role: 'admin',
            password_hash: passwordHash,
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (user.numInsertedOrUpdatedRows === 0n) throw new EmailHasAccount();
      });
    } catch (err) {
      if (!(err instanceof EmailHasAccount)) throw err;
    }
    return { status: 'accepted' as const };
  }

  async login(email: string, password: string): Promise<AuthSession> {
    const user = await this.db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
    // Unknown email, wrong password and deactivated account look the same, in message and in time.
    const ok = user
      ? await this.passwords.verify(user.password_hash, password)
      : await this.passwords.verifyDummy(password);
    if (!user || !ok || !user.active) throw new ApiError(401, 'invalid_credentials', BAD_LOGIN);
    return this.startSession(user.id, randomUUID());
  }

  async refresh(refreshToken: string): Promise<AuthSession> {
    const row = await this.db
      .selectFrom('refresh_tokens')
      .selectAll()
      .where('token_hash', '=', hashToken(refreshToken))
      .executeTakeFirst();
    if (!row) throw new ApiError(401, 'invalid_refresh_token', 'sign in again');
    await this.limits?.perUser('refresh', row.user_id);
    if (row.used_at && !row.revoked_at) {
      const retried = await this.retryLostRefresh(row);
      if (retried) return retried;
    }
    if (row.used_at || row.revoked_at) {
      // A rotated or revoked token came back: someone holds a copy. End the whole family.
      await this.revokeFamily(row.family_id);
      throw new ApiError(
        401,
        'refresh_token_reused',
        'this session was ended for safety; sign in again',
      );
    }
    if (row.expires_at.getTime() <= Date.now())
      throw new ApiError(401, 'invalid_refresh_token', 'sign in again');
    // Claim the token atomically: of two concurrent refreshes with one token, only one wins.
    const claimed = await this.db
      .updateTable('refresh_tokens')
      .set({ used_at: new Date() })
      .where('id', '=', row.id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) {
      await this.revokeFamily(row.family_id);
      throw new ApiError(
        401,
        'refresh_token_reused',
        'this session was ended for safety; sign in again',
      );
    }
    return this.startSession(row.user_id, row.family_id, row.id);
  }

  /**
   * The response to a refresh can be lost in transit (a dropped connection, a laptop lid), leaving
   * the client with the token it just spent. Within REFRESH_GRACE_MS, the immediately previous token
   * — its successor never used — is honoured once more: the unseen successor is revoked and a new
   * one issued. Anything else (an older token, or after the window) is reuse and ends the family.
   */
  private async retryLostRefresh(row: RefreshTokenRow): Promise<AuthSession | null> {
    if (!row.used_at || !row.replaced_by) return null;
    if (Date.now() - row.used_at.getTime() > REFRESH_GRACE_MS) return null;
    const unseen = await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', row.replaced_by)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (unseen.numUpdatedRows === 0n) return null;
    return this.startSession(row.user_id, row.family_id, row.id);
  }

  async logout(refreshToken: string): Promise<void> {
    const row = await this.db
      .selectFrom('refresh_tokens')
      .select('family_id')
      .where('token_hash', '=', hashToken(refreshToken))
      .executeTakeFirst();
    if (row) await this.revokeFamily(row.family_id);
  }

  async revokeAllForUser(userId: string): Promise<void> {
    await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /**
   * The signed-in user as the database has it now (role, active); the auth plugin keeps the answer
   * briefly (plugins/app/principal-cache.ts).
   */
  async principalFor(claims: Principal): Promise<Principal | null> {
    const user = await this.db
      .selectFrom('users')
      .select(['id', 'org_id', 'role', 'active', 'last_seen_at'])
      .where('id', '=', claims.userId)
      .where('org_id', '=', claims.orgId)
      .executeTakeFirst();
    if (!user?.active) return null;
    // Last-seen for presence, written at most once a minute per user.
    if (!user.last_seen_at || Date.now() - user.last_seen_at.getTime() > LAST_SEEN_RESOLUTION_MS) {
      await this.db
        .updateTable('users')
        .set({ last_seen_at: new Date() })
        .where('id', '=', user.id)
        .execute();
    }
    return { userId: user.id, orgId: user.org_id, role: user.role };
  }

  async me(p: Principal): Promise<Me> {
    const user = await this.loadUser(p.userId);
    const org = await this.db
      .selectFrom('orgs')
      .selectAll()
      .where('id', '=', p.orgId)
      .executeTakeFirstOrThrow();
    return { user: await this.agentOf(user), org: toOrg(org) };
  }

  /** Closed sign-up: only while no org exists (the first admin); otherwise a 403. */
  private async ensureFirstOrg(db: Db): Promise<void> {
    const anyOrg = await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
    if (anyOrg) {
      throw new ApiError(
        403,
        'signup_closed',
        'sign-up is closed on this server; ask an admin for an account',
      );
    }
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: new Date() })
      .where('family_id', '=', familyId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  private async loadUser(userId: string): Promise<UserRow> {
    const user = await this.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user?.active) throw unauthorized('your account is not active; ask an admin');
    return user;
  }

  private async agentOf(user: UserRow) {
    const cred = await this.db
      .selectFrom('webrtc_credentials')
      .select('id')
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    return toAgent(user, cred !== undefined);
  }

  /** A new access token and refresh token in `familyId`; `replacing` is the token it rotates. */
  private async startSession(
    userId: string,
    familyId: string,
    replacing?: string,
  ): Promise<AuthSession> {
    const user = await this.loadUser(userId);
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshExpires = new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000);
    const tokenId = randomUUID();
    await this.db
      .insertInto('refresh_tokens')
      .values({
        id: tokenId,
        org_id: user.org_id,
        user_id: user.id,
        family_id: familyId,
        token_hash: hashToken(refreshToken),
        expires_at: refreshExpires,
      })
      .execute();
    if (replacing) {
      await this.db
        .updateTable('refresh_tokens')
        .set({ replaced_by: tokenId })
        .where('id', '=', replacing)
        .execute();
    }
    const access = await this.accessTokens.issue({
      userId: user.id,
      orgId: user.org_id,
      role: user.role,
    });
    const org = await this.db
      .selectFrom('orgs')
      .selectAll()
      .where('id', '=', user.org_id)
      .executeTakeFirstOrThrow();
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken,
      refreshTokenExpiresAt: refreshExpires.toISOString(),
      user: await this.agentOf(user),
      org: toOrg(org),
    };
  }
}
