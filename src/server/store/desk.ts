import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { REACHABLE_STATUSES } from './incidents.js';
import type { Database } from './tables.js';

/**
 * The supervisor board's reads (GET /v1/desk), one query per figure, each served by an index of
 * migration 013-desk or an earlier one: none scans the desk's closed history.
 */

export interface DeskAgentRow {
  id: string;
  name: string;
  role: string;
  availability: string;
  availability_since: number | null;
  capacity: number;
}

export async function deskAgents(db: Kysely<Database>): Promise<DeskAgentRow[]> {
  return db
    .selectFrom('agents')
    .select(['id', 'name', 'role', 'availability', 'availability_since', 'capacity'])
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Open conversations per assignee (conversations_desk_queue: status, assignee_id). */
export async function loads(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('conversations')
    .select(['assignee_id', (eb) => eb.fn.countAll().as('n')])
    .where('status', '=', 'open')
    .where('assignee_id', 'is not', null)
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id!, Number(r.n)]));
}

/** Each agent's latest unexpired presence: the conversation they are in now. */
export async function currentPresence(db: Kysely<Database>, now: number): Promise<Map<string, { conversationId: number; state: string }>> {
  const rows = await db
    .selectFrom('presence')
    .select(['agent_id', 'conversation_id', 'state', 'since'])
    .where('expires_at', '>', now)
    .orderBy('since')
    .execute();
  // Ordered by `since`: the latest of an agent's entries is written last.
  return new Map(rows.map((r) => [r.agent_id, { conversationId: r.conversation_id, state: r.state }]));
}

/** Public replies per agent since `from` (messages_desk_replies). */
export async function repliesSince(db: Kysely<Database>, from: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('messages')
    .select(['author_id', (eb) => eb.fn.countAll().as('n')])
    .where('created_at', '>=', from)
    .where('author_type', '=', 'agent')
    .where('kind', '=', 'reply')
    .groupBy('author_id')
    .execute();
  return new Map(rows.filter((r) => r.author_id !== null).map((r) => [r.author_id!, Number(r.n)]));
}

export interface QueueGroup {
  team: string | null;
  priority: string;
  channel: string;
  category: string;
  n: number;
  oldest: number;
}

/**
 * The waiting queue: open and held by nobody, written as the partial index conversations_desk_waiting
 * is (literals, not parameters), so that both planners see the index covers it.
 */
const WAITING = sql<boolean>`status = 'open' and assignee_id is null`;

/** The waiting queue grouped by team, priority, channel and category: read from its partial index only. */
export async function queueGroups(db: Kysely<Database>): Promise<QueueGroup[]> {
  const rows = await db
    .selectFrom('conversations')
    .select(['team', 'priority', 'channel', 'category', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.min('created_at').as('oldest')])
    .where(WAITING)
    .groupBy(['team', 'priority', 'channel', 'category'])
    .execute();
  return rows.map((r) => ({ team: r.team, priority: r.priority, channel: r.channel, category: r.category, n: Number(r.n), oldest: Number(r.oldest) }));
}

/** The queued conversation that came in first (ties: the lower id). */
export async function oldestWaiting(db: Kysely<Database>): Promise<{ id: number; created_at: number } | undefined> {
  return db
    .selectFrom('conversations')
    .select(['id', 'created_at'])
    .where(WAITING)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export interface ClockCandidate {
  clock: 'first_response' | 'next_response' | 'resolution';
  due: number;
  started: number | null;
}

export interface RunningClocks {
  clock: ClockCandidate['clock'];
  /** Past due (due time ≤ now), and of those, due since `since`. */
  breached: number;
  breachedSince: number;
  /** Still running and, by the columns alone, in the last 20 % of the window: for slaState to judge. */
  candidates: ClockCandidate[];
}

// Response clocks an incident holds do not run, so they are neither breached nor at risk while held
// (response_held_by is in those clocks' indexes: the counts still read the index alone).
const CLOCK_COLUMNS = [
  { clock: 'first_response', due: 'first_response_due_at', started: 'first_response_started_at', statuses: ['open'], holdable: true },
  { clock: 'next_response', due: 'next_response_due_at', started: 'next_response_started_at', statuses: ['open'], holdable: true },
  { clock: 'resolution', due: 'resolution_due_at', started: 'resolution_started_at', statuses: ['open', 'pending'], holdable: false },
] as const;

/**
 * The running clocks of open and pending conversations, per clock, from the indexes
 * conversations_desk_<clock>_due and _risk (no table rows read): those past due are counted here (a due time that
 * has come is breached, whatever the window); those that may be in the last 20 % of their window come
 * back as rows, and the caller judges each with the shared slaState, so that the board and every
 * countdown agree on "at risk".
 */
export async function runningClocks(db: Kysely<Database>, now: number, since: number): Promise<RunningClocks[]> {
  return Promise.all(
    CLOCK_COLUMNS.map(async (c) => {
      const due = sql.ref<number>(c.due);
      const started = sql.ref<number>(c.started);
      const running = (q: SelectQueryBuilder<Database, 'conversations', object>) => (c.holdable ? q.where('response_held_by', 'is', null) : q);
      const counted = await running(db.selectFrom('conversations'))
        .select([
          (eb) => eb.fn.countAll().as('breached'),
          sql<number>`coalesce(sum(case when ${due} >= ${since} then 1 else 0 end), 0)`.as('since'),
        ])
        .where('status', 'in', [...c.statuses])
        .where(c.due, '<=', now)
        .executeTakeFirstOrThrow();
      // The expression as the index has it (4 × due + started), so that both engines range-scan it.
      const rows = await running(db.selectFrom('conversations'))
        .select([sql<number>`${due}`.as('due'), sql<number | null>`${started}`.as('started')])
        .where('status', 'in', [...c.statuses])
        .where(sql<boolean>`4 * ${due} + ${started} <= ${sql.lit(5 * Math.trunc(now))}`)
        .where(c.due, '>', now)
        .execute();
      return {
        clock: c.clock,
        breached: Number(counted.breached),
        breachedSince: Number(counted.since),
        candidates: rows.map((r) => ({ clock: c.clock, due: Number(r.due), started: r.started === null ? null : Number(r.started) })),
      };
    }),
  );
}

/** Responses that stopped a clock since `from`, per clock: on time and late (response_times_responded, covering). */
export async function responsesSince(db: Kysely<Database>, from: number): Promise<{ clock: string; met: number; late: number }[]> {
  const rows = await db
    .selectFrom('response_times')
    .select(['clock', sql<number>`sum(case when responded_at > due_at then 1 else 0 end)`.as('late'), (eb) => eb.fn.countAll().as('n')])
    .where('responded_at', '>=', from)
    .groupBy('clock')
    .execute();
  return rows.map((r) => ({ clock: r.clock, met: Number(r.n) - Number(r.late), late: Number(r.late) }));
}

/**
 * First responses since `from`: how many, and the durations at the given nearest ranks (1-based),
 * picked by the database (a day's durations never travel to the server to be sorted).
 */
export async function firstResponseRanks(db: Kysely<Database>, from: number, percentiles: readonly number[]): Promise<{ count: number; values: (number | null)[] }> {
  const today = db.selectFrom('response_times').where('responded_at', '>=', from).where('clock', '=', 'first_response');
  const count = Number((await today.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const values = await Promise.all(
    percentiles.map(async (p) => {
      if (count === 0) return null;
      const rank = Math.max(1, Math.ceil((p / 100) * count));
      const row = await today.select('duration_ms').orderBy('duration_ms').limit(1).offset(rank - 1).executeTakeFirst();
      return row ? Number(row.duration_ms) : null;
    }),
  );
  return { count, values };
}

/** Resolutions since `from`: how many, how many were late against the resolution clock, how many reopened since. */
export async function resolutionsSince(db: Kysely<Database>, from: number): Promise<{ resolved: number; late: number; timed: number; reopened: number }> {
  const row = await db
    .selectFrom('desk_resolutions')
    .select([
      (eb) => eb.fn.countAll().as('resolved'),
      sql<number>`coalesce(sum(case when due_at is not null and resolved_at > due_at then 1 else 0 end), 0)`.as('late'),
      sql<number>`coalesce(sum(case when due_at is not null then 1 else 0 end), 0)`.as('timed'),
      sql<number>`coalesce(sum(case when reopened_at is not null then 1 else 0 end), 0)`.as('reopened'),
    ])
    .where('resolved_at', '>=', from)
    .executeTakeFirstOrThrow();
  return { resolved: Number(row.resolved), late: Number(row.late), timed: Number(row.timed), reopened: Number(row.reopened) };
}

/** Surveys answered since `from`: how many, the sum of their ratings, how many rated 4 or 5 (index surveys_answered). */
export async function csatSince(db: Kysely<Database>, from: number): Promise<{ answered: number; sum: number; satisfied: number }> {
  const row = await db
    .selectFrom('surveys')
    .select([
      (eb) => eb.fn.countAll().as('answered'),
      sql<number>`coalesce(sum(rating), 0)`.as('sum'),
      sql<number>`coalesce(sum(case when rating >= 4 then 1 else 0 end), 0)`.as('satisfied'),
    ])
    .where('answered_at', '>=', from)
    .executeTakeFirstOrThrow();
  return { answered: Number(row.answered), sum: Number(row.sum), satisfied: Number(row.satisfied) };
}

/** Bucket index → count, for rows of `column` in [from, to). */
export async function perBucket(db: Kysely<Database>, table: 'conversations' | 'desk_resolutions', from: number, to: number, bucketMs: number): Promise<Map<number, number>> {
  const column = sql.ref(table === 'conversations' ? 'created_at' : 'resolved_at');
  // Literals, not parameters: PostgreSQL would not see `$1` in the select list and `$3` in GROUP BY as one expression.
  const rows = await sql<{ b: number; n: number }>`select (${column} - ${sql.lit(Math.trunc(from))}) / ${sql.lit(Math.trunc(bucketMs))} as b, count(*) as n
    from ${sql.table(table)} where ${column} >= ${from} and ${column} < ${to} group by 1`.execute(db);
  return new Map(rows.rows.map((r) => [Number(r.b), Number(r.n)]));
}

export async function complaintsDueBy(db: Kysely<Database>, until: number, limit: number) {
  const base = db.selectFrom('complaints').where('status', 'in', ['open', 'second_review']).where('reply_by_at', '<=', until);
  const count = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const first = await base.select(['number', 'conversation_id', 'reply_by_at', 'status']).orderBy('reply_by_at').orderBy('id').limit(limit).execute();
  return { count: Number(count.n), first };
}

export async function refundsWaiting(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('refunds')
    .select(['currency', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.sum('amount').as('amount'), (eb) => eb.fn.min('created_at').as('oldest')])
    .where('status', '=', 'pending_approval')
    .groupBy('currency')
    .orderBy('currency')
    .execute();
  return rows.map((r) => ({ currency: r.currency, count: Number(r.n), amount: Number(r.amount), oldest: Number(r.oldest) }));
}

/**
 * Active incidents, newest first, with how many conversations are linked and how many of those a
 * broadcast still reaches (open, pending or snoozed, as the incident itself counts them). Served by
 * the incidents_status and incident_links_incident indexes of migration 016-incidents.
 */
export async function activeIncidents(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('incidents')
    .leftJoin('incident_links', 'incident_links.incident_id', 'incidents.id')
    .leftJoin('conversations', 'conversations.id', 'incident_links.conversation_id')
    .select((eb) => [
      'incidents.id',
      'incidents.title',
      'incidents.started_at',
      'incidents.expected_end_at',
      eb.fn.count<number>('incident_links.conversation_id').as('linked'),
      eb.fn.sum<number>(eb.case().when('conversations.status', 'in', [...REACHABLE_STATUSES]).then(1).else(0).end()).as('open'),
    ])
    .where('incidents.status', '=', 'active')
    .groupBy(['incidents.id', 'incidents.title', 'incidents.started_at', 'incidents.expected_end_at'])
    .orderBy('incidents.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    startedAt: Number(r.started_at),
    expectedEndAt: r.expected_end_at === null ? null : Number(r.expected_end_at),
    linked: Number(r.linked),
    open: Number(r.open ?? 0),
  }));
}
