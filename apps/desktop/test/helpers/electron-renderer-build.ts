/**
 * The Electron window's renderer exactly as `electron-vite build` makes it (electron.vite.config.ts
 * resolved by electron-vite itself), written to `outDir` instead of out/renderer so a test or a
 * benchmark can measure what ships without touching the app's build output.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { resolveConfig } from 'electron-vite';
import { build, type PluginOption } from 'vite';

const CONFIG = fileURLToPath(new URL('../../electron.vite.config.ts', import.meta.url));

/** `extraPlugins` lets a benchmark watch the build (module sizes) without changing its output. */
export async function buildElectronRenderer(
  outDir: string,
  extraPlugins: PluginOption[] = [],
): Promise<void> {
  const resolved = await resolveConfig(
    { configFile: CONFIG, logLevel: 'warn' },
    'build',
    'production',
  );
  const renderer = resolved.config?.renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer build');
  await build({
    ...renderer,
    plugins: [...(renderer.plugins ?? []), ...extraPlugins],
    logLevel: 'warn',
    build: { ...renderer.build, outDir, emptyOutDir: true },
  });
}

export interface BuiltFile {
  /** Path relative to the build's folder. */
  path: string;
  bytes: number;
  gzipBytes: number;
  lines: number;
}

/** Every JavaScript and CSS file a build produced, with its raw and gzip sizes. */
export function builtAssets(dir: string, prefix = ''): BuiltFile[] {
  const out: BuiltFile[] = [];
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    const full = join(dir, rel);
    if (statSync(full).isDirectory()) out.push(...builtAssets(dir, rel));
    else if (/\.(m?js|css)$/.test(name)) {
      const text = readFileSync(full);
      out.push({
        path: rel,
        bytes: text.length,
        gzipBytes: gzipSync(text, { level: 9 }).length,
        lines: text.toString('utf8').split('\n').length,
      });
    }
  }
  return out;
}
