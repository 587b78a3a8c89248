/**
 * What the browser benchmarks share: one telnyx-sim, one Chromium (loopback-only namespace, the
 * e2e flags plus `--expose-gc`), the engine's harness page (apps/desktop/test/telephony/harness:
 * the app's own `createEngine` over the real SDK) and the bare SDK's page (telnyx-sim's in-page
 * driver, the SDK with default options). Each agent gets a fresh browser context and credential.
 */
import type { LoginMaterial } from '@crokodialer/shared';
import type { Sim } from '@crokodialer/telnyx-sim';
import {
  launchChromium,
  newCredential,
  serveSdkPage,
  startTestSim,
  type SdkPageServer,
} from '@crokodialer/telnyx-sim/testing';
import type { Browser } from 'playwright-core';
import {
  AGENT_NUMBER,
  EngineAgent,
  serveHarness,
} from '../../apps/desktop/test/telephony/harness/e2e-harness.js';
import type { StartOptions } from '../../apps/desktop/test/telephony/harness/harness-api.js';
// The page's `window.T` (the engine harness), for code evaluated in the page.
import type {} from '../../apps/desktop/test/telephony/harness/page-entry.js';
import { BrowserAgent } from '../../packages/telnyx-sim/test/helpers/browser-agent.js';
import { HARNESS_JS } from '../../packages/telnyx-sim/test/helpers/harness-page.js';

export { AGENT_NUMBER, BrowserAgent as SdkAgent, EngineAgent };

/** One side of a comparison: the agent, its credential, and the call kept up through a fault. */
export interface Side<A> {
  agent: A;
  credentialId: string;
  callId?: string;
}

export class TelephonyWorld {
  private constructor(
    readonly sim: Sim,
    readonly browser: Browser,
    private readonly enginePage: SdkPageServer,
    private readonly sdkPage: SdkPageServer,
  ) {}

  static async start(): Promise<TelephonyWorld> {
    if (process.env.CROKO_IN_NETNS !== '1')
      throw new Error('browser benchmarks run in the loopback-only namespace: use `npm run bench`');
    const [sim, browser, enginePage, sdkPage] = await Promise.all([
      startTestSim(),
      launchChromium({ extraArgs: ['--js-flags=--expose-gc'] }),
      serveHarness(),
      serveSdkPage({
        bodyHtml: '<script src="/harness.js"></script>',
        files: { '/harness.js': ['text/javascript; charset=utf-8', HARNESS_JS] },
      }),
    ]);
    return new TelephonyWorld(sim, browser, enginePage, sdkPage);
  }

  /** The sim's control API (`/sim/...`). */
  async control<T = Record<string, unknown>>(path: string, body: unknown = {}): Promise<T> {
    const res = await fetch(`${this.sim.controlUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** The engine, registered; its production policies unless `supervisor` says otherwise. */
  async engine(supervisor: StartOptions['supervisor'] = {}): Promise<Side<EngineAgent>> {
    const cred = newCredential(this.sim);
    const material = (): LoginMaterial => ({
      kind: 'credentials',
      login: cred.sipUsername,
      password: cred.sipPassword,
      host: this.sim.wsUrl,
    });
    const agent = await EngineAgent.open(this.browser, this.enginePage.url, material);
    await agent.start({ agentNumber: AGENT_NUMBER, supervisor });
    await agent.waitConnection('registered', 20_000);
    return { agent, credentialId: cred.id };
  }

  /** The bare SDK with its default options (the loopback `iceServers: []` aside), ready. */
  async sdk(): Promise<Side<BrowserAgent>> {
    const cred = newCredential(this.sim);
    const agent = await BrowserAgent.open(this.browser, this.sdkPage.url);
    await agent.connect({
      host: this.sim.wsUrl,
      login: cred.sipUsername,
      password: cred.sipPassword,
    });
    await agent.waitReady(20_000);
    return { agent, credentialId: cred.id };
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await Promise.all([this.enginePage.close(), this.sdkPage.close(), this.sim.close()]);
  }
}
