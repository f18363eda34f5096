import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    globalSetup: ['tests/node-version.ts'],
    environment: 'happy-dom',
    include: ['tests/unit/**/*.test.{ts,tsx}', 'utils/**/*.test.ts', 'components/**/*.test.tsx'],
    setupFiles: ['tests/unit/setup.ts'],
    restoreMocks: true,
  },
});
