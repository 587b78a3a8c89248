// The Electron window ships the renderer minified, as web mode builds it (electron-vite's own
// default is unminified): built here through electron.vite.config.ts, resolved by electron-vite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRendererForWeb } from '../../src/host/build-renderer.js';
import { buildElectronRenderer, builtAssets } from '../helpers/electron-renderer-build.js';

const work = mkdtempSync(join(tmpdir(), 'croko-renderer-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the Electron renderer build', () => {
  it('is minified and the same size as the web-mode build', async () => {
    await Promise.all([
      buildElectronRenderer(join(work, 'electron')),
      buildRendererForWeb(join(work, 'web')),
    ]);
    const electron = builtAssets(join(work, 'electron')).filter((f) => f.path.endsWith('.js'));
    const web = builtAssets(join(work, 'web')).filter((f) => f.path.endsWith('.js'));
    expect(electron.length).toBeGreaterThan(0);
    const total = (files: typeof web) => files.reduce((n, f) => n + f.bytes, 0);
    // Minified: a few long lines (the unminified build was ~21,000 lines for 855 kB).
    for (const f of electron) expect(f.bytes / f.lines, f.path).toBeGreaterThan(1_000);
    expect(Math.abs(total(electron) - total(web)) / total(web)).toBeLessThan(0.02);
  }, 300_000);
});
