import { sql } from 'kysely';
import { SLA_CLOCKS, type SlaClock } from '../../api/enums.js';
import type { SlaReport } from '../../api/types.js';
import { percent, percentileOfCounts } from './report-time.js';
import { rangeInfo, seriesBase, slotOf, type ReportScope } from './report-scope.js';

/** What the database returns per clock: stopped and met per slot, and the durations by whole second. */
interface ClockFigures {
  slots: { slot: number; stopped: number; met: number }[];
  seconds: [number, number][];
}

const emptyFigures = (): ClockFigures => ({ slots: [], seconds: [] });

/** Responses in the range, from the recorded response times (first and next response clocks). */
async function responses(scope: ReportScope, into: Map<SlaClock, ClockFigures>): Promise<void> {
  const { db, range } = scope;
  const base = () => {
    let q = db.selectFrom('response_times').where('response_times.responded_at', '>=', range.start).where('response_times.responded_at', '<', range.end);
    if (scope.team !== null) q = q.innerJoin('conversations', 'conversations.id', 'response_times.conversation_id').where('conversations.team', '=', scope.team);
    return q;
  };
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
  const seconds = await base()
    .select((eb) => ['response_times.clock', sql<number>`response_times.duration_ms / 1000`.as('s'), eb.fn.countAll<number | string>().as('n')])
    .groupBy(['response_times.clock', 's'])
    .execute();
  for (const row of seconds) into.get(row.clock as SlaClock)?.seconds.push([Number(row.s), Number(row.n)]);
}

/** Resolutions in the range held to a resolution due time (surveys: one row per resolution). */
async function resolutions(scope: ReportScope): Promise<ClockFigures> {
  const { db, range } = scope;
  const base = () => {
    let q = db.selectFrom('surveys').where('created_at', '>=', range.start).where('created_at', '<', range.end).where('resolution_due_at', 'is not', null);
    if (scope.team !== null) q = q.where('team', '=', scope.team);
    return q;
  };
  const slots = await base()
    .select((eb) => [slotOf('created_at').as('slot'), eb.fn.countAll<number | string>().as('n'), eb.fn.sum<number | string>(sql`case when created_at <= resolution_due_at then 1 else 0 end`).as('met')])
    .groupBy('slot')
    .execute();
  const seconds = await base()
    .select((eb) => [sql<number>`resolution_ms / 1000`.as('s'), eb.fn.countAll<number | string>().as('n')])
    .groupBy('s')
    .execute();
  return { slots: slots.map((r) => ({ slot: Number(r.slot), stopped: Number(r.n), met: Number(r.met) })), seconds: seconds.map((r) => [Number(r.s), Number(r.n)]) };
}

const inMs = (seconds: number | null) => (seconds === null ? null : seconds * 1000);

/**
 * SLA attainment per clock: of the clocks stopped in the range, how many before their due time, and
 * the percentiles of how long they ran (nearest rank, in whole seconds). First and next response come
 * from the recorded response times, resolution from the resolutions held to a due time.
 */
export async function slaReport(scope: ReportScope): Promise<SlaReport> {
  const byClock = new Map<SlaClock, ClockFigures>(SLA_CLOCKS.map((c) => [c, emptyFigures()]));
  await responses(scope, byClock);
  byClock.set('resolution', await resolutions(scope));
  const clocks: SlaReport['clocks'] = [];
  const series: SlaReport['series'] = [];
  const size = scope.buckets.labels.length;
  for (const clock of SLA_CLOCKS) {
    const figures = byClock.get(clock)!;
    const stopped = new Array<number>(size).fill(0);
    const met = new Array<number>(size).fill(0);
    for (const s of figures.slots) {
      const b = scope.buckets.bucketOfSlot(s.slot);
      if (b < 0) continue;
      stopped[b]! += s.stopped;
      met[b]! += s.met;
    }
    const allStopped = stopped.reduce((a, b) => a + b, 0);
    const allMet = met.reduce((a, b) => a + b, 0);
    clocks.push({
      clock,
      stopped: allStopped,
      met: allMet,
      attainment: percent(allMet, allStopped),
      p50Ms: inMs(percentileOfCounts(figures.seconds, 50)),
      p90Ms: inMs(percentileOfCounts(figures.seconds, 90)),
      p95Ms: inMs(percentileOfCounts(figures.seconds, 95)),
    });
    stopped.forEach((n, i) => series.push({ ...seriesBase(scope, i), clock, stopped: n, met: met[i]!, attainment: percent(met[i]!, n) }));
  }
  return { range: rangeInfo(scope), clocks, series };
}
