import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { World } from './world.js';

const world = new World();
beforeAll(() => world.start(), 240_000);
afterAll(() => world.stop());

describe('sign in', () => {
  it('signs in with email and password and registers the phone', async () => {
    const agent = await world.newAgent();
    const page = await world.openApp('sign-in');
    await page.getByText('Signed out').waitFor();
    await world.shot('sign-in-light');
    await page.getByLabel('Email').fill(agent.email);
    await page.getByLabel('Password').fill(agent.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByTestId('registration')
      .filter({ hasText: 'Ready' })
      .waitFor({ timeout: 20_000 });
    await world.shot('dial-pad-light');
    expect(await world.services?.vault.getRefreshToken(world.apiUrl)).toBeTruthy();
  });
});
