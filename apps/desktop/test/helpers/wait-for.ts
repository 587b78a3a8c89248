/** Polls until `check` returns true (short intervals; the test's own timeout bounds it). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 15_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
