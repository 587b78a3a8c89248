import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type PluginOption } from 'vite';

export const RENDERER_ROOT = fileURLToPath(new URL('../renderer', import.meta.url));

/**
 * The renderer's build settings, shared by web mode and the Electron window
 * (electron.vite.config.ts): electron-vite turns minification off by default, and the window must
 * ship the same minified bundle the benchmarks measure.
 */
export const RENDERER_BUILD: BuildOptions = {
  minify: 'esbuild',
  sourcemap: false,
  rollupOptions: {
    // zod's sources carry `@__PURE__` notes Rollup cannot place; it drops them, harmlessly.
    onwarn: (warning, warn) => {
      if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
    },
  },
};

export const rendererPlugins = (): PluginOption[] => [react()];

/** Builds the renderer for web mode (the same sources electron-vite builds for the window). */
export async function buildRendererForWeb(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: RENDERER_ROOT,
    base: './',
    logLevel: 'warn',
    plugins: rendererPlugins(),
    build: { ...RENDERER_BUILD, outDir, emptyOutDir: true },
  });
}
