import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { isProductionEnv } from './config.js';

/**
 * Development convenience for the entry points (server, seed:demo): without SECRETS_KEY/JWT_SECRET,
 * a random pair is kept in DATA_DIR (mode 0600) so encrypted Telnyx keys and sessions survive a
 * restart. Production (isProductionEnv) refuses to start without real values and never gets here.
 */
export function withDevSecrets(
  env: NodeJS.ProcessEnv,
  options: { quiet?: boolean } = {},
): NodeJS.ProcessEnv {
  if (isProductionEnv(env) || (env.SECRETS_KEY && env.JWT_SECRET)) return env;
  const dir = env.DATA_DIR ?? './.data';
  const file = join(dir, 'dev-secrets.json');
  let secrets: { SECRETS_KEY: string; JWT_SECRET: string };
  if (existsSync(file)) {
    secrets = JSON.parse(readFileSync(file, 'utf8')) as typeof secrets;
  } else {
    mkdirSync(dir, { recursive: true });
    secrets = {
      SECRETS_KEY: randomBytes(32).toString('base64'),
      JWT_SECRET: randomBytes(48).toString('base64url'),
    };
    writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  if (!options.quiet) {
    console.warn(
      `SECRETS_KEY/JWT_SECRET not set: using development secrets from ${file} (set both in production)`,
    );
  }
  return { SECRETS_KEY: secrets.SECRETS_KEY, JWT_SECRET: secrets.JWT_SECRET, ...env };
}
