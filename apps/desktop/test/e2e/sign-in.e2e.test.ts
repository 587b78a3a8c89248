import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inspectScreen } from './flows.js';
import { World, type Agent } from './world.js';

// Signing in, as an agent does it in web mode: what the errors say, the direct Telnyx credential,
// and signing out. Real API (PGlite), real desktop services and keychain, the SDK against the sim.
const world = new World();
let agent: Agent;
beforeAll(async () => {
  await world.start();
  agent = await world.newAgent();
}, 300_000);
afterAll(() => world.stop());
beforeEach((ctx) => {
  ctx.onTestFailed(async () => {
    const shot = await world.shot(`failed-${ctx.task.name.replace(/\W+/g, '-')}`).catch(() => '');
    console.error(`UI e2e failure screenshot: ${shot}`);
  });
});

describe('signing in, end to end in web mode', { timeout: 120_000 }, () => {
  it('sign-in errors say what to do, and an account without a phone line is told to ask an admin', async () => {
    const page = await world.openApp('sign-in-errors');
    await page.getByText('Signed out').waitFor();
    await inspectScreen(world, 'sign-in');

    await page.getByLabel('Email').fill(agent.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'email and password do not match' }).waitFor();

    await page.getByLabel('Server address').fill('http://crm.example.com:8787');
    await page.getByText('crm.example.com:8787 is reached over plain http').waitFor();
    await page.getByLabel('Server address').fill('http://127.0.0.1:9');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Cannot reach the Crokodialer server at http://127.0.0.1:9' })
      .waitFor();
    await inspectScreen(world, 'sign-in-error');

    const lineless = await world.newAgent({ phoneLine: false });
    await page.getByLabel('Server address').fill(world.apiUrl);
    await page.getByLabel('Email').fill(lineless.email);
    await page.getByLabel('Password').fill(lineless.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByText('Your account has no phone line yet. Ask an admin')
      .waitFor({ timeout: 20_000 });

    // Sign out clears the session in the keychain and the page.
    await page.getByRole('button', { name: /^Presence:/ }).click();
    await page.getByRole('menuitem', { name: /Sign out/ }).click();
    await page.getByText('Signed out').waitFor();
    expect(await world.services?.vault.getRefreshToken(world.apiUrl)).toBeNull();
  });

  it('signs in directly with a Telnyx SIP credential, and sign-out forgets it', async () => {
    const page = await world.openApp('direct');
    await page.getByText('Signed out').waitFor();
    // Where the direct mode's gateway is: the sim here, Telnyx's own by default.
    world.services?.settings.updateInternal({ telnyxHost: world.sim.wsUrl });
    const res = await fetch(
      `${world.sim.restUrl}/telephony_credentials?filter[sip_username]=${agent.sipUsername}`,
      { headers: { authorization: `Bearer ${world.sim.apiKey}` } },
    );
    const [credential] = ((await res.json()) as { data: { sip_password: string }[] }).data;
    await page.getByRole('tab', { name: 'Telnyx credential' }).click();
    await page.getByLabel('SIP username').fill(agent.sipUsername);
    await page.getByLabel('SIP password').fill(credential?.sip_password ?? '');
    await inspectScreen(world, 'sign-in-direct');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByTestId('registration')
      .filter({ hasText: 'Ready' })
      .waitFor({ timeout: 30_000 });
    expect(await world.services?.vault.getDirectCredential()).toMatchObject({
      login: agent.sipUsername,
    });
    await page.getByRole('button', { name: /^Presence:/ }).click();
    await page.getByRole('menuitem', { name: /Sign out/ }).click();
    await page.getByText('Signed out').waitFor();
    expect(await world.services?.vault.getDirectCredential()).toBeNull();
  });
});
