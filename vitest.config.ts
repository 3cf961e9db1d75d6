import { defineConfig } from 'vitest/config';

const shared = { testTimeout: 30_000, hookTimeout: 30_000 };

/** `vitest run --project unit` (fast, no processes), `e2e` (the emulator and the real bot) or `browser` (Chromium). */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/browser/**', 'test/emulator/**'],
        },
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'test/emulator/**/*.test.ts'],
          globalSetup: ['test/helpers/build-once.ts'],
        },
      },
      // Launching Chromium (up to two tries of 45 s) happens in a hook.
      { test: { ...shared, hookTimeout: 120_000, name: 'browser', include: ['test/browser/**/*.test.ts'] } },
    ],
  },
});
