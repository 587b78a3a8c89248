import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ADMIN_CONSOLE_DIR } from './plugins/external/admin-console.js';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * `npm start` serves the admin console, so a fresh checkout (`npm ci`) builds it once on the first
 * start. A deployment that ships apps/admin/dist prebuilt never gets here.
 */
export function ensureAdminConsoleBuilt(): void {
  if (existsSync(`${ADMIN_CONSOLE_DIR}/index.html`)) return;
  console.log('building the admin console once (npm run build -w @crokodialer/admin)…');
  const result = spawnSync('npm', ['run', 'build', '-w', '@crokodialer/admin'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0)
    console.error('the admin console did not build; /admin answers 503 until it does');
}
