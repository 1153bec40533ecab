import { sql } from 'kysely';
import type { ComplaintsReport } from '../../api/types.js';
import { percent } from './report-time.js';
import { rangeInfo, seriesBase, slotOf, type ReportScope } from './report-scope.js';

/**
 * Complaints opened in the range: how many were answered, how many within their reply-by deadline,
 * second reviews asked for and their outcome, and those still waiting for a supervisor's decision.
 */
export async function complaintsReport(scope: ReportScope): Promise<ComplaintsReport> {
  const { db, range } = scope;
  let query = db
    .selectFrom('complaints')
    .select((eb) => [
      slotOf('complaints.created_at').as('slot'),
      eb.fn.countAll<number | string>().as('opened'),
      eb.fn.count<number | string>('complaints.answered_at').as('answered'),
      eb.fn.sum<number | string | null>(sql`case when complaints.answered_at <= complaints.reply_by_at then 1 else 0 end`).as('in_time'),
      eb.fn.count<number | string>('complaints.review_requested_at').as('reviews'),
      eb.fn.sum<number | string | null>(sql`case when complaints.review_decision = 'upheld' then 1 else 0 end`).as('upheld'),
      eb.fn.sum<number | string | null>(sql`case when complaints.review_decision = 'overturned' then 1 else 0 end`).as('overturned'),
      eb.fn.sum<number | string | null>(sql`case when complaints.status = 'second_review' then 1 else 0 end`).as('awaiting'),
    ])
    .where('complaints.created_at', '>=', range.start)
    .where('complaints.created_at', '<', range.end);
  if (scope.team !== null) query = query.innerJoin('conversations', 'conversations.id', 'complaints.conversation_id').where('conversations.team', '=', scope.team);
  const rows = await query.groupBy('slot').execute();

  const size = scope.buckets.labels.length;
  const opened = new Array<number>(size).fill(0);
  const answeredIn = new Array<number>(size).fill(0);
  const totals = { opened: 0, answered: 0, answeredInTime: 0, secondReviews: 0, upheld: 0, overturned: 0, awaitingReview: 0 };
  for (const row of rows) {
    const b = scope.buckets.bucketOfSlot(Number(row.slot));
    if (b < 0) continue;
    opened[b]! += Number(row.opened);
    answeredIn[b]! += Number(row.answered);
    totals.opened += Number(row.opened);
    totals.answered += Number(row.answered);
    totals.answeredInTime += Number(row.in_time ?? 0);
    totals.secondReviews += Number(row.reviews);
    totals.upheld += Number(row.upheld ?? 0);
    totals.overturned += Number(row.overturned ?? 0);
    totals.awaitingReview += Number(row.awaiting ?? 0);
  }
  return {
    range: rangeInfo(scope),
    totals: { ...totals, inTime: percent(totals.answeredInTime, totals.answered) },
    series: opened.map((n, i) => ({ ...seriesBase(scope, i), opened: n, answered: answeredIn[i]! })),
  };
}
