import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: string[]; html: string }[];
  }[];
}

/**
 * axe-core's serious and critical violations on the page as it is now, one line each. Injected
 * through the debugging protocol, so the app's CSP stays as shipped.
 */
export async function seriousViolations(
  page: Page,
  allowed: readonly string[] = [],
): Promise<string[]> {
  await page.evaluate(source);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run(ctx: Document): Promise<AxeResult> } }).axe.run(document),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .filter((v) => !allowed.includes(v.id))
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.html).join(', ')}`);
}
