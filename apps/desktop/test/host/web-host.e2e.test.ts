import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildRendererForWeb } from '../../src/host/build-renderer.js';
import { startWebHost, type WebHost } from '../../src/host/web-host.js';
import {
  createDesktopServices,
  type DesktopServices,
} from '../../src/main/services/desktop-services.js';
import { loadKeytar } from '../../src/main/services/keytar-backend.js';
import { callLifecycle } from '../helpers/call-log-events.js';
import { launchChromium } from '@crokodialer/telnyx-sim/testing';
import { createAccount, listCallLogs, startRealApi, WEBRTC_HOST } from '../helpers/real-api.js';
import { waitFor } from '../helpers/wait-for.js';

// End to end in web mode: the real renderer bundle in Chromium, window.dialer through the host's
// WebSocket, the real keychain (with-keyring.sh), settings and outbox, and the real API (PGlite).
const work = mkdtempSync(join(tmpdir(), 'croko-web-e2e-'));
const artifacts = join(work, 'artifacts');
let api: Awaited<ReturnType<typeof startRealApi>>;
let browser: Browser;
let services: DesktopServices;
let host: WebHost;
let page: Page;

beforeAll(async () => {
  api = await startRealApi();
  await buildRendererForWeb(join(work, 'renderer'));
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await host?.close();
  await services?.outbox.stop();
  await browser?.close();
  await api?.close();
});

beforeEach(async (ctx) => {
  await host?.close();
  await services?.outbox.stop();
  const dataDir = join(work, `data-${ctx.task.id}`);
  rmSync(dataDir, { recursive: true, force: true });
  services = await createDesktopServices({
    dataDir,
    defaultApiUrl: api.url,
    keychain: await loadKeytar(),
    outboxBackoff: { baseMs: 20, maxMs: 200 },
  });
  await services.vault.deleteRefreshToken(api.url);
  services.outbox.start();
  host = await startWebHost({ services, staticDir: join(work, 'renderer'), version: '0.1.0-test' });
  page = await browser.newPage();
  ctx.onTestFailed(async () => {
    const shot = join(artifacts, `${ctx.task.id}.png`);
    await page.screenshot({ path: shot }).catch(() => undefined);
    console.error(`web e2e failure screenshot: ${shot}`);
  });
});

describe('web mode host', () => {
  it('serves the app whose window.dialer reaches the real services', async () => {
    const account = await createAccount(api.url);
    await page.goto(host.pageUrl);
    await page.getByTestId('session').filter({ hasText: 'Signed out' }).waitFor();
    await page.getByTestId('app-info').filter({ hasText: '(web mode)' }).waitFor();
    // The token left the address bar as soon as the bridge read it.
    expect(new URL(page.url()).hash).toBe('');

    const signedIn = await page.evaluate(
      ({ email, password }) => window.dialer.session.signIn({ mode: 'companion', email, password }),
      { email: account.email, password: account.password },
    );
    expect(signedIn).toMatchObject({
      status: 'signed-in',
      mode: 'companion',
      email: account.email,
    });
    expect(await services.vault.getRefreshToken(api.url)).toBeTruthy();

    const material = await page.evaluate(() => window.dialer.session.getLoginMaterial());
    expect(material).toMatchObject({ kind: 'token', host: WEBRTC_HOST });

    const changed = await page.evaluate(async () => {
      const seen: boolean[] = [];
      const off = window.dialer.settings.onChange((s) => seen.push(s.doNotDisturb));
      await window.dialer.settings.update({ doNotDisturb: true });
      await new Promise((r) => setTimeout(r, 100));
      off();
      return seen;
    });
    expect(changed).toEqual([true]);
    expect(services.settings.get().doNotDisturb).toBe(true);

    const call = callLifecycle(7);
    for (const event of call) {
      await page.evaluate((e) => window.dialer.callLogs.enqueue(e), event);
    }
    await waitFor(async () => {
      const logs = await listCallLogs(api.url, account.accessToken);
      return logs.length === 1 && logs[0]!.status === 'completed';
    }, 'the call log at the API');
  });

  it('turns bad requests into {code, message} errors in the page', async () => {
    await page.goto(host.pageUrl);
    const result = await page.evaluate(async () => {
      const dialer = window.dialer as unknown as {
        settings: { update(p: unknown): Promise<unknown> };
      };
      return dialer.settings
        .update({ apiUrl: 'https://evil.example' })
        .catch((e: Error) => e.message);
    });
    expect(result).toMatch(/^bad-request: /);
    const material = await page.evaluate(() =>
      window.dialer.session.getLoginMaterial().catch((e: Error) => e.message),
    );
    expect(material).toMatch(/^not-signed-in: /);
  });

  it('tells the page about network changes in web mode', async () => {
    await page.goto(host.pageUrl);
    await page.evaluate(() => {
      const w = window as unknown as { seen: boolean[] };
      w.seen = [];
      window.dialer.system.onNetworkChange((e) => w.seen.push(e.online));
    });
    // The browser fires these when the OS network goes away and comes back.
    await page.evaluate(() => window.dispatchEvent(new Event('offline')));
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForFunction(() => (window as unknown as { seen: boolean[] }).seen.length === 2);
    expect(await page.evaluate(() => (window as unknown as { seen: boolean[] }).seen)).toEqual([
      false,
      true,
    ]);
  });

  it('refuses a page with a wrong token', async () => {
    const wrong = `${host.origin}/#token=${'x'.repeat(43)}`;
    await page.goto(wrong);
    const outcome = await page.evaluate(() =>
      window.dialer.session.getState().then(
        () => 'answered',
        (e: Error) => e.message,
      ),
    );
    expect(outcome).toMatch(/refused|closed/);
  });

  it('refuses sockets without the token or from another origin', async () => {
    const token = new URLSearchParams(new URL(host.pageUrl).hash.slice(1)).get('token')!;
    const status = (url: string, origin: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { origin });
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => resolve(-1));
      });
    const base = host.origin.replace('http', 'ws');
    expect(await status(`${base}/dialer?token=${token}`, host.origin)).toBe(101);
    expect(await status(`${base}/dialer?token=nope`, host.origin)).toBe(401);
    expect(await status(`${base}/dialer`, host.origin)).toBe(401);
    expect(await status(`${base}/dialer?token=${token}`, 'http://evil.example')).toBe(403);
  });
});
