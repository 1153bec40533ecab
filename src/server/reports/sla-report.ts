import { SLA_CLOCKS } from '../../api/enums.js';
import type { SlaReport } from '../../api/types.js';
import { clockDurations, clockFigures } from './clock-figures.js';
import { percentiles } from './duration-percentiles.js';
import { percent } from './report-time.js';
import { rangeInfo, seriesBase, type ReportScope } from './report-scope.js';

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
    const [p50, p90, p95] = await percentiles(clockDurations(scope, clock, figures), [50, 90, 95]);
    clocks.push({ clock, stopped: allStopped, met: allMet, attainment: percent(allMet, allStopped), p50Ms: inMs(p50!), p90Ms: inMs(p90!), p95Ms: inMs(p95!) });
    stopped.forEach((n, i) => series.push({ ...seriesBase(scope, i), clock, stopped: n, met: met[i]!, attainment: percent(met[i]!, n) }));
  }
  return { range: rangeInfo(scope), clocks, series };
}
