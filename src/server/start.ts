import type { FastifyServerOptions } from 'fastify';
import { buildApp, type App } from './app.js';
import { DEFAULT_SETTINGS, type ServerContext, type ServerSettings } from './context.js';
import { seedDemo } from './demo/seed.js';
import { AssistIndex } from './domain/assist/assist-index.js';
import { DemoSimulator, type SimulatorOptions } from './demo/simulator.js';
import { EventBus } from './events/bus.js';
import { PgEventListener } from './events/pg-listener.js';
import { Sweeper } from './jobs/sweeper.js';
import { assistPlugin, busPlugin, listenerPlugin, simulatorPlugin, storePlugin, sweeperPlugin } from './resources.js';
import { fillPhoneKeys } from './store/customer-phones.js';
import { openStore, type Store, type StoreOptions } from './store/database.js';
import type { WalletBackend } from './wallets/backend.js';
import { LocalLedger } from './wallets/local-ledger.js';

export interface StartOptions {
  store: StoreOptions;
  port?: number;
  host?: string;
  demo?: boolean;
  logger?: FastifyServerOptions['logger'];
  trustProxy?: boolean;
  settings?: Partial<ServerSettings>;
  /** Tests move time; production reads the wall clock. */
  now?: () => number;
  /** Demo customers who write and open conversations every few seconds (off unless set). */
  simulate?: boolean | SimulatorOptions;
  /** The wallet backend; by default the local ledger on the server's own tables. */
  wallets?: (store: Store) => WalletBackend;
}

export interface RunningServer {
  url: string;
  app: App;
  store: Store;
  ctx: ServerContext;
  seeded: Awaited<ReturnType<typeof seedDemo>> | undefined;
  /** Wakes snoozed conversations, announces SLA breaches, expires presence; runOnce() for tests. */
  sweeper: Sweeper;
  simulator: DemoSimulator | undefined;
  /** PostgreSQL: the LISTEN connection that wakes the bus when other instances commit events. */
  listener: PgEventListener | undefined;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const store = await openStore(options.store);
  const settings = { ...DEFAULT_SETTINGS, ...options.settings };
  let logError: (error: unknown, what: string) => void = () => {};
  const bus = new EventBus(store.db, { onError: (error) => logError(error, 'event bus') });
  const ctx: ServerContext = {
    store,
    db: store.db,
    engine: store.engine,
    now: options.now ?? Date.now,
    settings,
    bus,
    wallets: options.wallets ? options.wallets(store) : new LocalLedger(store.engine),
    assist: new AssistIndex(store.db, (error) => logError(error, 'assist index')),
    draining: false,
  };
  const sweeper = new Sweeper(ctx, (error) => logError(error, 'sweeper'));
  // Several instances on one PostgreSQL: every commit's NOTIFY wakes every instance's bus.
  const listener = store.newClient
    ? new PgEventListener({ newClient: store.newClient, db: store.db, wake: () => bus.notify(), onError: (error) => logError(error, 'event listener') })
    : undefined;
  const simulator = options.simulate
    ? new DemoSimulator(ctx, options.simulate === true ? {} : options.simulate, (error) => logError(error, 'demo simulator'))
    : undefined;
  // From here on the app owns every resource: closing it (or a failed start) releases them all.
  const app = await buildApp(ctx, {
    logger: options.logger,
    trustProxy: options.trustProxy,
    resources: [
      storePlugin(store),
      busPlugin(bus, settings.eventsPollMs),
      assistPlugin(ctx.assist, bus),
      ...(listener ? [listenerPlugin(listener)] : []),
      sweeperPlugin(sweeper, settings.sweepIntervalMs),
      ...(simulator ? [simulatorPlugin(simulator)] : []),
    ],
  });
  logError = (error, what) => app.log.error({ err: error }, `${what} failed`);
  let seeded: RunningServer['seeded'];
  try {
    seeded = options.demo ? await seedDemo(store.db, store.engine, ctx.now()) : undefined;
    // The demo seed writes customers in bulk; their phone lookup keys are filled here, as for any desk.
    await fillPhoneKeys(store.db, settings.defaultRegion);
    // Ready first (the listener, then the bus start), then listening (the sweeper and simulator start).
    await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    app,
    store,
    ctx,
    seeded,
    sweeper,
    simulator,
    listener,
    // A graceful drain: /ready turns 503 and responses close their connections; background work stops
    // (preClose); app.close stops accepting, ends the event streams (with a retry hint) and waits for
    // requests in flight, cutting what is left after drainTimeoutMs; then the resources close (onClose).
    close: () =>
      (closing ??= (async () => {
        ctx.draining = true;
        const cut = setTimeout(() => app.server.closeAllConnections(), settings.drainTimeoutMs);
        cut.unref();
        try {
          await app.close();
        } finally {
          clearTimeout(cut);
        }
      })()),
  };
}
