// Shared setup of the browser tiers: one sim, one Chromium and one page server per file; a fresh
// browser context per agent; faults reset before every test.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Sim } from '../../src/index.js';
import { launchChromium, serveSdkPage, type SdkPageServer } from '../../src/testing/index.js';
import { BrowserAgent } from './browser-agent.js';
import { HARNESS_JS } from './harness-page.js';
import { control, newCredential, startTestSim, type TestCredential } from './sim-fixture.js';

export interface BrowserSuite {
  sim: Sim;
  /** A new SDK page in its own context, closed after the test. */
  agent(): Promise<BrowserAgent>;
  /** A new credential, logged in from a new agent, `telnyx.ready` reached. */
  readyAgent(): Promise<{ agent: BrowserAgent; cred: TestCredential }>;
}

export function useBrowserSuite(options: Parameters<typeof startTestSim>[0] = {}): BrowserSuite {
  let sim: Sim | undefined;
  let browser: Browser | undefined;
  let pages: SdkPageServer | undefined;
  let open: BrowserAgent[] = [];

  beforeAll(async () => {
    [sim, browser, pages] = await Promise.all([
      startTestSim(options),
      launchChromium(),
      serveSdkPage({
        bodyHtml: '<script src="/harness.js"></script>',
        files: { '/harness.js': ['text/javascript; charset=utf-8', HARNESS_JS] },
      }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await sim?.close();
  });
  beforeEach(async () => {
    await control(suite.sim, '/faults/reset', {});
  });
  afterEach(async () => {
    await Promise.all(open.map((a) => a.close()));
    open = [];
  });

  const suite: BrowserSuite = {
    get sim() {
      if (!sim) throw new Error('sim not started');
      return sim;
    },
    async agent() {
      if (!browser || !pages) throw new Error('browser not started');
      const agent = await BrowserAgent.open(browser, pages.url);
      open.push(agent);
      return agent;
    },
    async readyAgent() {
      const cred = newCredential(suite.sim);
      const agent = await suite.agent();
      await agent.connect({
        host: suite.sim.wsUrl,
        login: cred.sipUsername,
        password: cred.sipPassword,
      });
      await agent.waitReady();
      return { agent, cred };
    },
  };
  return suite;
}
