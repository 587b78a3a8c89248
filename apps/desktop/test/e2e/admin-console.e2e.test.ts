import type { WebrtcCredential } from '@crokodialer/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureConsoleBuilt } from '../../../admin/test/helpers/stack.js';
import { signIn } from './flows.js';
import { ORG_NUMBERS, until, World, type Agent } from './world.js';

// The admin console and the desktop app together, as an admin and an agent would use them: the
// admin works in the console the API serves (one browser context), the agent in the desktop app in
// web mode (another). Login tokens live 20 s, so the app refreshes its registration every few
// seconds and a rotated credential is picked up within the test's patience.
const world = new World();
let adminContext: BrowserContext;
let admin: Page;
let agent: Agent;
const AGENT_NAME = 'Casey Closer';
const ANSWERS = '+12025550000'; // the sim answers this number with a tone
const ROUTED = ORG_NUMBERS[1];
/** expect.poll gives up after 1 s by default; a loaded CI machine needs longer. */
const PATIENCE = { timeout: 20_000 };

beforeAll(async () => {
  await world.start({
    adminConsoleDir: await ensureConsoleBuilt(),
    tokenLifetimeSeconds: 20,
    noWebhookKey: true,
  });
  adminContext = await world.browser.newContext({ viewport: { width: 1360, height: 860 } });
  admin = await adminContext.newPage();
}, 900_000);
afterAll(async () => {
  await adminContext?.close();
  await world.stop();
});
beforeEach((ctx) => {
  ctx.onTestFailed(async () => {
    const name = ctx.task.name.replace(/\W+/g, '-');
    const shot = await world.shot(`failed-app-${name}`).catch(() => '');
    await admin
      .screenshot({ path: `${world.artifacts}/failed-console-${name}.png` })
      .catch(() => 0);
    console.error(`console + app e2e failure screenshots: ${shot} (and failed-console-*.png)`);
  });
});

const nav = (name: string) => admin.getByRole('navigation').getByRole('link', { name }).click();
const credentialOf = (id: string) =>
  world.call<WebrtcCredential>('GET', `/api/agents/${id}/webrtc-credential`);
const ready = () => world.page.getByTestId('registration').filter({ hasText: 'Ready' });

/** Opens the agent's dialog in the console (Agents → Edit). */
async function editAgent(): Promise<void> {
  await nav('Agents');
  await admin.getByRole('button', { name: `Edit ${AGENT_NAME}` }).click();
}

async function closeDialog(): Promise<void> {
  await admin.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => admin.getByRole('dialog').count(), PATIENCE).toBe(0);
}

/** Dials `number` from the app, waits for the answer at the sim, hangs up and leaves wrap-up. */
async function callAndHangUp(number: string): Promise<string> {
  const page = world.page;
  await page.getByLabel('Number to call').fill(number);
  await page.getByRole('button', { name: 'Call', exact: true }).click();
  const call = await until(`a live call to ${number} at the sim`, async () =>
    (await world.simCalls()).find((c) => c.to === number && c.state !== 'ended'),
  );
  await page.getByTestId('call-phase').filter({ hasText: 'Connected' }).waitFor();
  await page.getByRole('button', { name: 'Hang up' }).click();
  await page.getByRole('button', { name: /Next/ }).click();
  await page.getByLabel('Number to call').waitFor();
  return call.callId;
}

describe('the admin console and the desktop app together', { timeout: 180_000 }, () => {
  it('an agent the admin creates and provisions in the console registers in the app, calls, and the call shows in the console', async () => {
    await admin.goto(`${world.apiUrl}/admin/`);
    await admin.getByLabel('Email').fill(world.adminLogin.email);
    await admin.getByLabel('Password').fill(world.adminLogin.password);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('heading', { name: 'Dashboard' }).waitFor();

    await nav('Agents');
    await admin.getByRole('button', { name: 'New agent' }).click();
    const dialog = admin.getByRole('dialog');
    const email = `casey-${Date.now()}@example.com`;
    await dialog.getByLabel('Name').fill(AGENT_NAME);
    await dialog.getByLabel('Email').fill(email);
    await dialog.getByRole('checkbox', { name: ORG_NUMBERS[0] }).check();
    await dialog.getByRole('button', { name: 'Create agent' }).click();
    const password = await dialog.getByTestId('temporary-password').innerText();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await admin.getByRole('button', { name: `Edit ${AGENT_NAME}` }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Provision credential' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Rotate' }).waitFor();
    await closeDialog();
    await admin
      .getByRole('row', { name: new RegExp(AGENT_NAME) })
      .getByText('Active')
      .waitFor();

    const users = await world.call<{ id: string; email: string }[]>('GET', '/api/agents');
    const id = users.find((u) => u.email === email)?.id ?? '';
    const credential = await credentialOf(id);
    agent = { email, password, id, sipUsername: credential.sipUsername };

    // The agent, on their own computer, with the password the admin handed them.
    await world.openApp('agent');
    await signIn(world, agent);
    const registered = await world.sim$<{ registrations: { credentialId: string }[] }>('/state');
    expect(registered.registrations.map((r) => r.credentialId)).toEqual([
      credential.telnyxCredentialId,
    ]);

    await callAndHangUp(ANSWERS);
    await until('the call log at the API', async () =>
      (await world.callLogs(id)).find((l) => l.to === ANSWERS && l.status === 'completed'),
    );

    await nav('Team calls');
    await admin
      .getByRole('row', { name: new RegExp(`${AGENT_NAME} outbound .*\\${ANSWERS} completed`) })
      .waitFor();
    await nav('Dashboard');
    const calls = admin.locator('.card').filter({ has: admin.getByText('Calls', { exact: true }) });
    await expect.poll(() => calls.innerText(), PATIENCE).toMatch(/Calls\s+1$/);
    await admin.getByRole('region', { name: 'Agents online now' }).getByText(AGENT_NAME).waitFor();
  });

  it('a rotated credential keeps the agent registered after the next token refresh; calls still work', async () => {
    const before = await credentialOf(agent.id);
    await editAgent();
    await admin.getByRole('dialog').getByRole('button', { name: 'Rotate' }).click();
    await admin.getByRole('dialog').getByText(before.sipUsername).waitFor({ state: 'detached' });
    await closeDialog();
    const after = await credentialOf(agent.id);
    expect(after.telnyxCredentialId).not.toBe(before.telnyxCredentialId);
    expect(world.sim.accounts.credentialById(before.telnyxCredentialId)?.status).toBe('revoked');

    // The app's own refresh logs in with a token for the new credential on the same socket.
    await until(
      'the app registered with the rotated credential',
      async () => {
        const state = await world.sim$<{ registrations: { credentialId: string }[] }>('/state');
        const ids = state.registrations.map((r) => r.credentialId);
        return ids.length === 1 && ids[0] === after.telnyxCredentialId;
      },
      60_000,
    );
    await ready().waitFor();
    await callAndHangUp(ANSWERS);
    await ready().waitFor();
  });

  it('with the webhook key pasted in settings, a number the admin routes to the agent rings the agent’s app', async () => {
    // Until the org has Telnyx's public key, every webhook is refused and no routed call rings.
    await nav('Settings');
    await admin.getByLabel('Telnyx public key').fill(world.sim.webhookPublicKey);
    await admin.getByRole('button', { name: 'Save public key' }).click();
    await admin.getByRole('status').filter({ hasText: 'Public key saved.' }).waitFor();

    await nav('Numbers');
    await admin.getByRole('button', { name: `Route ${ROUTED}` }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('First, ring agent').selectOption({ label: AGENT_NAME });
    await dialog.getByRole('button', { name: 'Save route' }).click();
    await admin
      .getByRole('cell', { name: new RegExp(`^${AGENT_NAME}, then the message`) })
      .waitFor();

    const caller = '+13125550777';
    const res = await fetch(`${world.sim.controlUrl}/pstn/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: caller, to: ROUTED }),
    });
    expect(res.status).toBe(201);
    const { callControlId } = (await res.json()) as { callControlId: string };
    const card = world.page.getByRole('alertdialog', {
      name: /Incoming call from .*312\D*555\D*0777/,
    });
    await card.waitFor({ timeout: 30_000 });
    await fetch(`${world.sim.controlUrl}/pstn/calls/${callControlId}/hangup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await card.waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('a revoked credential gives the agent’s next sign-in a clear message', async () => {
    await editAgent();
    await admin.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Provision credential' }).waitFor();
    await closeDialog();

    const page = world.page;
    await page.getByRole('button', { name: /^Presence:/ }).click();
    await page.getByRole('menuitem', { name: /Sign out/ }).click();
    await page.getByText('Signed out').waitFor();
    await page.getByLabel('Email').fill(agent.email);
    await page.getByLabel('Password').fill(agent.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByText('Your account has no phone line yet. Ask an admin')
      .waitFor({ timeout: 20_000 });
    expect(await ready().count()).toBe(0);
  });
});
