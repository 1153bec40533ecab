import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Everything runs on SQLite. When SUPPORT_TEST_DATABASE_URL is set (.ci/run sets it), the suites that
 * start a server run a second time against that PostgreSQL, each server in its own schema. A database
 * that does not answer then fails those tests; it never skips them.
 */
const postgres = process.env['SUPPORT_TEST_DATABASE_URL'];
// The demo desk is seeded once per run and copied into each SQLite test server (helpers/demo-template.ts).
const demoTemplate = 'tests/helpers/demo-template-setup.ts';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    pool: 'forks',
    // Two cores: two test files at a time; each starts its own server.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'sqlite', globalSetup: [demoTemplate], include: ['tests/**/*.test.{ts,tsx}'], exclude: ['tests/e2e/**', 'tests/bench/**'], env: { SUPPORT_TEST_ENGINE: 'sqlite' } } },
      ...(postgres
        ? [{ extends: true, test: { name: 'postgres', globalSetup: [demoTemplate], include: ['tests/server/**/*.test.ts', 'tests/client/**/*.test.ts', 'tests/cli/**/*.test.ts'], env: { SUPPORT_TEST_ENGINE: 'postgres' } } }]
        : []),
      { extends: true, test: { name: 'e2e', globalSetup: [demoTemplate], include: ['tests/e2e/**/*.test.ts'], env: { SUPPORT_TEST_ENGINE: 'sqlite' } } },
    ],
  },
});
