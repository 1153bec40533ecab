import { sql } from 'kysely';
import { SLA_CLOCKS, type SlaClock } from '../../api/enums.js';
import type { SlaReport } from '../../api/types.js';
import { percent, percentile } from './report-time.js';
import { rangeInfo, seriesBase, slotOf, type ReportScope } from './report-scope.js';

interface Stopped {
  slot: number;
  durationMs: number;
  met: boolean;
}

/** Responses in the range: one row per stopped response clock (response_times). */
async function responses(scope: ReportScope): Promise<Map<SlaClock, Stopped[]>> {
  const { db, range } = scope;
  let query = db
    .selectFrom('response_times')
    .select(['response_times.clock', slotOf('response_times.responded_at').as('slot'), 'response_times.duration_ms', sql<number>`case when response_times.started_at + response_times.duration_ms < response_times.due_at then 1 else 0 end`.as('met')])
    .where('response_times.responded_at', '>=', range.start)
    .where('response_times.responded_at', '<', range.end);
  if (scope.team !== null) query = query.innerJoin('conversations', 'conversations.id', 'response_times.conversation_id').where('conversations.team', '=', scope.team);
  const out = new Map<SlaClock, Stopped[]>(SLA_CLOCKS.map((c) => [c, []]));
  for (const row of await query.execute()) out.get(row.clock as SlaClock)?.push({ slot: Number(row.slot), durationMs: Number(row.duration_ms), met: Number(row.met) === 1 });
  return out;
}

/** Resolutions in the range held to a resolution due time (surveys: one row per resolution). */
async function resolutions(scope: ReportScope): Promise<Stopped[]> {
  const { db, range } = scope;
  let query = db
    .selectFrom('surveys')
    .select([slotOf('created_at').as('slot'), 'resolution_ms', sql<number>`case when created_at <= resolution_due_at then 1 else 0 end`.as('met')])
    .where('created_at', '>=', range.start)
    .where('created_at', '<', range.end)
    .where('resolution_due_at', 'is not', null);
  if (scope.team !== null) query = query.where('team', '=', scope.team);
  return (await query.execute()).map((row) => ({ slot: Number(row.slot), durationMs: Number(row.resolution_ms), met: Number(row.met) === 1 }));
}

/**
 * SLA attainment per clock: of the clocks stopped in the range, how many before their due time, and
 * the percentiles of how long they ran (nearest rank). First and next response come from the recorded
 * response times, resolution from the resolutions held to a due time.
 */
export async function slaReport(scope: ReportScope): Promise<SlaReport> {
  const byClock = await responses(scope);
  byClock.set('resolution', await resolutions(scope));
  const clocks: SlaReport['clocks'] = [];
  const series: SlaReport['series'] = [];
  for (const clock of SLA_CLOCKS) {
    const rows = byClock.get(clock)!;
    const sorted = Float64Array.from(rows, (r) => r.durationMs).sort();
    const met = rows.filter((r) => r.met).length;
    clocks.push({ clock, stopped: rows.length, met, attainment: percent(met, rows.length), p50Ms: percentile(sorted, 50), p90Ms: percentile(sorted, 90), p95Ms: percentile(sorted, 95) });
    const stopped = new Array<number>(scope.buckets.labels.length).fill(0);
    const metIn = new Array<number>(scope.buckets.labels.length).fill(0);
    for (const r of rows) {
      const b = scope.buckets.bucketOfSlot(r.slot);
      if (b < 0) continue;
      stopped[b]!++;
      if (r.met) metIn[b]!++;
    }
    stopped.forEach((n, i) => series.push({ ...seriesBase(scope, i), clock, stopped: n, met: metIn[i]!, attainment: percent(metIn[i]!, n) }));
  }
  return { range: rangeInfo(scope), clocks, series };
}
