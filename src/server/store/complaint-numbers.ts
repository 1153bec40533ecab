import type { Kysely } from 'kysely';
import { ProblemError } from './problem-error.js';
import type { Database } from './tables.js';

const PER_DAY = 999_999;

/** YYYYMMDD of the UTC day `now` falls in. */
export function complaintDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * The next complaint number, C-YYYYMMDD-NNNNNN, inside the caller's transaction. The day's counter row
 * is inserted or incremented in one statement: PostgreSQL row-locks it until the transaction ends, and
 * SQLite has one writer, so two transactions can never read the same value. A rolled-back transaction
 * gives its number back before anyone saw it; a committed one never goes back, so numbers are never
 * reused.
 */
export async function nextComplaintNumber(db: Kysely<Database>, now: number): Promise<string> {
  const day = complaintDay(now);
  const { last } = await db
    .insertInto('complaint_counters')
    .values({ day, last: 1 })
    .onConflict((oc) => oc.column('day').doUpdateSet((eb) => ({ last: eb('complaint_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  if (last > PER_DAY) {
    throw new ProblemError('complaint_numbers_exhausted', `all ${PER_DAY} complaint numbers of ${day} (UTC) are used; try again after midnight UTC`, { status: 503 });
  }
  return `C-${day}-${String(last).padStart(6, '0')}`;
}
