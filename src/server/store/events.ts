import { sql, type Kysely } from 'kysely';
import type { Engine } from './engine.js';
import type { Database } from './tables.js';

// Any constant works; it names the lock that orders event ids by commit time.
const EVENT_ORDER_LOCK = 0x5e7e;

/**
 * Appends a live event inside the caller's transaction. On PostgreSQL a transaction-scoped advisory
 * lock is taken first, so events commit in id order and a reader resuming "after id N" can never
 * skip an event that commits late. SQLite has one writer, so order is given.
 */
export async function appendEvent(
  db: Kysely<Database>,
  engine: Engine,
  event: { type: string; conversationId: number | null; payload: unknown; at: number },
): Promise<number> {
  if (engine === 'postgres') await sql`select pg_advisory_xact_lock(${EVENT_ORDER_LOCK})`.execute(db);
  const row = await db
    .insertInto('events')
    .values({ type: event.type, conversation_id: event.conversationId, payload: JSON.stringify(event.payload), created_at: event.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
