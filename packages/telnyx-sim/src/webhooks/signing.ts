// Telnyx webhook signing (docs/telnyx-protocol.md#webhook-signatures): Ed25519 over
// `${timestamp}|${rawBody}`, sent as `telnyx-signature-ed25519` (base64) and `telnyx-timestamp`
// (Unix seconds). The public key is shown as Telnyx's Mission Control shows it: the 32 raw key
// bytes in base64.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

export interface WebhookSigner {
  publicKeyBase64: string;
  /** Headers for one delivery of `rawBody` at `unixSeconds`. */
  headers(rawBody: string, unixSeconds: number): Record<string, string>;
}

/** `privateKey`: an Ed25519 KeyObject or PKCS#8 PEM; a fresh key pair by default. */
export function createSigner(privateKey?: KeyObject | string): WebhookSigner {
  const key =
    privateKey === undefined
      ? generateKeyPairSync('ed25519').privateKey
      : typeof privateKey === 'string'
        ? createPrivateKey(privateKey)
        : privateKey;
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error('Webhook signing key must be an Ed25519 private key.');
  }
  // SPKI DER for Ed25519 is a fixed 12-byte prefix followed by the 32 raw key bytes.
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  const publicKeyBase64 = spki.subarray(-32).toString('base64');
  return {
    publicKeyBase64,
    headers(rawBody, unixSeconds) {
      const timestamp = String(unixSeconds);
      const signature = sign(null, Buffer.from(`${timestamp}|${rawBody}`), key);
      return {
        'content-type': 'application/json',
        'user-agent': 'telnyx-sim-webhooks',
        'telnyx-timestamp': timestamp,
        'telnyx-signature-ed25519': signature.toString('base64'),
      };
    },
  };
}
