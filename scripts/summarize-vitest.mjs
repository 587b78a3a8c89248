// Adds up the vitest JSON reports of every tier into one closing line that CI can read.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const pending = report.numPendingTests + report.numTodoTests;
  console.log(
    `  ${file.replace(/\.json$/, '').padEnd(14)} ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${pending} skipped`,
  );
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += pending;
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
// A skipped test is a defect (the standards): it fails the run like a failed one.
if (skipped > 0) console.log(`${skipped} test(s) were skipped: skipped tests fail the run`);
process.exitCode = failed > 0 || skipped > 0 ? 1 : 0;
