import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `another Crokodialer API (pid ${pid}) is using the embedded database in ${dir}. ` +
        'PGlite is one process: stop that one first, or run several instances on PostgreSQL ' +
        '(set DATABASE_URL).',
    );
    this.name = 'DataDirLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims `dir` for this process with a pid file (`api.pid`, created exclusively). A file left by a
 * process that is gone is taken over; one held by a live process — this one included, so a second
 * app in the same process is refused too — is a DataDirLockedError. Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, 'api.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
    if (Number.isInteger(holder) && holder > 0 && alive(holder))
      throw new DataDirLockedError(dir, holder);
    rmSync(file, { force: true }); // stale: its process is gone
  }
  throw new Error(`could not lock ${dir}: another process keeps replacing ${file}`);
}
