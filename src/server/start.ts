import type { FastifyServerOptions } from 'fastify';
import { buildApp, type App } from './app.js';
import { DEFAULT_SETTINGS, type ServerContext, type ServerSettings } from './context.js';
import { seedDemo } from './demo/seed.js';
import { openStore, type Store, type StoreOptions } from './store/database.js';

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
}

export interface RunningServer {
  url: string;
  app: App;
  store: Store;
  ctx: ServerContext;
  seeded: Awaited<ReturnType<typeof seedDemo>> | undefined;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const store = await openStore(options.store);
  const ctx: ServerContext = {
    store,
    db: store.db,
    engine: store.engine,
    now: options.now ?? Date.now,
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
  };
  try {
    const seeded = options.demo ? await seedDemo(store.db, store.engine, ctx.now()) : undefined;
    const app = await buildApp(ctx, { logger: options.logger, trustProxy: options.trustProxy });
    await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
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
      close: () => (closing ??= app.close().then(() => store.close())),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
