import type { Currency } from '../../api/currencies.js';
import type { RefundsReport } from '../../api/types.js';
import { iso } from '../store/time.js';
import { percentile } from './report-time.js';
import { intoBuckets, rangeInfo, seriesBase, slotOf, type ReportScope } from './report-scope.js';

/**
 * Refunds asked for in the range (by the team's members with a team): count and amount per currency
 * and status, in minor units; and the approval wait of those that needed a supervisor (asked → decided).
 */
export async function refundsReport(scope: ReportScope): Promise<RefundsReport> {
  const { db, range } = scope;
  const members = scope.teamMembers;
  const base = () => {
    let q = db.selectFrom('refunds').where('created_at', '>=', range.start).where('created_at', '<', range.end);
    if (members) q = q.where('requested_by', 'in', members.length ? members : ['']);
    return q;
  };
  const byStatus = await base()
    .select((eb) => ['currency', 'status', eb.fn.countAll<number | string>().as('n'), eb.fn.sum<number | string>('amount').as('amount')])
    .groupBy(['currency', 'status'])
    .execute();
  const currencies = new Map<string, RefundsReport['currencies'][number]>();
  for (const row of byStatus) {
    const c = currencies.get(row.currency) ?? { currency: row.currency as Currency, count: 0, amount: 0, succeeded: 0, succeededAmount: 0, pending: 0, rejected: 0 };
    const n = Number(row.n);
    const amount = Number(row.amount);
    c.count += n;
    c.amount += amount;
    if (row.status === 'succeeded') {
      c.succeeded += n;
      c.succeededAmount += amount;
    } else if (row.status === 'pending_approval') c.pending += n;
    else if (row.status === 'rejected') c.rejected += n;
    currencies.set(row.currency, c);
  }
  const approvals = await base().select(['created_at', 'decided_at', 'status']).where('approval_reason', 'is not', null).execute();
  const waits = Float64Array.from(approvals.filter((a) => a.decided_at !== null).map((a) => Number(a.decided_at) - Number(a.created_at))).sort();
  const waiting = approvals.filter((a) => a.status === 'pending_approval');
  const oldest = waiting.reduce<number | null>((min, a) => (min === null || Number(a.created_at) < min ? Number(a.created_at) : min), null);
  const slots = await base()
    .select((eb) => [slotOf('created_at').as('slot'), eb.fn.countAll<number | string>().as('n')])
    .groupBy('slot')
    .execute();
  return {
    range: rangeInfo(scope),
    currencies: [...currencies.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    approval: {
      asked: approvals.length,
      decided: waits.length,
      waiting: waiting.length,
      medianWaitMs: percentile(waits, 50),
      p90WaitMs: percentile(waits, 90),
      maxWaitMs: waits.length ? waits[waits.length - 1]! : null,
      oldestWaitingSince: oldest === null ? null : iso(oldest),
    },
    series: intoBuckets(scope, slots).map((n, i) => ({ ...seriesBase(scope, i), count: n })),
  };
}
