// A gateway that accepts and never answers, and one that refuses the login and hangs up: the real
// engine (built by createEngine) and SDK in Chromium, faults from telnyx-sim's /sim/faults API.
import type { Sim } from '@crokodialer/telnyx-sim';
import { launchChromium } from '@crokodialer/telnyx-sim/testing';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF } from '../../src/renderer/telephony/backoff.js';
import {
  DEFAULT_SUPERVISOR_CONFIG,
  type SupervisorConfig,
} from '../../src/renderer/telephony/supervisor.js';
import {
  control,
  EngineAgent,
  newCredential,
  serveHarness,
  startE2eSim,
  TEST_SUPERVISOR,
} from './harness/e2e-harness.js';

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

beforeEach(async () => {
  await control(sim, '/faults/reset', {});
});

async function open(supervisor: Partial<SupervisorConfig> = TEST_SUPERVISOR): Promise<void> {
  const cred = newCredential(sim);
  agent = await EngineAgent.open(browser, server.url, () => ({
    kind: 'credentials',
    login: cred.sipUsername,
    password: cred.sipPassword,
    host: sim.wsUrl,
  }));
  await agent.start({ supervisor });
  await agent.waitConnection('registered');
}

async function simEvents(type: string): Promise<number> {
  const { events } = await control<{ events: { type: string }[] }>(sim, '/events');
  return events.filter((e) => e.type === type).length;
}

describe('a black-holed gateway (TCP accepted, the WebSocket upgrade never answered)', () => {
  const OUTAGE_SECONDS = 20;

  it('abandons stuck attempts for fresh sockets and is registered within the backoff cap of the gateway answering again', async () => {
    // Production connection policy: backoff, handshake and connect timeouts as shipped.
    await open({
      ...TEST_SUPERVISOR,
      backoff: DEFAULT_BACKOFF,
      connectTimeoutMs: DEFAULT_SUPERVISOR_CONFIG.connectTimeoutMs,
      handshakeTimeoutMs: DEFAULT_SUPERVISOR_CONFIG.handshakeTimeoutMs,
    });
    const heldBefore = await simEvents('socket.black-holed');
    const fault = await control<{ until: string }>(sim, '/faults/black-hole', {
      seconds: OUTAGE_SECONDS,
    });
    await control(sim, '/faults/drop-sockets', {});
    await agent.waitConnection('reconnecting', 3_000);
    const back = Date.parse(fault.until);
    const s = await agent.waitConnection(
      'registered',
      OUTAGE_SECONDS * 1000 + DEFAULT_BACKOFF.capMs + 15_000,
    );
    const afterReturnMs = Date.now() - back;
    console.info(`telephony e2e: registered ${afterReturnMs} ms after the black hole ended`);
    expect(afterReturnMs).toBeLessThan(DEFAULT_BACKOFF.capMs + 2_000);
    // Each stuck attempt was given up for a new socket: several were held, none retried in place.
    const held = (await simEvents('socket.black-holed')) - heldBefore;
    expect(held).toBeGreaterThanOrEqual(2);
    expect(s.socketsCreated).toBeGreaterThanOrEqual(held + 2);
  }, 90_000);
});

describe('a gateway that refuses the login and closes the socket', () => {
  it('auth-failed stops every login of that client; "Retry now" starts over', async () => {
    await open();
    await control(sim, '/faults/refuse-login', { enabled: true });
    const before = await simEvents('session.login-refused');
    await control(sim, '/faults/drop-sockets', {});
    const failed = await agent.waitConnection('auth-failed', 15_000);
    const reason = failed.connection.status === 'auth-failed' ? failed.connection.reason : '';
    expect(reason).toMatch(/refused the login/);
    const atAuthFailed = (await simEvents('session.login-refused')) - before;
    // One refusal, one retry with fresh login material, then nothing: watch the sim for 30 s.
    expect(atAuthFailed).toBeLessThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 30_000));
    expect((await simEvents('session.login-refused')) - before).toBe(atAuthFailed);
    const quiet = await agent.snapshot();
    expect(quiet.connection.status).toBe('auth-failed');
    expect(quiet.openSockets).toBe(0);
    await control(sim, '/faults/refuse-login', { enabled: false });
    await agent.run(() => window.T.retryNow());
    await agent.waitConnection('registered');
  }, 80_000);
});
