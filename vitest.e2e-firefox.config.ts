import { defineConfig } from 'vitest/config';

/** End-to-end tests in Firefox: Firefox ESR with the built add-on (`npm run test:e2e:firefox` builds it first). */
export default defineConfig({
  test: {
    globalSetup: ['tests/node-version.ts'],
    environment: 'node',
    include: ['tests/e2e-firefox/**/*.e2e.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
