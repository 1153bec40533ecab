import { sql, type Kysely } from 'kysely';
import type { Engine } from './engine.js';
import type { Database } from './tables.js';

/**
 * Runs `work` in a transaction whose commit does not wait for PostgreSQL to flush its log to disk
 * (synchronous_commit off for this transaction only): for writes whose loss in a crash is harmless,
 * such as a rate-limit counter on every lookup, where waiting for the flush would be most of the
 * request's time. Atomicity and isolation are unchanged; SQLite (WAL, synchronous NORMAL) already
 * commits without a flush.
 */
export async function withRelaxedCommit<T>(db: Kysely<Database>, engine: Engine, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (engine === 'sqlite') return work(db);
  return db.transaction().execute(async (trx) => {
    await sql`set local synchronous_commit = off`.execute(trx);
    return work(trx);
  });
}
