import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves dist/ at /c/:id; `vite dev` proxies the API (and its WebSocket) to it.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', ws: true, changeOrigin: true },
    },
  },
});
