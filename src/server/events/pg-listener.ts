import type pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { EVENTS_CHANNEL_SQL } from '../store/events.js';
import type { Database } from '../store/tables.js';

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

/**
 * Wakes this instance's event bus when any instance on the same PostgreSQL schema commits events:
 * writers NOTIFY the schema's channel in their transaction (store/events.ts), and this one dedicated
 * connection, outside the pool, LISTENs. If the connection drops it reconnects with backoff and wakes
 * the bus once connected again, since notifications sent meanwhile are lost (the rows are not: the
 * bus reads the table after its last id). The bus's slow poll stays as the last resort.
 */
export class PgEventListener {
  readonly #newClient: () => pg.Client;
  readonly #db: Kysely<Database>;
  readonly #wake: () => void;
  readonly #onError: (error: unknown) => void;
  #client: pg.Client | undefined;
  #retryMs = FIRST_RETRY_MS;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #connects = 0;

  constructor(options: { newClient: () => pg.Client; db: Kysely<Database>; wake: () => void; onError?: (error: unknown) => void }) {
    this.#newClient = options.newClient;
    this.#db = options.db;
    this.#wake = options.wake;
    this.#onError = options.onError ?? (() => {});
  }

  /** Connects and listens; throws if the first connection fails (the server should not start half-deaf). */
  async start(): Promise<void> {
    await this.#connect();
  }

  /** How many times a LISTEN connection was established (1 until a reconnect). */
  get connects(): number {
    return this.#connects;
  }

  /** The live LISTEN connection, for tests that cut it. */
  get client(): pg.Client | undefined {
    return this.#client;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  async #connect(): Promise<void> {
    const { rows } = await sql<{ channel: string }>`select ${EVENTS_CHANNEL_SQL} as channel`.execute(this.#db);
    const channel = rows[0]!.channel;
    const client = this.#newClient();
    let live = false;
    let lost = false;
    const onLost = (error?: unknown) => {
      // Before LISTEN succeeded, the failure is the caller's (start() throws, or the retry goes on).
      if (!live || lost) return;
      lost = true;
      if (error) this.#onError(error);
      if (this.#client === client) this.#client = undefined;
      client.end().catch(() => {});
      this.#scheduleReconnect();
    };
    client.on('notification', (message) => {
      if (message.channel === channel) this.#wake();
    });
    client.on('error', (error) => onLost(error));
    client.on('end', () => onLost());
    try {
      await client.connect();
      // The channel is [a-z0-9_] (computed above), so quoting it is enough.
      await client.query(`LISTEN "${channel}"`);
    } catch (error) {
      // Not awaited: ending a client whose connection never opened may never settle.
      client.end().catch(() => {});
      throw error;
    }
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    live = true;
    this.#client = client;
    this.#retryMs = FIRST_RETRY_MS;
    this.#connects += 1;
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#timer) return;
    const delay = this.#retryMs;
    this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#closed) return;
      this.#connect().then(
        // Notifications sent while disconnected are gone: read whatever was committed meanwhile.
        () => this.#wake(),
        (error: unknown) => {
          this.#onError(error);
          this.#scheduleReconnect();
        },
      );
    }, delay);
    this.#timer.unref();
  }
}
