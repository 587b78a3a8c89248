import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium with the flags of DESIGN.md §6. Never downloads a browser. The fresh profile:
 * playwright's launch() always makes a new temporary --user-data-dir (and refuses one passed in).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}
