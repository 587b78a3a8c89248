// Login tokens as Telnyx mints them for `POST /v2/telephony_credentials/{id}/token`: HS512 JWTs with
// aud/iss `telnyx_telephony`, sub = credential id, jti, iat/nbf/exp, typ `access` and an opaque
// `tel_token` (docs/telnyx-protocol.md#telephony-credentials). Minting uses jose; verification is
// synchronous (node:crypto HMAC plus jose's decoders) because the gateway's `Accounts.checkToken`
// is synchronous.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';

const AUDIENCE = 'telnyx_telephony';
const ISSUER = 'telnyx_telephony';
/** Tolerated clock skew for `nbf`, in seconds. */
const NBF_SKEW_SECONDS = 5;
/** Anything longer is not one of our tokens; refuse before doing any work. */
const MAX_TOKEN_LENGTH = 8192;

export interface TokenClaims {
  sub: string;
  jti: string;
  iat: number;
  exp: number;
}

export type TokenVerdict =
  { ok: true; claims: TokenClaims } | { ok: false; reason: 'invalid-token' | 'expired' };

export interface TokenServiceOptions {
  secret: Uint8Array;
  lifetimeSeconds: number;
  now: () => number;
}

export interface TokenService {
  /** Mints a token for a credential; `notAfterMs` caps `exp` (the credential's own expiry). */
  mint(
    credentialId: string,
    notAfterMs: number | null,
  ): Promise<{ token: string; claims: TokenClaims }>;
  verify(token: string): TokenVerdict;
}

export function secretFrom(value: string | Uint8Array | undefined): Uint8Array {
  if (value === undefined) return randomBytes(64);
  return typeof value === 'string' ? new TextEncoder().encode(value) : value;
}

export function createTokenService(options: TokenServiceOptions): TokenService {
  const { secret, lifetimeSeconds, now } = options;

  async function mint(credentialId: string, notAfterMs: number | null) {
    const iat = Math.floor(now() / 1000);
    let exp = iat + lifetimeSeconds;
    // "valid until 24 hours after its creation or the parent telephony credential is expired,
    // whichever comes first" (docs/telnyx-protocol.md#telephony-credentials).
    if (notAfterMs !== null) exp = Math.min(exp, Math.floor(notAfterMs / 1000));
    const claims: TokenClaims = { sub: credentialId, jti: randomUUID(), iat, exp };
    const token = await new SignJWT({ typ: 'access', tel_token: randomBytes(24).toString('hex') })
      .setProtectedHeader({ alg: 'HS512', typ: 'JWT' })
      .setAudience(AUDIENCE)
      .setIssuer(ISSUER)
      .setSubject(claims.sub)
      .setJti(claims.jti)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(exp)
      .sign(secret);
    return { token, claims };
  }

  function verify(token: string): TokenVerdict {
    const invalid = { ok: false, reason: 'invalid-token' } as const;
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return invalid;
    const parts = token.split('.');
    if (parts.length !== 3) return invalid;
    const [head, body, sig] = parts as [string, string, string];
    let payload: ReturnType<typeof decodeJwt>;
    try {
      if (decodeProtectedHeader(token).alg !== 'HS512') return invalid;
      payload = decodeJwt(token);
    } catch {
      return invalid;
    }
    const expected = createHmac('sha512', secret).update(`${head}.${body}`).digest();
    const given = Buffer.from(sig, 'base64url');
    // Buffer.from is lenient; re-encoding catches non-canonical signatures.
    if (given.toString('base64url') !== sig || given.length !== expected.length) return invalid;
    if (!timingSafeEqual(given, expected)) return invalid;

    const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    const { sub, jti, iat, exp, nbf } = payload;
    if (!aud.includes(AUDIENCE) || payload.iss !== ISSUER || payload['typ'] !== 'access') {
      return invalid;
    }
    if (typeof sub !== 'string' || typeof jti !== 'string') return invalid;
    if (typeof exp !== 'number' || typeof iat !== 'number') return invalid;
    const nowSeconds = now() / 1000;
    if (typeof nbf === 'number' && nbf > nowSeconds + NBF_SKEW_SECONDS) return invalid;
    if (exp <= nowSeconds) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { sub, jti, iat, exp } };
  }

  return { mint, verify };
}
