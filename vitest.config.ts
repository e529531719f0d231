import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import @kintsugi/core from source so they never depend on a stale dist/ build.
const coreSrc = fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url));

export default defineConfig({
  resolve: {
    alias: { '@kintsugi/core': coreSrc },
  },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
