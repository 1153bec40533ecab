import type { CsatReport } from '../../api/types.js';
import { percent } from './report-time.js';
import { mean, rangeInfo, seriesBase, slotOf, type ReportScope } from './report-scope.js';

/**
 * Surveys of the resolutions in the range (by when they were sent): how many were answered, the mean
 * rating and its distribution, the share of 4s and 5s; follow-ups opened and closed in the range.
 */
export async function csatReport(scope: ReportScope): Promise<CsatReport> {
  const { db, range } = scope;
  let query = db
    .selectFrom('surveys')
    .select((eb) => [slotOf('created_at').as('slot'), 'rating', eb.fn.countAll<number | string>().as('n')])
    .where('created_at', '>=', range.start)
    .where('created_at', '<', range.end);
  if (scope.team !== null) query = query.where('team', '=', scope.team);
  const rows = await query.groupBy(['slot', 'rating']).execute();

  const size = scope.buckets.labels.length;
  const sent = new Array<number>(size).fill(0);
  const answered = new Array<number>(size).fill(0);
  const total = new Array<number>(size).fill(0);
  const distribution = [0, 0, 0, 0, 0];
  for (const row of rows) {
    const b = scope.buckets.bucketOfSlot(Number(row.slot));
    if (b < 0) continue;
    const n = Number(row.n);
    sent[b]! += n;
    if (row.rating === null) continue;
    const rating = Number(row.rating);
    answered[b]! += n;
    total[b]! += rating * n;
    distribution[rating - 1]! += n;
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const allAnswered = sum(answered);

  const followUps = async (column: 'follow_ups.created_at' | 'follow_ups.closed_at') => {
    let q = db
      .selectFrom('follow_ups')
      .innerJoin('surveys', 'surveys.id', 'follow_ups.survey_id')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where(column, '>=', range.start)
      .where(column, '<', range.end);
    if (scope.team !== null) q = q.where('surveys.team', '=', scope.team);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  return {
    range: rangeInfo(scope),
    totals: {
      sent: sum(sent),
      answered: allAnswered,
      responseRate: percent(allAnswered, sum(sent)),
      average: mean(sum(total), allAnswered),
      satisfied: percent(distribution[3]! + distribution[4]!, allAnswered),
      distribution,
    },
    followUps: { opened: await followUps('follow_ups.created_at'), closed: await followUps('follow_ups.closed_at') },
    series: sent.map((n, i) => ({ ...seriesBase(scope, i), sent: n, answered: answered[i]!, average: mean(total[i]!, answered[i]!) })),
  };
}
