import { sql, type Kysely } from 'kysely';
import type { Engine } from './engine.js';
import { REACHABLE_STATUSES } from './incidents.js';
import type { Database } from './tables.js';

/**
 * The supervisor board's reads (GET /v1/desk) from the rows themselves, each served by an index
 * (migrations 013-desk and 020-desk-counters): none scans the desk's closed history. The waiting
 * queue's groups and the day's counts come from 020's counters (desk-counts.ts); the counts here are
 * for a day that does not start on a 15-minute slot.
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

/** Open conversations per assignee (conversations_claimable: status, assignee_id, …). */
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

/**
 * The waiting queue: open and held by nobody, written as the partial index conversations_desk_waiting
 * is (literals, not parameters), so that both planners see the index covers it.
 */
const WAITING = sql<boolean>`status = 'open' and assignee_id is null`;

/**
 * The queued conversation that came in first (ties: the lower id), the first entry of the partial
 * index. SQLite is told so: with statistics it prefers the claimable index and sorts the whole queue.
 */
export async function oldestWaiting(db: Kysely<Database>, engine: Engine): Promise<{ id: number; created_at: number } | undefined> {
  const table = engine === 'sqlite' ? sql`conversations indexed by conversations_desk_waiting` : sql`conversations`;
  const rows = await sql<{ id: number; created_at: number }>`select id, created_at from ${table} where ${WAITING} order by created_at, id limit 1`.execute(db);
  return rows.rows[0];
}

export interface RunningClocks {
  clock: 'first_response' | 'next_response' | 'resolution';
  /** Past due (due time ≤ now), and of those, due since `since`. */
  breached: number;
  breachedSince: number;
  /** Still running and in the last 20 % of the window, as slaState judges it. */
  atRisk: number;
}

// Response clocks an incident holds do not run, so they are neither breached nor at risk while held.
// Each `running` is written as migration 020's partial indexes are (literals), so that both planners use them.
const CLOCK_COLUMNS = [
  { clock: 'first_response', due: 'first_response_due_at', started: 'first_response_started_at', running: `status = 'open' and response_held_by is null` },
  { clock: 'next_response', due: 'next_response_due_at', started: 'next_response_started_at', running: `status = 'open' and response_held_by is null` },
  { clock: 'resolution', due: 'resolution_due_at', started: 'resolution_started_at', running: `status in ('open', 'pending')` },
] as const;

/**
 * The running clocks of open and pending conversations, per clock, counted in one statement from
 * migration 020's partial indexes (SQLite is told which: no table rows read there).
 *
 * At risk is slaState's "warning" for a clock without business hours (the board passes no
 * warningAt): due > now and 5 × (due − now) ≤ due − started, that is 4 × due + started ≤ 5 × now, a
 * range on conversations_running_<clock>_risk. That implies started < due (a window of zero or less is
 * never at risk), and a clock with no start is never at risk (its expression is null).
 *
 * Past due (breached, whatever the window): due ≤ now. A clock started no later than its due time
 * that is past due is in the same range (4 × due + started ≤ 5 × due ≤ 5 × now), so one walk counts
 * both, bounded by what is breached or at risk; the others (no start, or started after due) are in
 * conversations_running_<clock>_odd. Times are whole milliseconds, so with a fractional `now`,
 * due ≤ now is due ≤ ⌊now⌋ and the bound is ⌊5 × now⌋.
 */
export async function runningClocks(db: Kysely<Database>, engine: Engine, now: number, since: number): Promise<RunningClocks[]> {
  const at = sql.lit(Math.floor(now));
  const bound = sql.lit(Math.floor(5 * now));
  const from = sql.lit(Math.trunc(since));
  const branches = CLOCK_COLUMNS.flatMap((c) => {
    const due = sql.ref(c.due);
    const started = sql.ref(c.started);
    const running = sql.raw(c.running);
    const table = (index: string) => (engine === 'sqlite' ? sql`conversations indexed by ${sql.raw(`conversations_running_${c.clock}_${index}`)}` : sql`conversations`);
    const breached = sql`${due} <= ${at}`;
    return [
      sql`select ${sql.lit(c.clock)} as clock,
          coalesce(sum(case when ${breached} and ${started} <= ${due} then 1 else 0 end), 0) as breached,
          coalesce(sum(case when ${breached} and ${started} <= ${due} and ${due} >= ${from} then 1 else 0 end), 0) as breached_since,
          coalesce(sum(case when ${due} > ${at} then 1 else 0 end), 0) as at_risk
        from ${table('risk')} where ${running} and 4 * ${due} + ${started} <= ${bound}`,
      sql`select ${sql.lit(c.clock)} as clock, count(*) as breached, coalesce(sum(case when ${due} >= ${from} then 1 else 0 end), 0) as breached_since, 0 as at_risk
        from ${table('odd')} where ${running} and (${started} is null or ${started} > ${due}) and ${breached}`,
    ];
  });
  const rows = await sql<{ clock: RunningClocks['clock']; breached: number; breached_since: number; at_risk: number }>`${sql.join(branches, sql` union all `)}`.execute(db);
  return CLOCK_COLUMNS.map((c) => {
    const mine = rows.rows.filter((r) => r.clock === c.clock);
    const total = (pick: (r: (typeof mine)[number]) => number) => mine.reduce((sum, r) => sum + Number(pick(r)), 0);
    return { clock: c.clock, breached: total((r) => r.breached), breachedSince: total((r) => r.breached_since), atRisk: total((r) => r.at_risk) };
  });
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

/** SQLite's percentile_disc (its percentile extension), until a build without it says otherwise. */
let sqlitePercentiles = true;

/**
 * First responses since `from`: how many, and the durations at the given nearest ranks (the
 * ⌈p/100 × count⌉-th smallest, at least the first), picked by the database: a day's durations never
 * travel to the server to be sorted. PostgreSQL's percentile_disc is that rank exactly (⌈p × count⌉,
 * p as the same double), all ranks from one sort. SQLite's picks the ⌊P × (count − 1)⌋-th from 0, so
 * P is aimed at the middle of the wanted rank's step, from the count read on the same connection just
 * before (no write comes in between). Served by response_times_clock_responded.
 */
export async function firstResponseRanks(db: Kysely<Database>, engine: Engine, from: number, percentiles: readonly number[]): Promise<{ count: number; values: (number | null)[] }> {
  const today = (q: Kysely<Database>) => q.selectFrom('response_times').where('clock', '=', 'first_response').where('responded_at', '>=', from);
  if (engine === 'postgres') {
    const row = await today(db)
      .select([(eb) => eb.fn.countAll().as('n'), sql<(string | number)[] | null>`percentile_disc(${percentiles.map((p) => p / 100)}::float8[]) within group (order by duration_ms)`.as('v')])
      .executeTakeFirstOrThrow();
    const count = Number(row.n);
    return { count, values: percentiles.map((_, i) => (count === 0 || !row.v ? null : Number(row.v[i]))) };
  }
  return db.connection().execute(async (conn) => {
    const count = Number((await today(conn).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    if (count === 0) return { count, values: percentiles.map(() => null) };
    const ranks = percentiles.map((p) => Math.max(1, Math.ceil((p / 100) * count)));
    if (sqlitePercentiles) {
      try {
        const fractions = ranks.map((k) => (count === 1 ? 0 : Math.min(1, (k - 0.5) / (count - 1))));
        const row = await today(conn)
          .select(fractions.map((f, i) => sql<number>`percentile_disc(duration_ms, ${f})`.as(`v${i}`)))
          .executeTakeFirstOrThrow();
        return { count, values: fractions.map((_, i) => Number((row as Record<string, number>)[`v${i}`])) };
      } catch (error) {
        if (!(error instanceof Error && /no such function: percentile_disc/.test(error.message))) throw error;
        sqlitePercentiles = false;
      }
    }
    // The rows in order, up to each rank.
    const values = [];
    for (const k of ranks) {
      const row = await today(conn).select('duration_ms').orderBy('duration_ms').limit(1).offset(k - 1).executeTakeFirst();
      values.push(row ? Number(row.duration_ms) : null);
    }
    return { count, values };
  });
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
