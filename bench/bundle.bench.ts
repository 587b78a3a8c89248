/**
 * The renderer's production bundle (gzip), the @telnyx/webrtc SDK's share of it, beside a page
 * that only uses the SDK (bench/bundle/sdk-only), built with the same Vite settings. The app is
 * measured as the Electron window ships it (electron.vite.config.ts); that web mode builds the same
 * is apps/desktop/test/packaging/renderer-build.test.ts's job. Sizes are deterministic: one build each, no trials.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'vite';
import { RENDERER_BUILD, rendererPlugins } from '../apps/desktop/src/host/build-renderer.js';
import {
  buildElectronRenderer,
  builtAssets,
  type BuiltFile,
} from '../apps/desktop/test/helpers/electron-renderer-build.js';
import { BENCH_DIR, type Benchmark, type Row } from './lib/report.js';

const TARGET_RATIO = 1.5;

/** Where a module comes from: its npm package, or "app" for the workspace's own sources. */
function packageOf(id: string): string {
  const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id);
  return m ? m[1]!.replace('\\', '/') : 'app';
}

/** Sums the bytes Rollup rendered per package (after tree-shaking, before minification). */
function moduleShares(into: Map<string, number>): Plugin {
  return {
    name: 'bench-module-shares',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        for (const [id, m] of Object.entries(chunk.modules)) {
          const key = packageOf(id);
          into.set(key, (into.get(key) ?? 0) + m.renderedLength);
        }
      }
    },
  };
}

const sum = (files: BuiltFile[], key: 'bytes' | 'gzipBytes') =>
  files.reduce((n, f) => n + f[key], 0);
const kB = (bytes: number) => Math.round(bytes / 100) / 10;

export const bundleBenchmark: Benchmark = {
  name: 'bundle',
  describe:
    'Production renderer bundle (JS + CSS, gzip level 9) as the Electron window ships it, the SDK’s share, beside an SDK-only page built with the same Vite settings.',
  async run() {
    const work = mkdtempSync(join(tmpdir(), 'croko-bench-bundle-'));
    try {
      const shares = new Map<string, number>();
      const sdkOnly = join(work, 'sdk-only');
      await buildElectronRenderer(join(work, 'electron'), [moduleShares(shares)]);
      await build({
        configFile: false,
        root: join(BENCH_DIR, 'bundle', 'sdk-only'),
        base: './',
        logLevel: 'warn',
        plugins: rendererPlugins(),
        build: { ...RENDERER_BUILD, outDir: sdkOnly, emptyOutDir: true },
      });
      const electron = builtAssets(join(work, 'electron'));
      const sdk = builtAssets(sdkOnly);
      const electronGz = sum(electron, 'gzipBytes');
      const sdkGz = sum(sdk, 'gzipBytes');
      const ratio = electronGz / sdkGz;
      const total = [...shares.values()].reduce((n, v) => n + v, 0);
      const share = (v: number) => Math.round((v / total) * 1000) / 10;
      const sdkShare = share(shares.get('@telnyx/webrtc') ?? 0);
      const largest = [...shares.entries()].sort((x, y) => y[1] - x[1]).slice(0, 8);
      const rows: Row[] = [
        {
          metric: 'renderer bundle, gzip (Electron build vs SDK-only page)',
          unit: 'kB',
          project: kB(electronGz),
          baseline: kB(sdkGz),
          target: `≤ ${TARGET_RATIO}× the SDK-only page`,
          pass: ratio <= TARGET_RATIO,
        },
        {
          metric: 'renderer bundle, minified (Electron build vs SDK-only page)',
          unit: 'kB',
          project: kB(sum(electron, 'bytes')),
          baseline: kB(sum(sdk, 'bytes')),
        },
        {
          metric: 'SDK share of the app’s rendered modules',
          unit: '%',
          project: sdkShare,
          baseline: null,
        },
        {
          metric: 'lines in the Electron build’s JavaScript (minified: few)',
          unit: 'lines',
          project: electron.filter((f) => f.path.endsWith('.js')).reduce((n, f) => n + f.lines, 0),
          baseline: sdk.filter((f) => f.path.endsWith('.js')).reduce((n, f) => n + f.lines, 0),
        },
      ];
      return {
        rows,
        notes: [
          `App (gzip) is ${Math.round(ratio * 100) / 100}× the SDK-only page; by gzip size alone the SDK-only page is ${Math.round((sdkGz / electronGz) * 1000) / 10} % of the app.`,
          `Largest shares of the app’s rendered module bytes (after tree-shaking, before minification): ${largest.map(([k, v]) => `${k} ${share(v)} %`).join(', ')}.`,
          'The Electron window’s renderer was built unminified (electron-vite’s default) before this benchmark: 855 kB beside web mode’s 331 kB. electron.vite.config.ts now takes the renderer’s build settings from apps/desktop/src/host/build-renderer.ts, shared with web mode; apps/desktop/test/packaging/renderer-build.test.ts keeps it so.',
        ],
        failures: [],
        details: { electron, sdkOnly: sdk, moduleShares: Object.fromEntries(shares) },
      };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
