import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Electron binary, if its runtime was installed; null otherwise. Found without `require
 * ('electron')`, which would try to download a missing binary (installs with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 have none, and offline machines cannot fetch one).
 */
export function electronBinary(desktopDir: string): string | null {
  try {
    const require = createRequire(join(desktopDir, 'package.json'));
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}
