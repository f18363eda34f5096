import { defineConfig } from 'vitest/config';

/** End-to-end tests: real Chromium with the built extension (`npm run test:e2e` builds it first). */
export default defineConfig({
  test: {
    globalSetup: ['tests/node-version.ts'],
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
