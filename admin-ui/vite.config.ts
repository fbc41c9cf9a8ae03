import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Writes build-info.json beside index.html: how the console was built. `npm start` serves only
 * a production build (NODE_ENV=production: React without its development checks, minified).
 */
function buildInfo(): Plugin {
  return {
    name: 'console-build-info',
    apply: 'build',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'build-info.json',
        source: `${JSON.stringify({ nodeEnv: process.env.NODE_ENV ?? null })}\n`,
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), buildInfo()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
});
