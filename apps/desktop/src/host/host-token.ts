import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The web host's page token, kept in the data dir (mode 0600, like the settings beside it) so a
 * restarted host accepts the page that is already open and it reconnects. Anyone who can read this
 * file can read the user's settings and outbox too; the token keeps out other local pages and users.
 */
export async function loadHostToken(dataDir: string): Promise<string> {
  const file = join(dataDir, 'web-host-token');
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (/^[A-Za-z0-9_-]{43}$/.test(existing.trim())) return existing.trim();
  const token = randomBytes(32).toString('base64url');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFile(file, token, { mode: 0o600 });
  return token;
}
