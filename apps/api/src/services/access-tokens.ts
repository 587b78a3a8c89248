import { SignJWT, jwtVerify } from 'jose';

export interface Principal {
  userId: string;
  orgId: string;
  role: 'admin' | 'agent';
}

const ISSUER = 'crokodialer-api';
const AUDIENCE = 'crokodialer';

/** Short-lived HS256 access JWTs. The refresh token, not this, is what keeps a session alive. */
export class AccessTokens {
  constructor(
    private readonly secret: Uint8Array,
    private readonly ttlSeconds: number,
  ) {}

  async issue(p: Principal): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.ttlSeconds;
    const token = await new SignJWT({ org: p.orgId, role: p.role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(p.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(this.secret);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The principal, or null for anything not a valid, unexpired token of ours. */
  async verify(token: string): Promise<Principal | null> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      const { sub, org, role } = payload;
      if (typeof sub !== 'string' || typeof org !== 'string') return null;
      if (role !== 'admin' && role !== 'agent') return null;
      return { userId: sub, orgId: org, role };
    } catch {
      return null;
    }
  }
}
