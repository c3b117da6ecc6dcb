// One Vite build for the whole UI. Pages are separate entries so that each
// loads only its own code: the dispatcher's board at `/` (index.html) and,
// later, the technician's app at `/tech/` (tech/index.html, issue 6: add it to
// `input` below). The server serves `ui/dist` (see ui/README.md).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { basemapPlugin } from './vite/basemap-plugin.ts';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react(), basemapPlugin()],
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    sourcemap: true,
    // Leaflet and React are one chunk the board cannot start without anyway.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // The basemap plugin reads a 6 MB package once per build: expected, not worth a warning.
      checks: { pluginTimings: false },
      input: {
        board: here('index.html'),
        tech: here('tech/index.html'),
      },
    },
  },
  server: {
    // `npm run dev -w ui` next to a running server: the API and sockets are proxied to it.
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
