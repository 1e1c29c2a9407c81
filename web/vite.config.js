// Vite build of the station's two pages into web/dist, served by
// `saqr serve` at /.  Relative base so the bundle works from any path.
// `npm run dev` proxies the API and the WebSocket to a running
// `saqr serve` (SAQR_URL, default http://127.0.0.1:8080).
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const target = process.env.SAQR_URL || 'http://127.0.0.1:8080';

export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        cockpit: resolve(import.meta.dirname, 'cockpit.html'),
      },
    },
  },
  server: {
    proxy: {
      '/api': target,
      '/ws': { target, ws: true },
    },
  },
});
