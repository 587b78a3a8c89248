// One SDK client in a fresh browser context (docs/telnyx-protocol.md#reconnect-token: no
// sessionStorage shared between tests), driven through the in-page harness.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitFor } from './sim-fixture.js';

export interface SdkEvent {
  at: number;
  type: string;
  id?: string;
  state?: string;
  direction?: string;
  cause?: string;
  causeCode?: number;
  sipCode?: number | null;
  sipReason?: string | null;
  callControlId?: string;
  remoteCallerName?: string;
  remoteCallerNumber?: string;
  customHeaders?: { name: string; value: string }[];
  code?: number;
  name?: string;
}

export interface ConnectOptions {
  host: string;
  login?: string;
  password?: string;
  token?: string;
  extra?: Record<string, unknown>;
}

export class BrowserAgent {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  static async open(browser: Browser, url: string): Promise<BrowserAgent> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    return new BrowserAgent(context, page);
  }

  connect(options: ConnectOptions): Promise<void> {
    return this.page.evaluate(
      (o) => (globalThis as unknown as HarnessGlobal).H.connect(o),
      options,
    );
  }

  events(): Promise<SdkEvent[]> {
    return this.page.evaluate(
      () => (globalThis as unknown as HarnessGlobal).H.events as SdkEvent[],
    );
  }

  /** Waits for an SDK event matching `pred` that happened after index `from` of the log. */
  async waitEvent(what: string, pred: (e: SdkEvent) => boolean, timeoutMs = 15_000, from = 0) {
    return waitFor(what, async () => (await this.events()).slice(from).find(pred), timeoutMs);
  }

  async eventCount(): Promise<number> {
    return (await this.events()).length;
  }

  waitReady(timeoutMs = 15_000, from = 0) {
    return this.waitEvent('telnyx.ready', (e) => e.type === 'ready', timeoutMs, from);
  }

  waitCallState(id: string, state: string, timeoutMs = 15_000, from = 0) {
    return this.waitEvent(
      `call ${id} → ${state}`,
      (e) => e.type === 'call' && e.id === id && e.state === state,
      timeoutMs,
      from,
    );
  }

  newCall(options: Record<string, unknown>): Promise<string> {
    return this.page.evaluate(
      (o) => (globalThis as unknown as HarnessGlobal).H.newCall(o),
      options,
    );
  }

  async call(method: 'answer' | 'hangup' | 'hold' | 'unhold', id: string): Promise<void> {
    await this.page.evaluate(([m, i]) => (globalThis as unknown as HarnessGlobal).H[m](i), [
      method,
      id,
    ] as const);
  }

  dtmf(id: string, digit: string): Promise<void> {
    return this.page.evaluate(([i, d]) => (globalThis as unknown as HarnessGlobal).H.dtmf(i, d), [
      id,
      digit,
    ] as const);
  }

  inboundAudio(
    id: string,
  ): Promise<{ packets: number; bytes: number; codec: string | null; state: string }> {
    return this.page.evaluate(
      (i) => (globalThis as unknown as HarnessGlobal).H.inboundAudio(i),
      id,
    );
  }

  connected(): Promise<boolean> {
    return this.page.evaluate(() => (globalThis as unknown as HarnessGlobal).H.connected());
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

/* The in-page harness (helpers/harness-page.ts), as tests see it; evaluated in the page. */
interface HarnessGlobal {
  H: {
    events: unknown[];
    connect(o: ConnectOptions): void;
    newCall(o: Record<string, unknown>): string;
    answer(id: string): Promise<void>;
    hangup(id: string): Promise<void>;
    hold(id: string): Promise<void>;
    unhold(id: string): Promise<void>;
    dtmf(id: string, digit: string): void;
    inboundAudio(
      id: string,
    ): Promise<{ packets: number; bytes: number; codec: string | null; state: string }>;
    connected(): boolean;
  };
}
