// Runs Crokodialer in web mode where no Electron runtime exists: the main-process services behind
// a local WebSocket, the renderer in any Chromium. Prints the URL to open (it carries the token).
//   CROKO_API_URL   companion API (default http://127.0.0.1:8787)
//   CROKO_DATA_DIR  settings, outbox and logs (default ~/.config/crokodialer-web)
//   CROKO_WEB_PORT  the page's port (default 8790; the same port and token after a restart let an
//                   open page reconnect)
//   CROKO_SIGN_IN_EMAIL, CROKO_SIGN_IN_PASSWORD  sign in at start (npm start's demo agent)
//   --no-build      serve the renderer already built in out/web
//   --renderer-dir=DIR  serve the renderer already built in DIR (no build)
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KeychainBackend } from '../main/services/credential-vault.js';
import { createDesktopServices } from '../main/services/desktop-services.js';
import { loadKeytar } from '../main/services/keytar-backend.js';
import { redact } from '../main/services/logger.js';
import { describeStartupFailure, startupStep } from '../main/services/startup-error.js';
import { signInFromEnvironment } from '../main/services/start-sign-in.js';
import { buildRendererForWeb } from './build-renderer.js';
import { loadHostToken } from './host-token.js';
import { startWebHost } from './web-host.js';

const DEFAULT_PORT = 8790;

function portFromEnv(): number {
  const raw = process.env.CROKO_WEB_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`CROKO_WEB_PORT: expected a port number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

/** keytar's native module may be missing altogether: then no keychain, as with a dead D-Bus. */
const noKeychain: KeychainBackend = {
  getPassword: () => Promise.reject(new Error('keytar could not be loaded')),
  setPassword: () => Promise.reject(new Error('keytar could not be loaded')),
  deletePassword: () => Promise.reject(new Error('keytar could not be loaded')),
};

const dataDir = process.env.CROKO_DATA_DIR ?? join(homedir(), '.config', 'crokodialer-web');

async function main(): Promise<void> {
  const port = portFromEnv();
  const given = process.argv.find((a) => a.startsWith('--renderer-dir='));
  const outDir = given
    ? given.slice('--renderer-dir='.length)
    : fileURLToPath(new URL('../../out/web', import.meta.url));
  const built = existsSync(join(outDir, 'index.html'));
  // A directory of the user's is served as it is, never built into (a build empties it first).
  if (given && !built) throw new Error(`--renderer-dir: no index.html in ${outDir}`);
  if (!given && (!built || !process.argv.includes('--no-build'))) {
    await buildRendererForWeb(outDir);
  }
  const hostToken = await loadHostToken(dataDir);
  const services = await createDesktopServices({
    dataDir,
    defaultApiUrl: process.env.CROKO_API_URL ?? 'http://127.0.0.1:8787',
    keychain: await loadKeytar().catch(() => noKeychain),
    echoLog: true,
  });
  services.outbox.start();
  const host = await startupStep('web-port', () =>
    startWebHost({ services, staticDir: outDir, version: '0.1.0', port, token: hostToken }),
  ).catch(async (error: unknown) => {
    await services.outbox.stop();
    throw error;
  });
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void services.outbox
      .stop()
      .then(() => host.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const signedIn = await signInFromEnvironment(services).catch((error: unknown) => {
    services.log.warn(`sign-in at start failed: ${(error as Error).message}`);
    return null;
  });
  if (signedIn) {
    const remembered = services.vault.storage === 'keychain';
    process.stdout.write(
      `Crokodialer web mode: signed in as ${signedIn}` +
        `${remembered ? '' : ' (no keychain: kept in memory until this host stops)'}\n`,
    );
  }
  // The only line that carries the token; npm start keeps it out of its log and prints it once.
  process.stdout.write(`Crokodialer web mode: open ${host.pageUrl}\n`);
}

main().catch((error: unknown) => {
  // Web mode's start-up window is the terminal that started it: what failed and what to do.
  const report = describeStartupFailure(error, dataDir);
  process.stderr.write(`${report.title}: ${redact(report.message)}\n${report.advice}\n`);
  process.exit(1);
});
