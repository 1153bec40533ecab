import { sql } from 'kysely';
import { DAY_MS, rangeParts } from './report-time.js';
import type { ReportScope } from './report-scope.js';

/*
 * The agents report's per-agent figures over a range: the whole UTC days from the counters of
 * migration 021 (report_agent_days, report_agent_seconds), the part of a day at either end of the range
 * (local midnight in the report's zone) from the raw rows, the same queries the counters stand for.
 */

const num = (v: number | string | null | undefined) => Number(v ?? 0);

interface Resolutions {
  handled: number;
  reopened: number;
  ratings: number;
  ratingTotal: number;
}

/** What the per-agent figures add up from: resolutions, public replies, response times by whole second. */
export interface PerAgent {
  resolutions: Map<string, Resolutions>;
  replies: Map<string, number>;
  durations: Map<string, [number, number][]>;
}

type Count = number | string | null;
const addResolutions = (into: PerAgent, agent: string, r: { handled: Count; reopened: Count; ratings: Count; rating_total: Count }) => {
  const t = into.resolutions.get(agent);
  into.resolutions.set(agent, {
    handled: (t?.handled ?? 0) + num(r.handled),
    reopened: (t?.reopened ?? 0) + num(r.reopened),
    ratings: (t?.ratings ?? 0) + num(r.ratings),
    ratingTotal: (t?.ratingTotal ?? 0) + num(r.rating_total),
  });
};
const addReplies = (into: PerAgent, agent: string, n: Count) => into.replies.set(agent, (into.replies.get(agent) ?? 0) + num(n));
const pushTo = (map: Map<string, [number, number][]>, key: string, pair: [number, number]) => {
  const list = map.get(key);
  if (list) list.push(pair);
  else map.set(key, [pair]);
};

/** The raw rows of [start, end): resolutions (surveys), replies (messages) and response times. */
async function fromRaw(scope: ReportScope, start: number, end: number, into: PerAgent): Promise<void> {
  const { db } = scope;
  const resolutions = await db
    .selectFrom('surveys')
    .select((eb) => [
      'agent_id',
      eb.fn.countAll<number | string>().as('handled'),
      eb.fn.count<number | string>('reopened_at').as('reopened'),
      eb.fn.count<number | string>('rating').as('ratings'),
      eb.fn.sum<number | string | null>('rating').as('rating_total'),
    ])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .where('agent_id', 'is not', null)
    .groupBy('agent_id')
    .execute();
  for (const r of resolutions) addResolutions(into, r.agent_id!, r);
  const replies = await db
    .selectFrom('messages')
    .select((eb) => ['author_id', eb.fn.countAll<number | string>().as('n')])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .where('author_type', '=', 'agent')
    .where('kind', '=', 'reply')
    .where('author_id', 'is not', null)
    .groupBy('author_id')
    .execute();
  for (const r of replies) addReplies(into, r.author_id!, r.n);
  // Durations by whole second: one row per agent and distinct second, not one per response.
  const durations = await db
    .selectFrom('response_times')
    .select((eb) => ['agent_id', sql<number>`duration_ms / 1000`.as('s'), eb.fn.countAll<number | string>().as('n')])
    .where('responded_at', '>=', start)
    .where('responded_at', '<', end)
    .where('agent_id', 'is not', null)
    .groupBy(['agent_id', 's'])
    .execute();
  for (const d of durations) pushTo(into.durations, d.agent_id!, [Number(d.s), num(d.n)]);
}

/** The counters of whole UTC days (migration 021): the same figures, per day and agent. */
async function fromCounters(scope: ReportScope, days: { from: number; to: number }, into: PerAgent): Promise<void> {
  const { db } = scope;
  const totals = await db
    .selectFrom('report_agent_days')
    .select((eb) => [
      'agent_id',
      eb.fn.sum<number | string>('handled').as('handled'),
      eb.fn.sum<number | string>('reopened').as('reopened'),
      eb.fn.sum<number | string>('ratings').as('ratings'),
      eb.fn.sum<number | string>('rating_total').as('rating_total'),
      eb.fn.sum<number | string>('replies').as('replies'),
    ])
    .where('utc_day', '>=', days.from)
    .where('utc_day', '<', days.to)
    .groupBy('agent_id')
    .execute();
  for (const r of totals) {
    if (num(r.handled) > 0) addResolutions(into, r.agent_id, r);
    if (num(r.replies) > 0) addReplies(into, r.agent_id, r.replies);
  }
  const durations = await db
    .selectFrom('report_agent_seconds')
    .select((eb) => ['agent_id', 'duration_s', eb.fn.sum<number | string>('n').as('n')])
    .where('utc_day', '>=', days.from)
    .where('utc_day', '<', days.to)
    .groupBy(['agent_id', 'duration_s'])
    .execute();
  for (const d of durations) pushTo(into.durations, d.agent_id, [Number(d.duration_s), num(d.n)]);
}

/** The range's whole UTC days from the counters, the parts of a day at either end from the raw rows. */
export async function perAgent(scope: ReportScope): Promise<PerAgent> {
  const into: PerAgent = { resolutions: new Map(), replies: new Map(), durations: new Map() };
  const { whole, edges } = rangeParts(scope.range.start, scope.range.end, DAY_MS);
  if (whole) await fromCounters(scope, whole, into);
  for (const edge of edges) await fromRaw(scope, edge.start, edge.end, into);
  return into;
}
