import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built once and loaded both by Electron (file://, hence the relative base)
// and by `tokentally serve --ui` over HTTP.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: { host: '127.0.0.1' },
});
