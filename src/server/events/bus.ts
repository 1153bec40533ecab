import type { Kysely } from 'kysely';
import type { EventType } from '../../api/enums.js';
import type { LiveEvent } from '../../api/events.js';
import type { Database } from '../store/tables.js';
import { iso } from '../store/time.js';

const BATCH = 500;

type Subscriber = (event: LiveEvent) => void;

/**
 * Fans committed events out to the live streams of this process. The `events` table is the truth:
 * the bus reads rows after the last id it delivered, in id order, and hands each to every subscriber.
 * Something must tell it that rows were committed; each such "notifier" only calls notify():
 * - after every unit of work of this process commits (domain/unit-of-work.ts), so events leave at once;
 * - on PostgreSQL, a LISTEN on the schema's channel, which writers NOTIFY on commit (pg-listener.ts),
 *   so rows committed by other instances leave at once too;
 * - a slow poll, the last resort (SQLite processes sharing a file; a LISTEN connection being re-made).
 * Ids are handed out in commit order (store/events.ts), so "after the last id" never skips a row.
 * Reads never overlap and notifications coalesce, so a burst of commits costs one read per batch.
 */
export class EventBus {
  readonly #db: Kysely<Database>;
  readonly #subscribers = new Set<Subscriber>();
  readonly #onError: (error: unknown) => void;
  #lastId = 0;
  #reading: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(db: Kysely<Database>, options: { onError?: (error: unknown) => void } = {}) {
    this.#db = db;
    this.#onError = options.onError ?? (() => {});
  }

  /** Starts after the newest stored event; polls every `pollMs` as the notifier of last resort. */
  async start(pollMs: number): Promise<void> {
    this.#lastId = await latestEventId(this.#db);
    if (pollMs > 0) {
      this.#timer = setInterval(() => this.notify(), pollMs);
      this.#timer.unref();
    }
  }

  /** The id of the last event handed to subscribers. */
  get lastId(): number {
    return this.#lastId;
  }

  /** New rows may have been committed: read and deliver them (coalesced with a read in progress). */
  notify(): void {
    if (this.#closed) return;
    if (this.#reading) {
      this.#again = true;
      return;
    }
    this.#reading = this.#drain()
      .catch((error: unknown) => this.#onError(error))
      .finally(() => {
        this.#reading = undefined;
        if (this.#again) {
          this.#again = false;
          this.notify();
        }
      });
  }

  /** Receives every event committed after this call, in id order, until the returned function is called. */
  subscribe(subscriber: Subscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#subscribers.clear();
    await this.#reading;
  }

  async #drain(): Promise<void> {
    for (;;) {
      const events = await readEventsAfter(this.#db, this.#lastId, BATCH);
      for (const event of events) {
        this.#lastId = event.id;
        for (const subscriber of this.#subscribers) subscriber(event);
      }
      if (events.length < BATCH || this.#closed) return;
    }
  }
}

export async function latestEventId(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** Stored events with an id above `after`, oldest first. */
export async function readEventsAfter(db: Kysely<Database>, after: number, limit: number): Promise<LiveEvent[]> {
  const rows = await db.selectFrom('events').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute();
  return rows.map(
    (row) =>
      ({
        id: Number(row.id),
        type: row.type as EventType,
        conversationId: row.conversation_id,
        at: iso(row.created_at),
        data: JSON.parse(row.payload) as unknown,
      }) as LiveEvent,
  );
}
