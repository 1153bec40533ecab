import type { Kysely } from 'kysely';
import type { Database } from '../store/tables.js';

export interface RateLimit {
  max: number;
  windowMs: number;
}

export type Reservation = { granted: true; bucket: string; windowStart: number } | { granted: false; resetAt: number };

/**
 * Fixed-window counters kept in the database, so that every server instance on one database counts
 * the same attempts. An attempt takes its place before it is tried: one upsert adds it to the
 * window only while the window has room (or has expired), and says whether it did. Parallel attempts
 * therefore cannot all read "room for one more" and all go ahead: PostgreSQL row-locks the bucket for
 * the upsert, SQLite has one writer. A refused attempt is not counted.
 */
export async function reserveAttempt(db: Kysely<Database>, bucket: string, limit: RateLimit, now: number): Promise<Reservation> {
  const expired = now - limit.windowMs;
  const row = await db
    .insertInto('rate_limits')
    .values({ bucket, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc
        .column('bucket')
        .doUpdateSet((eb) => ({
          count: eb.case().when('rate_limits.window_start', '<=', expired).then(1).else(eb('rate_limits.count', '+', 1)).end(),
          window_start: eb.case().when('rate_limits.window_start', '<=', expired).then(now).else(eb.ref('rate_limits.window_start')).end(),
        }))
        .where((eb) => eb.or([eb('rate_limits.window_start', '<=', expired), eb('rate_limits.count', '<', limit.max)])),
    )
    .returning('window_start')
    .executeTakeFirst();
  if (row) return { granted: true, bucket, windowStart: row.window_start };
  const full = await db.selectFrom('rate_limits').select('window_start').where('bucket', '=', bucket).executeTakeFirst();
  return { granted: false, resetAt: (full?.window_start ?? now) + limit.windowMs };
}

/** Gives a reserved place back (the attempt turned out not to count), unless its window is over. */
export async function releaseAttempt(db: Kysely<Database>, reservation: { bucket: string; windowStart: number }): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set((eb) => ({ count: eb('count', '-', 1) }))
    .where('bucket', '=', reservation.bucket)
    .where('window_start', '=', reservation.windowStart)
    .where('count', '>', 0)
    .execute();
}

export async function clearAttempts(db: Kysely<Database>, bucket: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('bucket', '=', bucket).execute();
}

class WindowFull extends Error {
  constructor(readonly resetAt: number) {
    super('the rate limit window is full');
  }
}

/**
 * A place in every window or in none: taken in one transaction, in order, so that a window that
 * refuses rolls back the places taken before it (an attempt refused by one limit uses up no other).
 */
export async function reserveAttempts(
  db: Kysely<Database>,
  windows: readonly { bucket: string; limit: RateLimit }[],
  now: number,
): Promise<{ granted: true; places: Extract<Reservation, { granted: true }>[] } | { granted: false; resetAt: number }> {
  try {
    const places = await db.transaction().execute(async (trx) => {
      const taken: Extract<Reservation, { granted: true }>[] = [];
      for (const { bucket, limit } of windows) {
        const place = await reserveAttempt(trx, bucket, limit, now);
        if (!place.granted) throw new WindowFull(place.resetAt);
        taken.push(place);
      }
      return taken;
    });
    return { granted: true, places };
  } catch (error) {
    if (error instanceof WindowFull) return { granted: false, resetAt: error.resetAt };
    throw error;
  }
}
