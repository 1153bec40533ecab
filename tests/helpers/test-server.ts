import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SupportClient } from '../../src/client/support-client.js';
import type { ServerSettings } from '../../src/server/context.js';
import { startServer, type RunningServer, type StartOptions } from '../../src/server/start.js';
import type { SimulatorOptions } from '../../src/server/demo/simulator.js';
import type { StoreOptions } from '../../src/server/store/database.js';
import { openStore } from '../../src/server/store/database.js';
import { copyDemoTemplate, copyPostgresDemoTemplate, type DemoTemplate, type PostgresDemoTemplate } from './demo-template.js';
import { DEMO_TEMPLATE_VARIABLE, POSTGRES_DEMO_TEMPLATE_VARIABLE } from './demo-template-setup.js';
import { InjectedClient } from './injected-client.js';

/**
 * The vitest project picks the engine (tests/vitest.config.ts): the postgres project runs these same
 * tests against SUPPORT_TEST_DATABASE_URL, each server in its own schema.
 */
export const ENGINE = process.env['SUPPORT_TEST_ENGINE'] === 'postgres' ? 'postgres' : 'sqlite';
const POSTGRES_URL = ENGINE === 'postgres' ? process.env['SUPPORT_TEST_DATABASE_URL'] : undefined;
if (ENGINE === 'postgres' && !POSTGRES_URL) throw new Error('the postgres test project needs SUPPORT_TEST_DATABASE_URL');

export interface TestServer extends RunningServer {
  dir: string;
  storeOptions: StoreOptions;
  /** The server's clock: tests move it forward instead of sleeping. */
  clock: { now: number; advance(ms: number): void };
  login(email?: string, password?: string): Promise<SupportClient>;
}

export function newStoreOptions(dir: string): StoreOptions {
  if (POSTGRES_URL) {
    const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    return { engine: 'postgres', url: POSTGRES_URL, schema };
  }
  return { engine: 'sqlite', file: join(dir, 'support.db') };
}

export async function dropStore(options: StoreOptions): Promise<void> {
  if (options.engine !== 'postgres' || !options.schema) return;
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${options.schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * A real server on an ephemeral port with a real database in a temp dir (or a fresh PostgreSQL
 * schema). With `demo`, the demo desk is seeded.
 */
export async function startTestServer(
  options: {
    demo?: boolean;
    settings?: Partial<ServerSettings>;
    clockStart?: number;
    simulate?: SimulatorOptions;
    wallets?: StartOptions['wallets'];
    trustProxy?: boolean;
    /** login() gives clients that call the routes through app.inject(), without a socket (injected-client.ts). */
    inject?: boolean;
  } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'support-test-'));
  const storeOptions = newStoreOptions(dir);
  const clock = {
    now: options.clockStart ?? Date.now(),
    advance(ms: number) {
      clock.now += ms;
    },
  };
  // The demo desk seeded once for the run, copied in with its clock moved to this server's; a fresh
  // seed where there is no template (a file run outside vitest's projects, a shift across a UTC day).
  const seeded = options.demo ? await copyDemoDesk(storeOptions, clock.now) : undefined;
  const copied = seeded !== undefined;
  // Background work stays off unless a test asks for it: the demo simulator, and the sweeper's timer
  // (tests run a sweep with server.sweeper.runOnce() after moving the clock), so that what a test
  // counts is what it did.
  const server = await startServer({
    store: storeOptions,
    demo: (options.demo ?? false) && !copied,
    settings: { sweepIntervalMs: 0, ...options.settings },
    now: () => clock.now,
    ...(options.simulate ? { simulate: options.simulate } : {}),
    ...(options.wallets ? { wallets: options.wallets } : {}),
    ...(options.trustProxy ? { trustProxy: true } : {}),
  });
  return {
    ...server,
    ...(seeded ? { seeded } : {}),
    dir,
    storeOptions,
    clock,
    async login(email = 'agent@example.com', password = 'demo') {
      const anonymous = options.inject ? new InjectedClient(server.app, server.url) : new SupportClient({ baseUrl: server.url });
      const { token } = await anonymous.auth.login(email, password);
      return options.inject ? new InjectedClient(server.app, server.url, token) : new SupportClient({ baseUrl: server.url, token });
    },
    async close() {
      await server.close();
      await dropStore(storeOptions);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function fromEnvironment<T>(variable: string): T | undefined {
  const value = process.env[variable];
  return value ? (JSON.parse(value) as T) : undefined;
}

/** The run's demo template copied into this server's store; undefined where it could not be. */
async function copyDemoDesk(options: StoreOptions, now: number): Promise<DemoTemplate['seeded'] | undefined> {
  if (options.engine === 'sqlite') {
    const template = fromEnvironment<DemoTemplate>(DEMO_TEMPLATE_VARIABLE);
    return template && copyDemoTemplate(template, options.file, now) ? template.seeded : undefined;
  }
  const template = fromEnvironment<PostgresDemoTemplate>(POSTGRES_DEMO_TEMPLATE_VARIABLE);
  if (!template || !options.schema) return undefined;
  // The schema gets its tables from the migrations, as a server's would, then the template's rows.
  const store = await openStore(options);
  await store.close();
  return (await copyPostgresDemoTemplate(template, options.schema, now)) ? template.seeded : undefined;
}
