import { createPublicKey, verify } from 'node:crypto';

export type SignatureCheck =
  { ok: true } | { ok: false; reason: 'missing-headers' | 'stale' | 'bad-signature' | 'bad-key' };

/**
 * Telnyx webhook signature (docs/telnyx-protocol.md#webhook-signatures): Ed25519 over
 * `${timestamp}|${rawBody}`, the key is the account's base64 32-byte public key, and the timestamp
 * must be within `toleranceSeconds` of now.
 */
export function verifyTelnyxSignature(input: {
  rawBody: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  publicKeyBase64: string;
  toleranceSeconds: number;
  nowSeconds?: number;
}): SignatureCheck {
  const { signature, timestamp } = input;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp))
    return { ok: false, reason: 'missing-headers' };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > input.toleranceSeconds)
    return { ok: false, reason: 'stale' };
  const raw = Buffer.from(input.publicKeyBase64, 'base64');
  if (raw.length !== 32) return { ok: false, reason: 'bad-key' };
  let key;
  try {
    key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
      format: 'jwk',
    });
  } catch {
    return { ok: false, reason: 'bad-key' };
  }
  const sig = Buffer.from(signature, 'base64');
  if (sig.length !== 64) return { ok: false, reason: 'bad-signature' };
  const signed = Buffer.concat([Buffer.from(`${timestamp}|`), input.rawBody]);
  return verify(null, signed, key, sig) ? { ok: true } : { ok: false, reason: 'bad-signature' };
}
