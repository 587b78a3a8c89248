import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SOURCE_DIRS = ['apps', 'packages'];
const SKIP = new Set(['node_modules', 'out', 'dist', 'release', '.vite']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Where a type, interface, class or schema of this name is declared (re-exports are not declarations). */
function declarations(name: string): string[] {
  const declared = new RegExp(
    `^\\s*(?:export\\s+)?(?:declare\\s+)?(?:(?:type|interface|class|enum)\\s+${name}\\b(?!\\s*[,}])|const\\s+${name}Schema\\b)`,
    'm',
  );
  return SOURCE_DIRS.flatMap((d) => sources(join(ROOT, d)))
    .filter((file) => declared.test(readFileSync(file, 'utf8')))
    .map((file) => relative(ROOT, file));
}

describe('one name per concept across the repository', () => {
  it.each([
    ['DialRequest', 'the engine’s outbound call'],
    ['DialLink', 'a tel:/callto:/sip: link main hands the renderer'],
    ['AudioDevices', 'the audio devices plugged in'],
    ['AudioDeviceChoice', 'the devices the user chose'],
    ['Unsubscribe', 'what an `on…` subscription returns'],
    ['DialerApi', 'window.dialer'],
  ])('%s (%s) is declared once', (name) => {
    expect(declarations(name)).toHaveLength(1);
  });
});
