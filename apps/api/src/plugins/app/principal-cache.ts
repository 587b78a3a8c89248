import type { Principal } from '../../services/access-tokens.js';

/**
 * How long a user's role and active flag are trusted without asking the database again. A change
 * made through this instance takes effect at once (`forget`); one made through another instance
 * behind the same load balancer, within this long.
 */
export const PRINCIPAL_TTL_MS = 2_000;
/** A bound on memory: past this many signed-in users the cache starts over. */
const MAX_ENTRIES = 10_000;

/**
 * The principal behind an access token's claims, looked up at most once per user per
 * PRINCIPAL_TTL_MS instead of on every request. Only active users are kept: a refusal is never
 * cached, so a reactivated account works at once.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  /** Bumped by every `forget`: a lookup that started before one is not cached. */
  private generation = 0;

  constructor(private readonly load: (claims: Principal) => Promise<Principal | null>) {}

  async get(claims: Principal): Promise<Principal | null> {
    const hit = this.entries.get(claims.userId);
    if (hit && hit.until > Date.now() && hit.principal.orgId === claims.orgId) return hit.principal;
    const generation = this.generation;
    const principal = await this.load(claims);
    if (!principal) {
      this.entries.delete(claims.userId);
      return null;
    }
    if (generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(claims.userId, { principal, until: Date.now() + PRINCIPAL_TTL_MS });
    }
    return principal;
  }

  forget(userId: string): void {
    this.generation++;
    this.entries.delete(userId);
  }
}
