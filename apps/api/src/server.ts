import { ensureAdminConsoleBuilt } from './admin-console-build.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { withDevSecrets } from './dev-secrets.js';

/** `npm run start -w @crokodialer/api`: serve on API_HOST:API_PORT (127.0.0.1:8787), stop gracefully. */
async function main(): Promise<void> {
  const env = withDevSecrets(process.env);
  const config = loadConfig(env);
  ensureAdminConsoleBuilt();
  const app = await buildApp({ env });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  const address = await app.listen({ host: config.host, port: config.port });
  console.log(`crokodialer api listening on ${address} (docs: ${address}/docs)`);
  console.log(
    `admin console: ${address}/admin/ (demo admin after seed:demo: admin@demo.crokodialer.test)`,
  );
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
