import { defineConfig } from 'vitest/config';

/** Browser tests: real Chromium (Debian's /usr/bin/chromium) driven by playwright-core. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    setupFiles: ['test/helpers/no-network.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    // A browser on a busy machine can be slow to settle: polls wait up to 10 s before they fail.
    expect: { poll: { timeout: 10_000 } },
  },
});
