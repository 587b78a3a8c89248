import { originOf } from './ipc/sender-check.js';
import { isSafeExternalUrl } from './open-external-url.js';

/**
 * Decisions of the one navigation / new-window / webview guard
 * (docs/architecture.md#window-hardening), kept pure so they are tested with hostile URLs;
 * window-guards.ts wires them to Electron.
 */
export function mayNavigate(url: string, appOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && appOrigins.includes(origin);
}

/** window.open / target=_blank: never a new app window; http(s) goes to the browser. */
export function windowOpenDecision(url: string): { openInBrowser: boolean } {
  return { openInBrowser: isSafeExternalUrl(url) };
}

export interface PermissionRequest {
  permission: string;
  /** Origin or URL of the frame asking. */
  requestingUrl: string;
  /** For 'media': which kinds; video or screen capture is never granted. */
  mediaTypes?: readonly string[];
}

/**
 * A softphone needs the microphone and nothing else (docs/architecture.md#permissions): grant
 * `media` for audio only, to the app's own origin; deny every other permission.
 */
export function isPermissionGranted(
  req: PermissionRequest,
  appOrigins: readonly string[],
): boolean {
  if (req.permission !== 'media') return false;
  if (!mayNavigate(req.requestingUrl, appOrigins)) return false;
  const types = req.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'audio');
}

/**
 * Permission *checks* (not grants): Chromium asks about `media` with type `unknown` to decide
 * whether device labels may be shown in the audio-device picker; capture still needs a grant.
 */
export function isPermissionCheckAllowed(
  permission: string,
  requestingUrl: string,
  mediaType: string | undefined,
  appOrigins: readonly string[],
): boolean {
  if (permission !== 'media' || !mayNavigate(requestingUrl, appOrigins)) return false;
  return mediaType === 'audio' || mediaType === 'unknown';
}
