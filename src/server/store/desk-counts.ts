import { sql, type Kysely } from 'kysely';
import { SLOT_MS } from './migrations/020-desk-counters.js';
import type { Database } from './tables.js';

/**
 * The board's figures read from the counters of migration 020 (kept by triggers as rows are
 * written): a few hundred rows at most, whatever the size of the desk. Times are whole 15-minute
 * slots; desk-board.ts reads the rows themselves (store/desk.ts) for a day that does not start on one.
 */

export { SLOT_MS };

/** Whether an instant starts a slot, so that "since then" is a sum of whole slots. */
export const onSlot = (t: number) => t >= 0 && t % SLOT_MS === 0;

export type QueueDimension = 'team' | 'priority' | 'channel' | 'category';

/**
 * The waiting queue (open, held by nobody) counted per team (null: none), priority, channel and
 * category: summed by the database over the counter rows, so that a few dozen rows come back
 * whatever the number of combinations.
 */
export async function waitingCounts(db: Kysely<Database>): Promise<{ dimension: QueueDimension; key: string | null; n: number }[]> {
  const per = (dimension: Exclude<QueueDimension, 'team'>) =>
    sql`select ${sql.lit(dimension)} as dimension, 1 as has_team, ${sql.ref(dimension)} as k, sum(waiting) as n from desk_queue_counts group by ${sql.ref(dimension)}`;
  const rows = await sql<{ dimension: QueueDimension; has_team: number; k: string; n: number | string }>`
    select 'team' as dimension, has_team, team as k, sum(waiting) as n from desk_queue_counts group by has_team, team
    union all ${per('priority')} union all ${per('channel')} union all ${per('category')}`.execute(db);
  return rows.rows
    .filter((r) => Number(r.n) !== 0)
    .map((r) => ({ dimension: r.dimension, key: r.dimension === 'team' && Number(r.has_team) === 0 ? null : r.k, n: Number(r.n) }));
}

export interface SinceCounts {
  responses: { clock: string; met: number; late: number }[];
  resolutions: { resolved: number; late: number; timed: number; reopened: number };
  csat: { answered: number; sum: number; satisfied: number };
}

/** Responses, resolutions and answered surveys since `from` (a slot's start), as store/desk.ts counts them from the rows. */
export async function countsSince(db: Kysely<Database>, from: number): Promise<SinceCounts> {
  const first = Math.trunc(from / SLOT_MS);
  const [responses, slots] = await Promise.all([
    db
      .selectFrom('desk_response_counts')
      .select(['clock', (eb) => eb.fn.sum<number>('responded').as('n'), (eb) => eb.fn.sum<number>('late').as('late')])
      .where('slot', '>=', first)
      .groupBy('clock')
      .execute(),
    db
      .selectFrom('desk_slot_counts')
      .select((eb) => [
        eb.fn.sum<number>('resolved').as('resolved'),
        eb.fn.sum<number>('resolved_timed').as('timed'),
        eb.fn.sum<number>('resolved_late').as('late'),
        eb.fn.sum<number>('reopened').as('reopened'),
        eb.fn.sum<number>('surveys_answered').as('answered'),
        eb.fn.sum<number>('rating_sum').as('rating_sum'),
        eb.fn.sum<number>('satisfied').as('satisfied'),
      ])
      .where('slot', '>=', first)
      .executeTakeFirstOrThrow(),
  ]);
  const n = (v: number | string | null) => Number(v ?? 0);
  return {
    // A clock whose responses were all deleted keeps a row of zeros: left out, as a count from the rows would.
    responses: responses.filter((r) => n(r.n) !== 0).map((r) => ({ clock: r.clock, met: n(r.n) - n(r.late), late: n(r.late) })),
    resolutions: { resolved: n(slots.resolved), late: n(slots.late), timed: n(slots.timed), reopened: n(slots.reopened) },
    csat: { answered: n(slots.answered), sum: n(slots.rating_sum), satisfied: n(slots.satisfied) },
  };
}

/** Conversations created and resolutions per slot in [from, to) (slot starts), by slot index from `from`. */
export async function slotsBetween(db: Kysely<Database>, from: number, to: number): Promise<{ incoming: Map<number, number>; resolved: Map<number, number> }> {
  const first = Math.trunc(from / SLOT_MS);
  const rows = await db
    .selectFrom('desk_slot_counts')
    .select(['slot', 'incoming', 'resolved'])
    .where('slot', '>=', first)
    .where('slot', '<', Math.trunc(to / SLOT_MS))
    .execute();
  return {
    incoming: new Map(rows.map((r) => [Number(r.slot) - first, Number(r.incoming)])),
    resolved: new Map(rows.map((r) => [Number(r.slot) - first, Number(r.resolved)])),
  };
}

