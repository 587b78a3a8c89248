import { launchChromium } from '@crokodialer/telnyx-sim/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { waitFor } from '../helpers/wait-for.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePorts,
  listening,
  npmStart,
  processesWith,
  untilRunning,
  type StartRun,
} from './start-run.js';

// `npm start` as a newcomer runs it, end to end: real sim, API on PGlite, web host, the page in
// Chromium. Runs in the desktop tier (loopback-only netns, real keyring); ports are free ones.
const work = mkdtempSync(join(tmpdir(), 'croko-npm-start-'));
const dataDir = join(work, 'data');
const marker = `CROKO_START_DATA_DIR=${dataDir}`;
const ADMIN = 'admin@demo.crokodialer.test';
const AGENT = 'alice@demo.crokodialer.test';
const PASSWORD = 'demo-password-123';
let browser: Browser;
const runs: StartRun[] = [];

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  // Only if a test failed half-way: never leave its processes to the next test.
  for (const run of runs) if (run.child.pid) tryKill(-run.child.pid);
  for (const pid of processesWith(marker)) tryKill(pid);
  rmSync(work, { recursive: true, force: true });
});

function tryKill(pid: number) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

const pageUrlOf = (out: string) => /open (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out)?.[1];
const sipUsernameOf = (out: string) => /"sipUsername":"([^"]+)"/.exec(out)?.[1];

async function sessionInPage(url: string) {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    return { state: await page.evaluate(() => window.dialer.session.getState()) };
  } finally {
    await page.close();
  }
}

async function apiLogin(api: number, email: string) {
  const res = await fetch(`http://127.0.0.1:${api}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** npm may exit before its child has finished stopping the services: give that a bound. */
async function expectAllGone(ports: number[]) {
  await waitFor(() => processesWith(marker).length === 0, 'every started process to exit', 30_000);
  for (const port of ports) expect(await listening(port), `port ${port}`).toBe(false);
}

describe('npm start', () => {
  it('comes up on a fresh data dir, stops clean on Ctrl-C, and a second start reuses the data', async () => {
    const [sim, api, web] = (await freePorts(3)) as [number, number, number];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CROKO_START_DATA_DIR: dataDir,
      CROKO_SIM_PORT: `${sim}`,
      API_PORT: `${api}`,
      CROKO_WEB_PORT: `${web}`,
      CROKO_START_DESKTOP: 'web',
    };
    delete env.LOG_LEVEL;

    // First start: a fresh data dir, the real keyring.
    const first = npmStart(env);
    runs.push(first);
    await untilRunning(first, 400_000);
    const out1 = first.output();
    expect((await fetch(`http://127.0.0.1:${sim}/sim/state`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${api}/readyz`)).status).toBe(200);
    expect(out1).toContain(`http://127.0.0.1:${api}/admin`);
    expect(out1).toContain(`${ADMIN} / ${PASSWORD}`);
    const pageUrl = pageUrlOf(out1)!;
    expect(pageUrl).toContain(`http://127.0.0.1:${web}/#token=`);
    // The token is printed once, in the summary, not echoed from the host's own output too.
    expect(out1.split(pageUrl.split('#token=')[1]!).length).toBe(2);
    const seen1 = await sessionInPage(pageUrl);
    expect(seen1.state).toMatchObject({ status: 'signed-in', email: AGENT, remembered: true });
    const sip = sipUsernameOf(out1);
    expect(sip).toMatch(/\w{4,}/);

    // Ctrl-C, as a terminal sends it: SIGINT to the whole foreground group.
    expect(processesWith(marker).length).toBeGreaterThanOrEqual(4);
    process.kill(-first.child.pid!, 'SIGINT');
    await first.exited;
    await expectAllGone([sim, api, web]);

    // Second start on the same data, this time where no Secret Service runs.
    const env2: NodeJS.ProcessEnv = { ...env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };
    delete env2.DISPLAY;
    const second = npmStart(env2);
    runs.push(second);
    await untilRunning(second, 400_000);
    const out2 = second.output();
    // Same sim credential, same page token, same org: nothing was provisioned again.
    expect(sipUsernameOf(out2)).toBe(sip);
    expect(pageUrlOf(out2)).toBe(pageUrl);
    const token = await apiLogin(api, ADMIN);
    const agents = await fetch(`http://127.0.0.1:${api}/api/agents`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const people = ((await agents.json()) as Array<{ email: string }>).map((a) => a.email);
    expect(people.sort()).toEqual([ADMIN, AGENT, 'bob@demo.crokodialer.test']);
    const seen2 = await sessionInPage(pageUrl);
    expect(seen2.state).toMatchObject({ status: 'signed-in', email: AGENT, remembered: false });
    expect(out2).toContain(`signed in as ${AGENT} (no keychain: kept in memory`);

    // SIGTERM to npm alone (a service manager, `kill PID`) stops everything as well.
    process.kill(second.child.pid!, 'SIGTERM');
    await second.exited;
    await expectAllGone([sim, api, web]);
  }, 900_000);
});
