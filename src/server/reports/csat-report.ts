import type { CsatReport } from '../../api/types.js';
import { percent, rangeParts, SLOT_MS } from './report-time.js';
import { mean, rangeInfo, seriesBase, slotOf, type ReportScope } from './report-scope.js';

const RATED = ['rated_1', 'rated_2', 'rated_3', 'rated_4', 'rated_5'] as const;

type SlotRating = { slot: number | string; rating: number | null; n: number | string };

/** From the raw rows: surveys sent in [start, end) per slot and rating (null: not answered). */
async function rawRatingsBySlot(scope: ReportScope, start: number, end: number): Promise<SlotRating[]> {
  let query = scope.db
    .selectFrom('surveys')
    .select((eb) => [slotOf('created_at').as('slot'), 'rating', eb.fn.countAll<number | string>().as('n')])
    .where('created_at', '>=', start)
    .where('created_at', '<', end);
  if (scope.team !== null) query = query.where('team', '=', scope.team);
  return query.groupBy(['slot', 'rating']).execute();
}

/** Surveys per slot and rating: the slot counters (migration 021), the raw rows for a part of a slot at either end. */
async function ratingsBySlot(scope: ReportScope): Promise<SlotRating[]> {
  const { whole, edges } = rangeParts(scope.range.start, scope.range.end, SLOT_MS);
  const rows: SlotRating[] = [];
  if (whole) {
    let query = scope.db
      .selectFrom('report_survey_slots')
      .select((eb) => [
        'slot',
        eb.fn.sum<number | string>('sent').as('sent'),
        ...RATED.map((column) => eb.fn.sum<number | string>(column).as(column)),
      ])
      .where('slot', '>=', whole.from)
      .where('slot', '<', whole.to);
    if (scope.team !== null) query = query.where('team', '=', scope.team);
    for (const row of await query.groupBy('slot').execute()) {
      const rated = RATED.map((column) => Number(row[column]));
      rows.push({ slot: row.slot, rating: null, n: Number(row.sent) - rated.reduce((a, b) => a + b, 0) });
      rated.forEach((n, i) => rows.push({ slot: row.slot, rating: i + 1, n }));
    }
  }
  for (const edge of edges) rows.push(...(await rawRatingsBySlot(scope, edge.start, edge.end)));
  return rows;
}

/**
 * Surveys of the resolutions in the range (by when they were sent): how many were answered, the mean
 * rating and its distribution, the share of 4s and 5s; follow-ups opened and closed in the range.
 */
export async function csatReport(scope: ReportScope): Promise<CsatReport> {
  const { db, range } = scope;
  const rows = await ratingsBySlot(scope);
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
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where(column, '>=', range.start)
      .where(column, '<', range.end);
    if (scope.team !== null) q = q.innerJoin('surveys', 'surveys.id', 'follow_ups.survey_id').where('surveys.team', '=', scope.team);
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
