// Builds the bench page and prints first-render times (ms) per library and point count.
/* global window */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { launchChromium } from '@crokodialer/telnyx-sim/testing';

const root = fileURLToPath(new URL('.', import.meta.url));
const out = '/tmp/croko-chart-bench';
await build({
  root,
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: { outDir: out, emptyOutDir: true },
});
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = join(out, req.url === '/' ? 'index.html' : req.url.split('?')[0]);
  let body;
  try {
    body = readFileSync(path);
  } catch {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${server.address().port}/`);
await page.waitForFunction(() => 'bench' in window);
for (const n of [1_000, 10_000, 100_000]) {
  const r = await page.evaluate((count) => window.bench(count), n);
  console.log(`${n} points: ${JSON.stringify(r)}`);
}
await browser.close();
server.close();
