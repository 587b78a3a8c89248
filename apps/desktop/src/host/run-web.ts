// Runs Crokodialer in web mode where no Electron runtime exists: the main-process services behind
// a local WebSocket, the renderer in any Chromium. Prints the URL to open (it carries the token).
//   CROKO_API_URL   companion API (default http://127.0.0.1:8787)
//   CROKO_DATA_DIR  settings, outbox and logs (default ~/.config/crokodialer-web)
//   CROKO_WEB_PORT  port on 127.0.0.1 (default: any free port)
//   --no-build      serve the renderer already built in out/web
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDesktopServices } from '../main/services/desktop-services.js';
import { loadKeytar } from '../main/services/keytar-backend.js';
import { redact } from '../main/services/logger.js';
import { describeStartupFailure, startupStep } from '../main/services/startup-error.js';
import { buildRendererForWeb } from './build-renderer.js';
import { startWebHost } from './web-host.js';

const outDir = fileURLToPath(new URL('../../out/web', import.meta.url));
const dataDir = process.env.CROKO_DATA_DIR ?? join(homedir(), '.config', 'crokodialer-web');
const { services, host } = await startUp().catch((error: unknown) => {
  // Web mode's start-up window is the terminal that started it: what failed and what to do.
  const report = describeStartupFailure(error, dataDir);
  process.stderr.write(`${report.title}: ${redact(report.message)}\n${report.advice}\n`);
  process.exit(1);
});
// The token is printed here once, to this terminal only; logs redact it.
process.stdout.write(`Crokodialer web mode: open ${host.pageUrl}\n`);

async function startUp() {
  if (!process.argv.includes('--no-build') || !existsSync(join(outDir, 'index.html'))) {
    await buildRendererForWeb(outDir);
  }
  const services = await createDesktopServices({
    dataDir,
    defaultApiUrl: process.env.CROKO_API_URL ?? 'http://127.0.0.1:8787',
    keychain: await startupStep('keychain', loadKeytar),
    echoLog: true,
  });
  services.outbox.start();
  const host = await startWebHost({
    services,
    staticDir: outDir,
    version: '0.1.0',
    port: Number(process.env.CROKO_WEB_PORT ?? 0),
  }).catch(async (error: unknown) => {
    await services.outbox.stop();
    throw error;
  });
  return { services, host };
}

const stop = () => {
  void services.outbox
    .stop()
    .then(() => host.close())
    .then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
