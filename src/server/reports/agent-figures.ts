import { sql } from 'kysely';
import { AGENT_BUCKETS } from '../store/migrations/021-report-counters.js';
import { addTo, bucketOf, locate, valueAtRank } from './duration-percentiles.js';
import { DAY_MS, rangeParts } from './report-time.js';
import { num, type ReportScope } from './report-scope.js';

/*
 * The agents report's per-agent figures over a range: the whole UTC days from the counters of
 * migration 021 (report_agent_days; report_agent_buckets, then report_agent_seconds for the median's
 * bucket), the part of a day at either end of the range (local midnight in the report's zone) from the
 * raw rows, the same queries the counters stand for.
 */

interface Resolutions {
  handled: number;
  reopened: number;
  ratings: number;
  ratingTotal: number;
}

/** An agent's response times over the range: per bucket, and per second for the raw rows read. */
interface Durations {
  buckets: Map<number, number>;
  rawSeconds: [number, number][];
}

/** What the per-agent figures add up from: resolutions, public replies, response times. */
export interface PerAgent {
  resolutions: Map<string, Resolutions>;
  replies: Map<string, number>;
  durations: Map<string, Durations>;
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
const durationsOf = (into: PerAgent, agent: string): Durations => {
  let d = into.durations.get(agent);
  if (!d) {
    d = { buckets: new Map(), rawSeconds: [] };
    into.durations.set(agent, d);
  }
  return d;
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
  for (const d of durations) {
    const of = durationsOf(into, d.agent_id!);
    of.rawSeconds.push([Number(d.s), num(d.n)]);
    addTo(of.buckets, bucketOf(AGENT_BUCKETS, Number(d.s)), num(d.n));
  }
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
    .selectFrom('report_agent_buckets')
    .select((eb) => ['agent_id', 'bucket', eb.fn.sum<number | string>('n').as('n')])
    .where('utc_day', '>=', days.from)
    .where('utc_day', '<', days.to)
    .groupBy(['agent_id', 'bucket'])
    .execute();
  for (const d of durations) addTo(durationsOf(into, d.agent_id).buckets, Number(d.bucket), num(d.n));
}

/** The range's whole UTC days from the counters, the parts of a day at either end from the raw rows. */
export async function perAgent(scope: ReportScope): Promise<PerAgent> {
  const into: PerAgent = { resolutions: new Map(), replies: new Map(), durations: new Map() };
  const { whole, edges } = rangeParts(scope.range.start, scope.range.end, DAY_MS);
  if (whole) await fromCounters(scope, whole, into);
  for (const edge of edges) await fromRaw(scope, edge.start, edge.end, into);
  return into;
}

/**
 * The median response time (whole seconds) of each of `agents`: the bucket its rank falls in from the
 * counts per bucket, then the seconds of that bucket alone, for every agent in one query.
 */
export async function medianResponses(scope: ReportScope, figures: PerAgent, agents: readonly string[]): Promise<Map<string, number | null>> {
  const targets = new Map<string, { bucket: number; rank: number; pairs: [number, number][] }>();
  for (const agent of agents) {
    const durations = figures.durations.get(agent);
    const at = durations ? locate(durations.buckets, [50])[0] : null;
    if (at) targets.set(agent, { ...at, pairs: durations!.rawSeconds.filter(([s]) => bucketOf(AGENT_BUCKETS, s) === at.bucket) });
  }
  const days = rangeParts(scope.range.start, scope.range.end, DAY_MS).whole;
  if (days && targets.size > 0) {
    if (scope.engine === 'sqlite') {
      // In-process, one query per agent: an index range each, grouping a few hundred rows (one query
      // for all agents grouped them all at once, 2 to 4 times as long).
      for (const [agent, t] of targets) {
        const rows = await scope.db
          .selectFrom('report_agent_seconds')
          .select((eb) => ['duration_s', eb.fn.sum<number | string>('n').as('n')])
          .where('agent_id', '=', agent)
          .where('bucket', '=', t.bucket)
          .where('utc_day', '>=', days.from)
          .where('utc_day', '<', days.to)
          .groupBy('duration_s')
          .execute();
        for (const row of rows) t.pairs.push([Number(row.duration_s), num(row.n)]);
      }
    } else {
      // One round trip: a join with the (agent, bucket) list, an index-only range per agent (200 ORed
      // conditions made a bitmap that read the heap; 200 queries, 200 round trips).
      const list = sql.join([...targets].map(([agent, t]) => sql`(cast(${agent} as text), cast(${t.bucket} as integer))`));
      const { rows } = await sql<{ agent_id: string; duration_s: number; n: number | string }>`
        with t (agent, bucket) as (values ${list})
        select s.agent_id, s.duration_s, sum(s.n) as n from t join report_agent_seconds s on s.agent_id = t.agent and s.bucket = t.bucket
        where s.utc_day >= ${days.from} and s.utc_day < ${days.to} group by s.agent_id, s.duration_s`.execute(scope.db);
      for (const row of rows) targets.get(row.agent_id)?.pairs.push([Number(row.duration_s), num(row.n)]);
    }
  }
  return new Map(agents.map((agent) => {
    const t = targets.get(agent);
    return [agent, t ? valueAtRank(t.pairs, t.rank) : null];
  }));
}
