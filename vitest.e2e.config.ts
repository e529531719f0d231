import { defineConfig } from 'vitest/config';

// End-to-end tests drive the real built server and web app in Chromium; run `npm run build` first.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
