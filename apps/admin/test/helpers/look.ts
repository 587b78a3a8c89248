import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN_ROOT } from './stack';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Screenshots are test artifacts (not committed): apps/admin/test-results/screens. */
export const SCREENS_DIR = join(ADMIN_ROOT, 'test-results', 'screens');
mkdirSync(SCREENS_DIR, { recursive: true });

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the page as it stands; serious and critical violations, described. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // CDP evaluation is not governed by the page's CSP, so axe runs without loosening it.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<unknown> } }).axe;
    const result = (await axe.run(document)) as { violations: AxeViolation[] };
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

/** One screen in both themes: screenshot each, and axe each (colours differ per theme). */
export async function lookAt(page: Page, name: string): Promise<string[]> {
  const problems: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    const current = await page.evaluate(() => document.documentElement.dataset.theme);
    const toggle = page.getByRole('button', {
      name: theme === 'dark' ? 'Dark theme' : 'Light theme',
    });
    // Behind an open dialog the toggle is inert (as it should be): switch the theme directly.
    const dialogOpen = (await page.getByRole('dialog').count()) > 0;
    if (current !== theme && !dialogOpen && (await toggle.count()) > 0) await toggle.click();
    else
      await page.evaluate((t) => {
        document.documentElement.dataset.theme = t;
      }, theme);
    // Charts redraw on the theme change; wait for paint rather than a fixed time.
    await page.evaluate(
      () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
    );
    await page.screenshot({ path: join(SCREENS_DIR, `${name}-${theme}.png`), fullPage: true });
    problems.push(...(await seriousA11yViolations(page)).map((p) => `${name}/${theme}: ${p}`));
  }
  return problems;
}
