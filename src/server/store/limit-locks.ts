import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

/**
 * Makes a per-actor limit one decision: holds the named limit's row until the caller's transaction
 * ends, so that a second transaction deciding against the same limit waits here, then reads what the
 * first one committed (PostgreSQL's READ COMMITTED gives every later statement a fresh snapshot).
 *
 * Why a lock row rather than the alternatives: SELECT … FOR UPDATE finds nothing to lock before the
 * first use, so the row is upserted instead, which creates it or locks it in one statement (as
 * store/complaint-numbers.ts does for its counter). An advisory lock would serialise the same on
 * PostgreSQL but has no SQLite counterpart; SERIALIZABLE would need every caller to retry. The upsert
 * is a write on both engines: SQLite's single writer serialises it like everything else.
 *
 * Lock order: take a limit's lock before any row the decision reads (payment, refund, wallet), and
 * at most one limit per transaction, so that two transactions never wait for each other.
 */
export async function lockLimit(trx: Kysely<Database>, name: string, now: number): Promise<void> {
  await trx
    .insertInto('limit_locks')
    .values({ name, taken_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ taken_at: now }))
    .execute();
}
