import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const RENDERER_ROOT = fileURLToPath(new URL('../renderer', import.meta.url));

/** Builds the renderer for web mode (the same sources electron-vite builds for the window). */
export async function buildRendererForWeb(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: RENDERER_ROOT,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      rollupOptions: {
        // zod's sources carry `@__PURE__` notes Rollup cannot place; it drops them, harmlessly.
        onwarn: (warning, warn) => {
          if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
        },
      },
    },
  });
}
