/**
 * Node side of the telephony e2e tier: bundles the engine for the browser with esbuild, serves it
 * from 127.0.0.1 next to the real SDK (telnyx-sim's `serveSdkPage`), and drives one engine per fresh
 * browser context (docs/telnyx-protocol.md#reconnect-token: no sessionStorage shared between
 * tests).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoginMaterial } from '@crokodialer/shared';
import type { Sim } from '@crokodialer/telnyx-sim';
import { serveSdkPage, type SdkPageServer } from '@crokodialer/telnyx-sim/testing';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HarnessSnapshot, MediaCounters, StartOptions, Transition } from './harness-api.js';

const here = fileURLToPath(new URL('.', import.meta.url));

async function bundle(entry: string, format: 'iife' | 'esm'): Promise<string> {
  const result = await build({
    entryPoints: [join(here, entry)],
    bundle: true,
    format,
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced nothing for ${entry}`);
  return file.text;
}

/** Serves the harness page: instrumentation first, then the engine bundle. */
export async function serveHarness(): Promise<SdkPageServer> {
  const [instrument, engine] = await Promise.all([
    bundle('instrument-entry.ts', 'iife'),
    bundle('page-entry.ts', 'esm'),
  ]);
  return serveSdkPage({
    bodyHtml:
      '<script src="/instrument.js"></script><script type="module" src="/engine.js"></script>',
    files: {
      '/instrument.js': ['text/javascript; charset=utf-8', instrument],
      '/engine.js': ['text/javascript; charset=utf-8', engine],
    },
  });
}

/** The agent's own caller ID in outbound calls. */
export const AGENT_NUMBER = '+15559870000';

export {
  TEST_CONNECTION_ID as CONNECTION_ID,
  TEST_ROUTED_NUMBER as ROUTED_NUMBER,
  newCredential,
  startTestSim as startE2eSim,
  type TestCredential as Credential,
} from '@crokodialer/telnyx-sim/testing';

/** Calls the sim's control API (`/sim/...`). */
export async function control<T = Record<string, unknown>>(
  sim: Sim,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${sim.controlUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface SimCall {
  callId: string;
  direction: string;
  state: string;
  /** The destination as dialled (outbound) or the number called (inbound). */
  to: string;
  clientState: string | null;
  rtp: { packetsIn: number; bytesIn: number; packetsOut: number; bytesOut: number };
  dtmf: string;
  hangup: { cause: string } | null;
}

export async function simCall(sim: Sim, callId: string): Promise<SimCall | undefined> {
  const state = await control<{ calls: SimCall[] }>(sim, '/state');
  return state.calls.find((c) => c.callId === callId);
}

/** Polls until `check` yields a value (not undefined/false/null) or the timeout passes. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Fast policies for tests; real durations are configuration, not code
 * (docs/architecture.md#reconnect-design).
 */
export const TEST_SUPERVISOR = {
  backoff: { baseMs: 200, capMs: 2_000, floorMs: 100 },
  heartbeat: {
    idleIntervalMs: 1_000,
    inCallIntervalMs: 500,
    timeoutMs: 700,
    stalledProbeMs: 700,
    longBlurMs: 60_000,
  },
  connectTimeoutMs: 4_000,
  // The leak test reconnects back to back on purpose; no escalation for it.
  stableMs: 0,
};

/**
 * Where failure traces go (docs/architecture.md#end-to-end-in-chromium: keep traces of failures in
 * a temporary folder).
 */
export const traceDir = mkdtempSync(join(tmpdir(), 'croko-telephony-e2e-'));

/** One engine in a fresh browser context. */
export class EngineAgent {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly pageErrors: string[],
  ) {}

  static async open(
    browser: Browser,
    url: string,
    material: () => Promise<LoginMaterial> | LoginMaterial,
  ): Promise<EngineAgent> {
    const context = await browser.newContext();
    await context.tracing.start({ screenshots: false, snapshots: false });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.exposeFunction('crokoLoginMaterial', async () => material());
    await page.goto(url);
    await page.waitForFunction(() => 'T' in window);
    return new EngineAgent(context, page, errors);
  }

  /** Runs `fn` in the page (it reaches the engine as `window.T`). */
  run<R>(fn: () => R | Promise<R>): Promise<R>;
  run<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  run<R>(fn: (arg: unknown) => R | Promise<R>, arg?: unknown): Promise<R> {
    return this.page.evaluate(fn, arg);
  }

  start(options: Partial<StartOptions> = {}): Promise<void> {
    return this.run((o: StartOptions) => window.T.start(o), {
      agentNumber: AGENT_NUMBER,
      supervisor: TEST_SUPERVISOR,
      ...options,
    });
  }

  snapshot(): Promise<HarnessSnapshot> {
    return this.run(() => window.T.snapshot());
  }

  media(callId: string): Promise<MediaCounters | null> {
    return this.run((id: string) => window.T.media(id), callId);
  }

  async waitConnection(status: string, timeoutMs = 10_000): Promise<HarnessSnapshot> {
    return waitFor(
      `connection ${status}`,
      async () => {
        const s = await this.snapshot();
        return s.connection.status === status ? s : undefined;
      },
      timeoutMs,
    );
  }

  /** The first time since `sinceMs` (wall clock) the connection reached `status`. */
  async waitTransition(status: string, sinceMs: number, timeoutMs = 10_000): Promise<Transition> {
    return waitFor(
      `a transition to ${status}`,
      async () =>
        (await this.snapshot()).transitions.find(
          (t) => t.at >= sinceMs && t.state.status === status,
        ),
      timeoutMs,
    );
  }

  async waitCall(
    what: string,
    pred: (s: HarnessSnapshot) => boolean,
    timeoutMs = 10_000,
  ): Promise<HarnessSnapshot> {
    return waitFor(
      what,
      async () => {
        const s = await this.snapshot();
        return pred(s) ? s : undefined;
      },
      timeoutMs,
    );
  }

  /** Closes the context; keeps a trace when the test failed and says where. */
  async close(failed: boolean, name: string): Promise<void> {
    const path = join(traceDir, `${name.replace(/[^a-z0-9]+/gi, '-')}.zip`);
    await this.context.tracing.stop(failed ? { path } : {}).catch(() => undefined);
    if (failed) console.error(`telephony e2e: trace of "${name}" in ${path}`);
    await this.context.close();
  }
}
