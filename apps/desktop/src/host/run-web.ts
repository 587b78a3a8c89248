// Runs Crokodialer in web mode where no Electron runtime exists: the main-process services behind
// a local WebSocket, the renderer in any Chromium. Prints the URL to open (it carries the token).
//   CROKO_API_URL   companion API (default http://127.0.0.1:8787)
//   CROKO_DATA_DIR  settings, outbox and logs (default ~/.config/crokodialer-web)
//   --no-build      serve the renderer already built in out/web
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDesktopServices } from '../main/services/desktop-services.js';
import { loadKeytar } from '../main/services/keytar-backend.js';
import { buildRendererForWeb } from './build-renderer.js';
import { startWebHost } from './web-host.js';

const outDir = fileURLToPath(new URL('../../out/web', import.meta.url));
if (!process.argv.includes('--no-build') || !existsSync(join(outDir, 'index.html'))) {
  await buildRendererForWeb(outDir);
}
const services = await createDesktopServices({
  dataDir: process.env.CROKO_DATA_DIR ?? join(homedir(), '.config', 'crokodialer-web'),
  defaultApiUrl: process.env.CROKO_API_URL ?? 'http://127.0.0.1:8787',
  keychain: await loadKeytar(),
  echoLog: true,
});
services.outbox.start();
const host = await startWebHost({ services, staticDir: outDir, version: '0.1.0' });
process.stdout.write(`Crokodialer web mode: open ${host.pageUrl}\n`);

const stop = () => {
  void services.outbox
    .stop()
    .then(() => host.close())
    .then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
