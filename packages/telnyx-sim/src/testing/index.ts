// Test helpers other packages reuse (`@crokodialer/telnyx-sim/testing`): headless Debian Chromium
// with the docs/architecture.md#end-to-end-in-chromium flags, and a 127.0.0.1 page that loads the
// real @telnyx/webrtc UMD bundle (global `TelnyxWebRTC`,
// docs/telnyx-protocol.md#browser-requirements). Never downloads a browser.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * docs/architecture.md#loopback-only-webrtc; `--allow-loopback-in-peer-connection` is what lets
 * WebRTC work in a lo-only netns.
 */
export const CHROMIUM_ARGS = [
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
] as const;

export interface LaunchOptions {
  executablePath?: string;
  extraArgs?: string[];
}

/**
 * Launches Chromium. Playwright's `launch()` always starts it with a fresh temporary
 * `--user-data-dir` (and refuses one passed in `args`), removed on `close()`, which is exactly the
 * clean profile docs/architecture.md#end-to-end-in-chromium asks for. Use one browser per suite and
 * a new context per test, so no sessionStorage (the SDK's reconnect token,
 * docs/telnyx-protocol.md#reconnect-token) leaks between tests.
 */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: options.executablePath ?? CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
  });
}

export interface SdkPageServer {
  /**
   * `http://127.0.0.1:PORT/` — a secure context, so getUserMedia works
   * (docs/telnyx-protocol.md#browser-requirements).
   */
  url: string;
  close(): Promise<void>;
}

export interface SdkPageOptions {
  /** Extra HTML inside <body>, after the SDK script. */
  bodyHtml?: string;
  /** Path of the UMD bundle; default `@telnyx/webrtc/lib/bundle.js` as installed. */
  bundlePath?: string;
  /** Extra files served as-is: path → [content type, body]. */
  files?: Record<string, [string, string | Buffer]>;
}

export function sdkBundlePath(): string {
  return createRequire(import.meta.url).resolve('@telnyx/webrtc/lib/bundle.js');
}

/** Serves a blank page with `<audio id="remoteAudio">` and the SDK bundle on 127.0.0.1. */
export async function serveSdkPage(options: SdkPageOptions = {}): Promise<SdkPageServer> {
  const bundle = readFileSync(options.bundlePath ?? sdkBundlePath());
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>telnyx-sim test page</title></head>
<body><audio id="remoteAudio" autoplay></audio><script src="/telnyx-webrtc.js"></script>${options.bodyHtml ?? ''}</body></html>`;
  const files: Record<string, [string, string | Buffer]> = {
    '/': ['text/html; charset=utf-8', html],
    '/telnyx-webrtc.js': ['text/javascript; charset=utf-8', bundle],
    ...options.files,
  };
  const server = createServer((req, res) => {
    const file = files[(req.url ?? '/').split('?')[0] ?? '/'];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' });
    res.end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
export * from './sim-fixture.js';
export * from './verto-agent.js';
export * from './verto-socket.js';
