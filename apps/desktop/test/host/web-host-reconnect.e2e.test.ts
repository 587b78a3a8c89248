import { launchChromium } from '@crokodialer/telnyx-sim/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRendererForWeb } from '../../src/host/build-renderer.js';
import { loadHostToken } from '../../src/host/host-token.js';
import { startWebHost, type WebHost } from '../../src/host/web-host.js';
import {
  createDesktopServices,
  type DesktopServices,
} from '../../src/main/services/desktop-services.js';
import { loadKeytar } from '../../src/main/services/keytar-backend.js';

// The web-mode page outlives its host: restart the host (new services, same data dir, so the
// same port and token) and the page in real Chromium says it is reconnecting, then works again.
const work = mkdtempSync(join(tmpdir(), 'croko-web-reconnect-'));
const dataDir = join(work, 'data');
const staticDir = join(work, 'renderer');
let browser: Browser;
let running: { services: DesktopServices; host: WebHost } | null = null;

async function startHost(port = 0) {
  const services = await createDesktopServices({
    dataDir,
    defaultApiUrl: 'http://127.0.0.1:9',
    keychain: await loadKeytar(),
  });
  const host = await startWebHost({
    services,
    staticDir,
    version: '0.1.0-test',
    port,
    token: await loadHostToken(dataDir),
  });
  running = { services, host };
  return host;
}
async function stopHost() {
  await running?.host.close();
  await running?.services.outbox.stop();
  running = null;
}

beforeAll(async () => {
  await buildRendererForWeb(staticDir);
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await stopHost();
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('web mode page when the host restarts', () => {
  it('shows that it is reconnecting, reconnects, and its requests work again', async () => {
    const first = await startHost();
    const port = Number(new URL(first.origin).port);
    const page = await browser.newPage();
    await page.goto(first.pageUrl);
    expect(await page.evaluate(() => window.dialer.app.getInfo())).toMatchObject({ webMode: true });
    const banner = page.locator('#host-connection-banner');
    expect(await banner.count()).toBe(0);

    await stopHost();
    await banner.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await banner.getAttribute('role')).toBe('status');
    await expect(banner.textContent()).resolves.toMatch(/Reconnecting/);
    // A request made while the host is away waits for it rather than failing at once.
    await page.evaluate(() => {
      (window as unknown as { update: Promise<unknown> }).update = window.dialer.settings.update({
        doNotDisturb: true,
      });
    });

    await startHost(port);
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    const updated = await page.evaluate(
      () => (window as unknown as { update: Promise<{ doNotDisturb: boolean }> }).update,
    );
    expect(updated.doNotDisturb).toBe(true);
    expect(running!.services.settings.get().doNotDisturb).toBe(true);
    expect(await page.evaluate(() => window.dialer.session.getState())).toMatchObject({
      status: 'signed-out',
    });
    // Events from the new host reach the page's old subscriptions.
    const seen = await page.evaluate(async () => {
      const values: boolean[] = [];
      const off = window.dialer.settings.onChange((s) => values.push(s.doNotDisturb));
      await window.dialer.settings.update({ doNotDisturb: false });
      await new Promise((r) => setTimeout(r, 200));
      off();
      return values;
    });
    expect(seen).toContain(false);
    await page.close();
  }, 120_000);

  it('tells a page whose token the host refuses to open the printed URL, and fails its requests fast', async () => {
    const host = running?.host ?? (await startHost());
    const page = await browser.newPage();
    await page.goto(`${host.origin}/#token=${'x'.repeat(43)}`);
    const started = Date.now();
    const outcome = await page.evaluate(() =>
      window.dialer.session.getState().then(
        () => 'answered',
        (e: Error) => e.message,
      ),
    );
    expect(outcome).toMatch(/^forbidden: .*refused this page/);
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect(page.locator('#host-connection-banner').textContent()).resolves.toMatch(
      /Open the URL the host printed/,
    );
    await page.close();
  }, 60_000);
});
