import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The console is served by the API at /admin/ (same origin), so every asset URL starts there. */
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // zod's comments confuse Rollup's annotation parser; harmless, and noise in every test run.
      onwarn(warning, warn) {
        if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
});
