import { sql } from 'kysely';
import { SLA_CLOCKS, type SlaClock } from '../../api/enums.js';
import { CLOCK_BUCKETS } from '../store/migrations/021-report-counters.js';
import { addTo, bucketOf, type Histogram } from './duration-percentiles.js';
import { DAY_MS, rangeParts, SLOT_MS } from './report-time.js';
import { slotOf, type ReportScope } from './report-scope.js';

/*
 * The SLA report's figures per clock over a range: the counters of migration 021 for the whole slots
 * and UTC days of the range, the raw rows (the same queries the counters stand for) for the parts of a
 * slot or a day at either end.
 */

/** Per clock: stopped and met per slot; how long they ran, per bucket, and per second for the raw rows read. */
export interface ClockFigures {
  slots: { slot: number; stopped: number; met: number }[];
  buckets: Map<number, number>;
  rawSeconds: [number, number][];
}

const emptyFigures = (): ClockFigures => ({ slots: [], buckets: new Map(), rawSeconds: [] });

const addSeconds = (figures: ClockFigures | undefined, seconds: number, n: number) => {
  if (!figures) return;
  figures.rawSeconds.push([seconds, n]);
  addTo(figures.buckets, bucketOf(CLOCK_BUCKETS, seconds), n);
};

/** Responses in [start, end) from the raw rows (first and next response clocks), per slot and per second. */
async function rawResponses(scope: ReportScope, start: number, end: number, into: Map<SlaClock, ClockFigures>, what: 'slots' | 'seconds'): Promise<void> {
  const base = () => {
    let q = scope.db.selectFrom('response_times').where('response_times.responded_at', '>=', start).where('response_times.responded_at', '<', end);
    if (scope.team !== null) q = q.innerJoin('conversations', 'conversations.id', 'response_times.conversation_id').where('conversations.team', '=', scope.team);
    return q;
  };
  if (what === 'slots') {
    const slots = await base()
      .select((eb) => [
        'response_times.clock',
        slotOf('response_times.responded_at').as('slot'),
        eb.fn.countAll<number | string>().as('n'),
        eb.fn.sum<number | string>(sql`case when response_times.started_at + response_times.duration_ms < response_times.due_at then 1 else 0 end`).as('met'),
      ])
      .groupBy(['response_times.clock', 'slot'])
      .execute();
    for (const row of slots) into.get(row.clock as SlaClock)?.slots.push({ slot: Number(row.slot), stopped: Number(row.n), met: Number(row.met) });
    return;
  }
  const seconds = await base()
    .select((eb) => ['response_times.clock', sql<number>`response_times.duration_ms / 1000`.as('s'), eb.fn.countAll<number | string>().as('n')])
    .groupBy(['response_times.clock', 's'])
    .execute();
  for (const row of seconds) addSeconds(into.get(row.clock as SlaClock), Number(row.s), Number(row.n));
}

/** Resolutions in [start, end) held to a resolution due time, from the raw rows (surveys: one row per resolution). */
async function rawResolutions(scope: ReportScope, start: number, end: number, into: ClockFigures, what: 'slots' | 'seconds'): Promise<void> {
  const base = () => {
    let q = scope.db.selectFrom('surveys').where('created_at', '>=', start).where('created_at', '<', end).where('resolution_due_at', 'is not', null);
    if (scope.team !== null) q = q.where('team', '=', scope.team);
    return q;
  };
  if (what === 'slots') {
    const slots = await base()
      .select((eb) => [slotOf('created_at').as('slot'), eb.fn.countAll<number | string>().as('n'), eb.fn.sum<number | string>(sql`case when created_at <= resolution_due_at then 1 else 0 end`).as('met')])
      .groupBy('slot')
      .execute();
    for (const r of slots) into.slots.push({ slot: Number(r.slot), stopped: Number(r.n), met: Number(r.met) });
    return;
  }
  const seconds = await base()
    .select((eb) => [sql<number>`resolution_ms / 1000`.as('s'), eb.fn.countAll<number | string>().as('n')])
    .groupBy('s')
    .execute();
  for (const r of seconds) addSeconds(into, Number(r.s), Number(r.n));
}

async function fromRaw(scope: ReportScope, edge: { start: number; end: number }, byClock: Map<SlaClock, ClockFigures>, what: 'slots' | 'seconds'): Promise<void> {
  await rawResponses(scope, edge.start, edge.end, byClock, what);
  await rawResolutions(scope, edge.start, edge.end, byClock.get('resolution')!, what);
}

/**
 * Every clock's figures: stopped and met from the slot counters, durations per bucket from the day
 * counters (migration 021), each with the raw rows of what the range holds of a slot or a day at either end.
 */
export async function clockFigures(scope: ReportScope): Promise<Map<SlaClock, ClockFigures>> {
  const byClock = new Map<SlaClock, ClockFigures>(SLA_CLOCKS.map((c) => [c, emptyFigures()]));
  const { start, end } = scope.range;
  const slotParts = rangeParts(start, end, SLOT_MS);
  if (slotParts.whole) {
    let q = scope.db
      .selectFrom('report_clock_slots')
      .select((eb) => ['clock', 'slot', eb.fn.sum<number | string>('stopped').as('stopped'), eb.fn.sum<number | string>('met').as('met')])
      .where('slot', '>=', slotParts.whole.from)
      .where('slot', '<', slotParts.whole.to);
    if (scope.team !== null) q = q.where('team', '=', scope.team);
    for (const row of await q.groupBy(['clock', 'slot']).execute()) byClock.get(row.clock as SlaClock)?.slots.push({ slot: Number(row.slot), stopped: Number(row.stopped), met: Number(row.met) });
  }
  for (const edge of slotParts.edges) await fromRaw(scope, edge, byClock, 'slots');
  const dayParts = rangeParts(start, end, DAY_MS);
  if (dayParts.whole) {
    let q = scope.db
      .selectFrom('report_clock_buckets')
      .select((eb) => ['clock', 'bucket', eb.fn.sum<number | string>('n').as('n')])
      .where('utc_day', '>=', dayParts.whole.from)
      .where('utc_day', '<', dayParts.whole.to);
    if (scope.team !== null) q = q.where('team', '=', scope.team);
    for (const row of await q.groupBy(['clock', 'bucket']).execute()) {
      const figures = byClock.get(row.clock as SlaClock);
      if (figures) addTo(figures.buckets, Number(row.bucket), Number(row.n));
    }
  }
  for (const edge of dayParts.edges) await fromRaw(scope, edge, byClock, 'seconds');
  return byClock;
}

/** A clock's durations: per bucket over the range, and the seconds of one bucket (counters of whole days, raw rows of the rest). */
export function clockDurations(scope: ReportScope, clock: SlaClock, figures: ClockFigures): Histogram {
  const days = rangeParts(scope.range.start, scope.range.end, DAY_MS).whole;
  return {
    buckets: figures.buckets,
    seconds: async (bucket) => {
      const pairs = figures.rawSeconds.filter(([seconds]) => bucketOf(CLOCK_BUCKETS, seconds) === bucket);
      if (days) {
        let q = scope.db
          .selectFrom('report_clock_seconds')
          .select((eb) => ['duration_s', eb.fn.sum<number | string>('n').as('n')])
          .where('clock', '=', clock)
          .where('bucket', '=', bucket)
          .where('utc_day', '>=', days.from)
          .where('utc_day', '<', days.to);
        if (scope.team !== null) q = q.where('team', '=', scope.team);
        for (const row of await q.groupBy('duration_s').execute()) pairs.push([Number(row.duration_s), Number(row.n)]);
      }
      return pairs;
    },
  };
}
