// Build, dev-server and unit-test configuration of the Saulet SPA.
//
// The SPA is served by the `saulet` server in production, from the same origin as the API, so
// every API call is a relative URL. In development the Vite server forwards the server-owned
// paths to a locally running `saulet serve`.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const apiOrigin = process.env.SAULET_API_ORIGIN ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': apiOrigin,
      '/docs': apiOrigin,
      '/.well-known': apiOrigin,
    },
  },
  build: {
    outDir: 'dist',
    // The production Content-Security-Policy allows images from 'self' and data: only; keeping
    // every asset a real file keeps the markup independent of that exception.
    assetsInlineLimit: 0,
    // dist/.vite/manifest.json: which chunks the entry imports statically, for `npm run size`.
    manifest: true,
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/testing/setup.ts'],
    mockReset: true,
  },
});
