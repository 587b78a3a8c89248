// Many forced reconnects leave nothing behind: one socket, flat listener and timer counts.
import type { Sim } from '@crokodialer/telnyx-sim';
import { launchChromium } from '@crokodialer/telnyx-sim/testing';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { HarnessSnapshot } from './harness/harness-api.js';
import {
  control,
  EngineAgent,
  newCredential,
  serveHarness,
  startE2eSim,
  waitFor,
} from './harness/e2e-harness.js';

/** The issue asks for 200; override with CROKO_E2E_RECONNECT_CYCLES for a quicker local run. */
const CYCLES = Number(process.env.CROKO_E2E_RECONNECT_CYCLES ?? 200);

let sim: Sim;
let server: Awaited<ReturnType<typeof serveHarness>>;
let browser: Browser;
let agent: EngineAgent;

beforeAll(async () => {
  [sim, server, browser] = await Promise.all([startE2eSim(), serveHarness(), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await Promise.all([browser?.close(), server?.close(), sim?.close()]);
});

afterEach(async (ctx) => {
  await agent.close(ctx.task.result?.state === 'fail', ctx.task.name);
});

/** Waits until the page is quiet: registered and the counters stop moving. */
async function settled(): Promise<HarnessSnapshot> {
  let previous = '';
  return waitFor('a settled page', async () => {
    const s = await agent.snapshot();
    const key = JSON.stringify([s.openSockets, s.pageTimers, s.windowListeners, s.engineTimers]);
    const same = key === previous;
    previous = key;
    return s.connection.status === 'registered' && same ? s : undefined;
  });
}

it(`${CYCLES} forced reconnect cycles leave one socket and flat listener and timer counts`, async () => {
  const cred = newCredential(sim);
  agent = await EngineAgent.open(browser, server.url, () => ({
    kind: 'credentials',
    login: cred.sipUsername,
    password: cred.sipPassword,
    host: sim.wsUrl,
  }));
  await agent.start();
  await agent.waitConnection('registered');
  // One cycle first, so lazily created SDK state exists in the baseline too.
  const before1 = Date.now();
  await control(sim, '/faults/drop-sockets', {});
  await agent.waitTransition('reconnecting', before1, 3_000);
  const baseline = await settled();

  const started = Date.now();
  for (let i = 0; i < CYCLES; i += 1) {
    const before = (await agent.snapshot()).socketsCreated;
    await control(sim, '/faults/drop-sockets', {});
    await waitFor(`cycle ${i + 1}: registered on a new socket`, async () => {
      const s = await agent.snapshot();
      return s.socketsCreated > before && s.connection.status === 'registered';
    });
  }
  const elapsedMs = Date.now() - started;
  console.info(`telephony e2e: ${CYCLES} reconnect cycles in ${elapsedMs} ms`);

  const after = await settled();
  expect(after.openSockets).toBe(1);
  expect(after.socketsCreated).toBeGreaterThanOrEqual(baseline.socketsCreated + CYCLES);
  expect(after.windowListeners).toBe(baseline.windowListeners);
  expect(after.pageTimers).toBe(baseline.pageTimers);
  expect(after.engineTimers).toBe(baseline.engineTimers);
  expect(agent.pageErrors).toEqual([]);
}, 240_000);
