import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, appUrlToFile } from '../../src/main/app-protocol.js';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { createMainWindow } from '../../src/main/app-window.js';
import { isSafeExternalUrl, openExternalUrl } from '../../src/main/open-external-url.js';
import {
  isPermissionCheckAllowed,
  isPermissionGranted,
  mayNavigate,
  windowOpenDecision,
} from '../../src/main/web-guards.js';

const origins = [APP_ORIGIN];

describe('openExternalUrl', () => {
  it.each([
    ['https://telnyx.com/docs', true],
    ['http://example.com', true],
    // The admin console at the API's origin, local or public.
    ['http://127.0.0.1:8787/admin/', true],
    ['https://dialer-api.example.com/admin/', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://attacker/share', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['https://user:pass@example.com', false],
    ['vbscript:msgbox', false],
    ['data:text/html,<script>1</script>', false],
    ['not a url', false],
    ['https://' + 'a'.repeat(5000) + '.com', false],
  ])('%s → %s', async (url, allowed) => {
    expect(isSafeExternalUrl(url)).toBe(allowed);
    const opened: string[] = [];
    const shell = { openExternal: (u: string) => Promise.resolve(void opened.push(u)) };
    expect(await openExternalUrl(shell, url)).toBe(allowed);
    expect(opened).toHaveLength(allowed ? 1 : 0);
  });
});

describe('navigation and window guard', () => {
  it.each([
    [`${APP_ORIGIN}/index.html#/settings`, true],
    ['https://evil.example/', false],
    ['app://crokodialer.evil.example/', false],
    ['app://evil/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['about:blank', false],
    ['chrome://settings', false],
  ])('navigation to %s allowed: %s', (url, allowed) => {
    expect(mayNavigate(url, origins)).toBe(allowed);
  });

  it('never opens app windows; only http(s) goes to the browser', () => {
    expect(windowOpenDecision('https://crm.example/contact/1')).toEqual({ openInBrowser: true });
    expect(windowOpenDecision('file:///C:/Windows/system32/calc.exe')).toEqual({
      openInBrowser: false,
    });
    expect(windowOpenDecision(`${APP_ORIGIN}/index.html`)).toEqual({ openInBrowser: false });
  });
});

describe('permissions', () => {
  it('grants microphone capture to the app origin only', () => {
    const req = (permission: string, url: string, mediaTypes?: string[]) =>
      isPermissionGranted(
        { permission, requestingUrl: url, ...(mediaTypes ? { mediaTypes } : {}) },
        origins,
      );
    expect(req('media', `${APP_ORIGIN}/index.html`, ['audio'])).toBe(true);
    expect(req('media', `${APP_ORIGIN}/index.html`, ['audio', 'video'])).toBe(false);
    expect(req('media', `${APP_ORIGIN}/index.html`, ['video'])).toBe(false);
    expect(req('media', `${APP_ORIGIN}/index.html`, [])).toBe(false);
    expect(req('media', 'https://evil.example/', ['audio'])).toBe(false);
    for (const p of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'display-capture',
      'openExternal',
    ]) {
      expect(req(p, `${APP_ORIGIN}/index.html`, ['audio'])).toBe(false);
    }
  });

  it('answers permission checks for audio devices only', () => {
    expect(isPermissionCheckAllowed('media', APP_ORIGIN, 'audio', origins)).toBe(true);
    expect(isPermissionCheckAllowed('media', APP_ORIGIN, 'video', origins)).toBe(false);
    expect(isPermissionCheckAllowed('media', 'https://evil.example', 'audio', origins)).toBe(false);
    expect(isPermissionCheckAllowed('hid', APP_ORIGIN, undefined, origins)).toBe(false);
  });
});

describe('app:// protocol', () => {
  const root = mkdtempSync(join(tmpdir(), 'croko-renderer-'));
  it.each([
    [`${APP_ORIGIN}/`, join(root, 'index.html')],
    [`${APP_ORIGIN}/assets/app.js`, join(root, 'assets/app.js')],
    [`${APP_ORIGIN}/../../etc/passwd`, join(root, 'etc/passwd')],
    // Encoded traversal stays clamped inside the renderer folder.
    [`${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`, join(root, 'etc/passwd')],
    [`${APP_ORIGIN}/..%2f..%2fetc%2fpasswd`, join(root, 'etc/passwd')],
    [`${APP_ORIGIN}/..%5c..%5cetc%5cpasswd`, join(root, '..\\..\\etc\\passwd')],
    ['app://other/index.html', null],
    [`${APP_ORIGIN}/%E0%A4%A`, null],
  ])('%s → %s', (url, file) => {
    expect(appUrlToFile(url, root)).toBe(file);
  });
});

describe('the app window', () => {
  it('is isolated, sandboxed, without node or webviews, and loads the app URL', () => {
    let seen: BrowserWindowConstructorOptions | null = null;
    const loaded: string[] = [];
    // BrowserWindow mocked at the boundary: records its options.
    class FakeWindow {
      constructor(o: BrowserWindowConstructorOptions) {
        seen = o;
      }
      once() {}
      on() {}
      loadURL(url: string) {
        loaded.push(url);
        return Promise.resolve();
      }
    }
    createMainWindow(
      FakeWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow,
      {
        preload: '/app/out/preload/index.cjs',
        url: `${APP_ORIGIN}/index.html`,
        bounds: null,
        devTools: false,
        onBounds: () => undefined,
      },
    );
    expect(seen!.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
    });
    expect(loaded).toEqual([`${APP_ORIGIN}/index.html`]);
  });
});
