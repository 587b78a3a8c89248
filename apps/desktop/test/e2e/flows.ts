import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousViolations } from './axe.js';
import type { Agent, World } from './world.js';

/** Signs in through the form (of the current app, or `page`) and waits for the phone to register. */
export async function signIn(world: World, agent: Agent, page = world.page): Promise<void> {
  await page.getByLabel('Email').fill(agent.email);
  await page.getByLabel('Password').fill(agent.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('registration').filter({ hasText: 'Ready' }).waitFor({ timeout: 30_000 });
}

/**
 * One screen as it is now: no serious or critical axe-core violation, and a screenshot in the
 * light and the dark theme (the OS preference, which the app follows by default). `showing` is a
 * passing state the picture must hold (a reconnect): it is checked visible before and after each
 * shot, so a picture of the state never turns out to be a picture of what came after. `allowed`
 * names axe rules a state breaks by design, each explained at the call site.
 */
export async function inspectScreen(
  world: World,
  name: string,
  options: { showing?: Locator; allowed?: readonly string[] } = {},
): Promise<void> {
  const { showing, allowed } = options;
  await showing?.waitFor();
  expect(await seriousViolations(world.page, allowed), `axe on ${name}`).toEqual([]);
  for (const scheme of ['light', 'dark'] as const) {
    await world.page.emulateMedia({ colorScheme: scheme });
    await world.page.waitForFunction((t) => document.documentElement.dataset.theme === t, scheme);
    await showing?.waitFor();
    await world.shot(`${name}-${scheme}`);
    if (showing) expect(await showing.isVisible(), `${name} still showing its state`).toBe(true);
  }
  await world.page.emulateMedia({ colorScheme: 'light' });
}

/** A radio shown as a chip or segment: its input is visually hidden, so the agent clicks the label. */
export function chip(page: Page, name: string): Locator {
  return page.locator('label').filter({ has: page.getByRole('radio', { name, exact: true }) });
}
