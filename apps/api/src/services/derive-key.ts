import { createHmac } from 'node:crypto';

/** A key for one purpose, derived from a server secret, so no MAC made for it serves another. */
export const deriveKey = (secret: Uint8Array, purpose: string): Buffer =>
  createHmac('sha256', secret).update(`crokodialer:${purpose}`).digest();
