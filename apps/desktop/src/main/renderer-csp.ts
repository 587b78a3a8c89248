import { isLoopbackUrl } from '@crokodialer/shared';

/**
 * The packaged renderer's Content-Security-Policy, built from the settings
 * (docs/architecture.md#window-hardening). The page's sockets go to the Telnyx gateway only: the
 * companion API is reached by main, never by the page, so its origin is not here. Gateways are the
 * one in the settings (direct mode) and those the companion API handed out with login material
 * this run (an organisation may have its own); `wss://` anywhere, `ws://` only on this computer
 * (telnyx-sim). Anything else is left out, whatever put it there.
 */
export function buildRendererCsp(gateways: readonly string[]): string {
  const origins = new Set<string>();
  for (const gateway of gateways) {
    const origin = gatewayOrigin(gateway);
    if (origin) origins.add(origin);
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src 'self'${[...origins].map((o) => ` ${o}`).join('')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "worker-src 'self'",
  ].join('; ');
}

/** `wss://host[:port]`, or `ws://` on loopback; null for anything else or a malformed URL. */
export function gatewayOrigin(gateway: string): string | null {
  let url: URL;
  try {
    url = new URL(gateway);
  } catch {
    return null;
  }
  const secure = url.protocol === 'wss:';
  if (!secure && !(url.protocol === 'ws:' && isLoopbackUrl(gateway))) return null;
  // A source expression is an origin: no path, no credentials, nothing that could end it early.
  if (!/^[a-z0-9.[\]:-]+$/i.test(url.host)) return null;
  return `${url.protocol}//${url.host}`;
}

/**
 * The policy each document of the window loads with. A document keeps the policy it loaded with,
 * so when the allowed gateways change the page must load again to reach a new one: `stale()` says
 * so (index.ts reloads the window then, unless a call is live).
 */
export class RendererCsp {
  private served: string | null = null;

  constructor(private readonly gateways: () => readonly string[]) {}

  /** The policy for a document loading now; remembered as the one the page runs under. */
  forDocument(): string {
    this.served = buildRendererCsp(this.gateways());
    return this.served;
  }

  /** True when the page runs under a policy that no longer matches the settings. */
  stale(): boolean {
    return this.served !== null && this.served !== buildRendererCsp(this.gateways());
  }
}
