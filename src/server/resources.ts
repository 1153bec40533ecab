import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { DemoSimulator } from './demo/simulator.js';
import type { AssistIndex } from './domain/assist/assist-index.js';
import type { EventBus } from './events/bus.js';
import type { PgEventListener } from './events/pg-listener.js';
import type { Sweeper } from './jobs/sweeper.js';
import type { Store } from './store/database.js';

/**
 * What the server holds besides its routes, each a plugin that releases what it holds when the app
 * closes. Registered in the order they depend on each other: sibling plugins close in the reverse
 * order, so the pool goes last. Background work (sweeper, simulator) stops in preClose, before the
 * requests in flight are drained; the rest closes once they are (onClose).
 */
const resource = (open: (app: FastifyInstance) => void): FastifyPluginAsync => async (app) => open(app);

/** The database: its pool closes last. */
export const storePlugin = (store: Store) =>
  resource((app) => {
    app.addHook('onClose', () => store.close());
  });

/** The live events of this process: reads the events table every `pollMs`, and when woken. */
export const busPlugin = (bus: EventBus, pollMs: number) =>
  resource((app) => {
    app.addHook('onReady', () => bus.start(pollMs));
    app.addHook('onClose', () => bus.close());
  });

/** PostgreSQL: the LISTEN connection that wakes the bus when other instances commit events. */
export const listenerPlugin = (listener: PgEventListener) =>
  resource((app) => {
    app.addHook('onReady', () => listener.start());
    app.addHook('onClose', () => listener.close());
  });

/** Timed work (snoozes, SLA breaches, presence), from the moment the server listens. */
export const sweeperPlugin = (sweeper: Sweeper, intervalMs: number) =>
  resource((app) => {
    app.addHook('onListen', async () => sweeper.start(intervalMs));
    app.addHook('preClose', () => sweeper.stop());
  });

/** Demo customers writing in, from the moment the server listens. */
export const simulatorPlugin = (simulator: DemoSimulator) =>
  resource((app) => {
    app.addHook('onListen', async () => simulator.start());
    app.addHook('preClose', () => simulator.stop());
  });

/**
 * The suggestions' index: it follows every committed event from the start, and is built in the
 * background once the server listens (after the demo seed), so that the first suggestion need not wait.
 */
export const assistPlugin = (index: AssistIndex, bus: EventBus) =>
  resource((app) => {
    let unsubscribe = () => {};
    app.addHook('onReady', async () => {
      unsubscribe = bus.subscribe((event) => index.receive(event));
    });
    app.addHook('onListen', async () => {
      index.ready().catch((error: unknown) => app.log.error({ err: error }, 'assist index failed'));
    });
    app.addHook('onClose', async () => {
      unsubscribe();
      await index.settled();
    });
  });
