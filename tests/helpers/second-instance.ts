import type { ServerSettings } from '../../src/server/context.js';
import { startServer, type RunningServer } from '../../src/server/start.js';
import type { TestServer } from './test-server.js';

/**
 * Another server instance on the first one's database (the same SQLite file or PostgreSQL schema) and
 * clock, as a second machine behind a load balancer would be. Closing it leaves the database to the first.
 */
export async function startSecondInstance(first: TestServer, settings: Partial<ServerSettings> = {}): Promise<RunningServer> {
  return startServer({
    store: first.storeOptions,
    settings: { sweepIntervalMs: 0, ...settings },
    now: () => first.clock.now,
  });
}
