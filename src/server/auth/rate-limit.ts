import type { Kysely } from 'kysely';
import type { Database } from '../store/tables.js';

export interface RateLimit {
  max: number;
  windowMs: number;
}

/**
 * Fixed-window counters kept in the database, so that every server instance on one database counts
 * the same attempts.
 */
export async function currentCount(db: Kysely<Database>, bucket: string, limit: RateLimit, now: number) {
  const row = await db.selectFrom('rate_limits').select(['count', 'window_start']).where('bucket', '=', bucket).executeTakeFirst();
  if (!row || row.window_start + limit.windowMs <= now) return { count: 0, resetAt: now + limit.windowMs };
  return { count: row.count, resetAt: row.window_start + limit.windowMs };
}

export async function countAttempt(db: Kysely<Database>, bucket: string, limit: RateLimit, now: number): Promise<void> {
  const expired = now - limit.windowMs;
  await db
    .insertInto('rate_limits')
    .values({ bucket, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column('bucket').doUpdateSet((eb) => ({
        count: eb.case().when('rate_limits.window_start', '<=', expired).then(1).else(eb('rate_limits.count', '+', 1)).end(),
        window_start: eb.case().when('rate_limits.window_start', '<=', expired).then(now).else(eb.ref('rate_limits.window_start')).end(),
      })),
    )
    .execute();
}

export async function clearAttempts(db: Kysely<Database>, bucket: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('bucket', '=', bucket).execute();
}
