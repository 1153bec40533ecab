import { sql, type Kysely } from 'kysely';
import type { Engine } from './engine.js';
import type { Database } from './tables.js';

/**
 * The NOTIFY channel of this database schema, computed by PostgreSQL from the session's schema so that
 * writers and listeners agree without passing the name around. Instances on other schemas of the same
 * database (tests, staging) do not wake each other. md5 keeps any schema name a valid, short identifier.
 */
export const EVENTS_CHANNEL_SQL = sql<string>`'support_events_' || left(md5(current_schema()), 16)`;

/**
 * Appends a live event inside the caller's transaction.
 *
 * Ordering across instances (PostgreSQL): ids come from a sequence, and a transaction that took id 10
 * could commit after one that took 11; a reader that had already delivered 11 would then skip 10 for
 * ever, and an SSE client resuming with Last-Event-ID 11 too. So the final id is given at commit, under
 * a transaction-scoped advisory lock (one per schema), by a deferred trigger
 * (migrations/007-event-commit-order-postgres.ts). PostgreSQL makes a commit visible before it releases
 * the transaction's locks, so when the next committer gets the lock and its id, every smaller id is
 * already committed (or rolled back: a gap nobody waits for). Any snapshot that sees id N therefore sees
 * every committed id below N, and "read after the last id" is gapless. Commits that carry events
 * serialise only for the trigger and the commit itself, inside the database.
 *
 * The same transaction NOTIFYs the schema's channel: PostgreSQL delivers it only on commit (and folds
 * repeats within one transaction), so every instance's listener wakes its bus once the rows are readable.
 *
 * SQLite has one writer, so order is given and the other processes find rows by polling.
 * The id is not returned: on PostgreSQL it is only known once the transaction commits.
 */
export async function appendEvent(
  db: Kysely<Database>,
  engine: Engine,
  event: { type: string; conversationId: number | null; payload: unknown; at: number },
): Promise<void> {
  if (engine === 'postgres') await sql`select pg_notify(${EVENTS_CHANNEL_SQL}, '')`.execute(db);
  await db
    .insertInto('events')
    .values({ type: event.type, conversation_id: event.conversationId, payload: JSON.stringify(event.payload), created_at: event.at })
    .execute();
}
