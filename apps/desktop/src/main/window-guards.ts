import type { Session, WebContents } from 'electron';
import { openExternalUrl, type ShellLike } from './open-external-url.js';
import {
  isPermissionCheckAllowed,
  isPermissionGranted,
  mayNavigate,
  windowOpenDecision,
} from './web-guards.js';

/**
 * The ONE guard every web contents gets (app.on('web-contents-created')): no navigation away from
 * the app, no new windows (http(s) opens in the browser), no webviews.
 */
export function guardWebContents(
  contents: WebContents,
  appOrigins: readonly string[],
  shell: ShellLike,
): void {
  const block = (event: { preventDefault(): void }, url: string) => {
    if (!mayNavigate(url, appOrigins)) event.preventDefault();
  };
  contents.on('will-navigate', block);
  contents.on('will-redirect', block);
  contents.on('will-frame-navigate', (event) => block(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (windowOpenDecision(url).openInBrowser) void openExternalUrl(shell, url);
    return { action: 'deny' };
  });
}

/** Microphone for the app's own origin, nothing else (docs/architecture.md#permissions). */
export function installPermissionHandlers(session: Session, appOrigins: readonly string[]): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(
      isPermissionGranted(
        { permission, requestingUrl: details.requestingUrl, mediaTypes },
        appOrigins,
      ),
    );
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionCheckAllowed(permission, requestingOrigin, details.mediaType, appOrigins),
  );
  // No device chooser for HID/serial/USB/Bluetooth: a softphone has no use for them.
  session.setDevicePermissionHandler(() => false);
}
