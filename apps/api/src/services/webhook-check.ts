import { createHmac, randomBytes } from 'node:crypto';
import type { WebhookTest } from '@crokodialer/shared';
import { deriveKey } from './derive-key.js';

export const PROBE_PATH = '/api/admin/webhook-probe';

/**
 * "Send a test": the server calls its own public webhook address from outside-in, the way Telnyx
 * will. The probe route answers with an HMAC of a fresh nonce, so only a path that really ends at
 * this deployment (any instance: the key is shared, no state) passes — not some other server.
 */
export class WebhookCheck {
  private readonly key: Buffer;

  constructor(
    secret: Uint8Array,
    private readonly publicUrl: string | null,
  ) {
    this.key = deriveKey(secret, 'webhook-probe');
  }

  get webhookUrl(): string | null {
    return this.publicUrl ? `${this.publicUrl.replace(/\/$/, '')}/api/webhooks/telnyx` : null;
  }

  proof(nonce: string): string {
    return createHmac('sha256', this.key).update(nonce).digest('base64url');
  }

  async run(timeoutMs = 5000): Promise<WebhookTest> {
    const url = this.webhookUrl;
    if (!this.publicUrl) {
      return {
        reachable: false,
        url,
        latencyMs: null,
        problem: 'the server does not know its public address; set WEBHOOK_PUBLIC_URL',
      };
    }
    const nonce = randomBytes(16).toString('base64url');
    const started = Date.now();
    try {
      const res = await fetch(`${this.publicUrl.replace(/\/$/, '')}${PROBE_PATH}/${nonce}`, {
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      const body = (await res.json().catch(() => null)) as { proof?: unknown } | null;
      const latencyMs = Date.now() - started;
      if (res.ok && body?.proof === this.proof(nonce)) {
        return { reachable: true, url, latencyMs, problem: null };
      }
      return {
        reachable: false,
        url,
        latencyMs,
        problem: `the address answered (HTTP ${res.status}) but not as this server; check the proxy points here`,
      };
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      return {
        reachable: false,
        url,
        latencyMs: null,
        problem: timedOut
          ? `no answer within ${timeoutMs / 1000} s; check DNS, firewall and the proxy`
          : 'the address could not be reached; check DNS, TLS certificate and firewall',
      };
    }
  }
}
