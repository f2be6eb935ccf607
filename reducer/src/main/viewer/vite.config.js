import { defineConfig } from 'vite';

// The reducer serves the built files under /viewer/, so every asset URL must be relative.
// JSX goes through vite's own esbuild (no @vitejs/plugin-react: one dependency less to install).
export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    emptyOutDir: true,
    // h5web (three.js, react) is one big chunk by nature; don't warn about it on every Maven build
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      onwarn(warning, warn) {
        // React's "use client" markers in h5web's dependencies mean nothing in a client-only bundle
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') {
          warn(warning);
        }
      },
    },
  },
});
