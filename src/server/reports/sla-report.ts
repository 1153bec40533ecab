import { sql } from 'kysely';
import { SLA_CLOCKS, type SlaClock } from '../../api/enums.js';
import type { SlaReport } from '../../api/types.js';
import { DAY_MS, percent, percentileOfCounts, rangeParts, SLOT_MS } from './report-time.js';
import { rangeInfo, seriesBase, slotOf, type ReportScope } from './report-scope.js';

/** What the database returns per clock: stopped and met per slot, and the durations by whole second. */
interface ClockFigures {
  slots: { slot: number; stopped: number; met: number }[];
  seconds: [number, number][];
}

const emptyFigures = (): ClockFigures => ({ slots: [], seconds: [] });

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
  for (const row of seconds) into.get(row.clock as SlaClock)?.seconds.push([Number(row.s), Number(row.n)]);
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
  for (const r of seconds) into.seconds.push([Number(r.s), Number(r.n)]);
}

async function fromRaw(scope: ReportScope, edge: { start: number; end: number }, byClock: Map<SlaClock, ClockFigures>, what: 'slots' | 'seconds'): Promise<void> {
  await rawResponses(scope, edge.start, edge.end, byClock, what);
  await rawResolutions(scope, edge.start, edge.end, byClock.get('resolution')!, what);
}

/**
 * Every clock's figures: stopped and met from the slot counters, durations from the day counters
 * (migration 021), each with the raw rows of what the range holds of a slot or a day at either end.
 */
async function clockFigures(scope: ReportScope): Promise<Map<SlaClock, ClockFigures>> {
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
      .selectFrom('report_clock_seconds')
      .select((eb) => ['clock', 'duration_s', eb.fn.sum<number | string>('n').as('n')])
      .where('utc_day', '>=', dayParts.whole.from)
      .where('utc_day', '<', dayParts.whole.to);
    if (scope.team !== null) q = q.where('team', '=', scope.team);
    for (const row of await q.groupBy(['clock', 'duration_s']).execute()) byClock.get(row.clock as SlaClock)?.seconds.push([Number(row.duration_s), Number(row.n)]);
  }
  for (const edge of dayParts.edges) await fromRaw(scope, edge, byClock, 'seconds');
  return byClock;
}

const inMs = (seconds: number | null) => (seconds === null ? null : seconds * 1000);

/**
 * SLA attainment per clock: of the clocks stopped in the range, how many before their due time, and
 * the percentiles of how long they ran (nearest rank, in whole seconds). First and next response come
 * from the recorded response times, resolution from the resolutions held to a due time.
 */
export async function slaReport(scope: ReportScope): Promise<SlaReport> {
  const byClock = await clockFigures(scope);
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
