/**
 * Which frames may call main (docs/architecture.md#ipc-contract): only the app's own top-level
 * frame, loaded from one of the app's origins. Subframes, other origins, and destroyed frames are
 * refused.
 */
export interface SenderFrame {
  url: string;
  /** null for a top-level frame. */
  parent: unknown;
}

export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    // file: URLs have an opaque "null" origin; compare them by scheme alone (packaged app loads one file).
    if (parsed.protocol === 'file:') return 'file://';
    // WHATWG URL gives custom schemes (our privileged app://) an opaque origin; build scheme://host.
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

export function isTrustedSender(
  frame: SenderFrame | null | undefined,
  appOrigins: readonly string[],
): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  const origin = originOf(frame.url);
  return origin !== null && appOrigins.includes(origin);
}
