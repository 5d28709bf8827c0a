import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'adapters/**/*.test.ts', 'test/**/*.test.ts'],
    // One migrated PGlite template per run; each test file copies it (DESIGN.md section 7).
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    // Vitest's default is one worker less than the cores: one on a 2-core machine. Most of a test's time is
    // spent waiting on PostgreSQL or a child process, so two at once finish the suite about 1.5x sooner.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
