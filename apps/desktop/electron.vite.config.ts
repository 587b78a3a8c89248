import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { RENDERER_BUILD, rendererPlugins } from './src/host/build-renderer.js';

// docs/architecture.md#desktop-build: main as ESM, preload as CommonJS so windows can run
// sandboxed, and the workspace package @crokodialer/shared (TypeScript sources) bundled into both.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: ['@crokodialer/shared'] },
      rollupOptions: { input: resolve(import.meta.dirname, 'src/main/index.ts') },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only `electron`: bundle everything else.
      externalizeDeps: false,
      rollupOptions: {
        input: resolve(import.meta.dirname, 'src/preload/index.ts'),
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: rendererPlugins(),
    // The same build as web mode (minified), so what ships is what bench/ measures.
    build: {
      ...RENDERER_BUILD,
      rollupOptions: {
        ...RENDERER_BUILD.rollupOptions,
        input: resolve(import.meta.dirname, 'src/renderer/index.html'),
      },
    },
  },
});
