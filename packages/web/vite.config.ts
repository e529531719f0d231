import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const coreEntry = fileURLToPath(new URL('../core/src/index.ts', import.meta.url));
const coreSrc = fileURLToPath(new URL('../core/src/', import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Use core's TypeScript sources directly so the web app never depends on core being built first.
    alias: { '@kintsugi/core': coreEntry },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      treeshake: {
        // core's modules only declare constants, schemas and functions; letting the bundler drop the
        // unused ones keeps zod and the server-side validators out of the browser bundle.
        moduleSideEffects: (id: string) => !id.startsWith(coreSrc),
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/healthz': 'http://localhost:3000',
    },
  },
});
