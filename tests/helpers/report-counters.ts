import { sql, type Kysely } from 'kysely';
import '../../src/server/store/report-counter-tables.js';
import type { Database } from '../../src/server/store/tables.js';

/**
 * The reports' counters (migration 021) as plain SQL over the raw tables computes them, written here
 * by hand rather than taken from the migration, so that a wrong definition there shows too. Per table,
 * its key columns then its counts, in that order.
 */
// Durations (whole seconds) of the clocks, responses with their conversation's team now, and of agents' responses.
const clockDurations = sql`select r.responded_at / 86400000 as utc_day, r.clock as clock, coalesce(c.team, '') as team, r.duration_ms / 1000 as duration_s
    from response_times r join conversations c on c.id = r.conversation_id
  union all
  select created_at / 86400000, 'resolution', coalesce(team, ''), resolution_ms / 1000 from surveys where resolution_due_at is not null`;
const agentDurations = sql`select responded_at / 86400000 as utc_day, agent_id, duration_ms / 1000 as duration_s from response_times where agent_id is not null`;
// The buckets of migration 021, by hand: 5 s wide under 2 min, 20 s under 10 min, 1 min under 30, 2 min
// under an hour, 10 min under 4 h, 30 min under a day, 6 h under a week, then a day.
const clockBucket = sql`duration_s - duration_s % case when duration_s < 120 then 5 when duration_s < 600 then 20 when duration_s < 1800 then 60
  when duration_s < 3600 then 120 when duration_s < 14400 then 600 when duration_s < 86400 then 1800 when duration_s < 604800 then 21600 else 86400 end`;
// An agent's: 15 s under a minute, 1 min under 5, 5 min under an hour, 30 min under 4 h, 2 h under a day, then a day.
const agentBucket = sql`duration_s - duration_s % case when duration_s < 60 then 15 when duration_s < 300 then 60 when duration_s < 3600 then 300
  when duration_s < 14400 then 1800 when duration_s < 86400 then 7200 else 86400 end`;

const EXPECTED: Record<string, { columns: string[]; query: ReturnType<typeof sql> }> = {
  report_conversation_slots: {
    columns: ['slot', 'team', 'created', 'resolved'],
    query: sql`select slot, team, sum(created) as created, sum(resolved) as resolved from (
        select created_at / 900000 as slot, coalesce(team, '') as team, 1 as created, 0 as resolved from conversations
        union all
        select resolved_at / 900000, coalesce(team, ''), 0, 1 from conversations where resolved_at is not null
      ) x group by slot, team`,
  },
  report_clock_slots: {
    columns: ['slot', 'clock', 'team', 'stopped', 'met'],
    query: sql`select slot, clock, team, count(*) as stopped, sum(met) as met from (
        select r.responded_at / 900000 as slot, r.clock as clock, coalesce(c.team, '') as team,
          case when r.started_at + r.duration_ms < r.due_at then 1 else 0 end as met
        from response_times r join conversations c on c.id = r.conversation_id
        union all
        select created_at / 900000, 'resolution', coalesce(team, ''), case when created_at <= resolution_due_at then 1 else 0 end
        from surveys where resolution_due_at is not null
      ) x group by slot, clock, team`,
  },
  report_clock_buckets: {
    columns: ['utc_day', 'clock', 'team', 'bucket', 'n'],
    query: sql`select utc_day, clock, team, ${clockBucket} as bucket, count(*) as n from (${clockDurations}) x group by utc_day, clock, team, ${clockBucket}`,
  },
  report_clock_seconds: {
    columns: ['clock', 'bucket', 'utc_day', 'team', 'duration_s', 'n'],
    query: sql`select clock, ${clockBucket} as bucket, utc_day, team, duration_s, count(*) as n from (${clockDurations}) x group by clock, utc_day, team, duration_s`,
  },
  report_survey_slots: {
    columns: ['slot', 'team', 'sent', 'rated_1', 'rated_2', 'rated_3', 'rated_4', 'rated_5'],
    query: sql`select created_at / 900000 as slot, coalesce(team, '') as team, count(*) as sent,
        count(case when rating = 1 then 1 end) as rated_1, count(case when rating = 2 then 1 end) as rated_2,
        count(case when rating = 3 then 1 end) as rated_3, count(case when rating = 4 then 1 end) as rated_4,
        count(case when rating = 5 then 1 end) as rated_5
      from surveys group by created_at / 900000, coalesce(team, '')`,
  },
  report_agent_days: {
    columns: ['utc_day', 'agent_id', 'handled', 'reopened', 'ratings', 'rating_total', 'replies'],
    query: sql`select utc_day, agent_id, sum(handled) as handled, sum(reopened) as reopened, sum(ratings) as ratings, sum(rating_total) as rating_total, sum(replies) as replies from (
        select created_at / 86400000 as utc_day, agent_id, 1 as handled, case when reopened_at is null then 0 else 1 end as reopened,
          case when rating is null then 0 else 1 end as ratings, coalesce(rating, 0) as rating_total, 0 as replies
        from surveys where agent_id is not null
        union all
        select created_at / 86400000, author_id, 0, 0, 0, 0, 1 from messages where author_type = 'agent' and kind = 'reply' and author_id is not null
      ) x group by utc_day, agent_id`,
  },
  report_agent_buckets: {
    columns: ['utc_day', 'agent_id', 'bucket', 'n'],
    query: sql`select utc_day, agent_id, ${agentBucket} as bucket, count(*) as n from (${agentDurations}) x group by utc_day, agent_id, ${agentBucket}`,
  },
  report_agent_seconds: {
    columns: ['agent_id', 'bucket', 'utc_day', 'duration_s', 'n'],
    query: sql`select agent_id, ${agentBucket} as bucket, utc_day, duration_s, count(*) as n from (${agentDurations}) x group by agent_id, utc_day, duration_s`,
  },
};

export const COUNTER_TABLES = Object.keys(EXPECTED);

const asRows = (columns: string[], rows: Record<string, unknown>[]) =>
  rows.map((row) => JSON.stringify(columns.map((c) => (typeof row[c] === 'string' && c !== 'team' && c !== 'clock' && c !== 'agent_id' ? Number(row[c]) : row[c])))).sort();

/** Each counter table as stored, and as the raw tables give it: rows as JSON arrays, sorted. */
export async function countersAndRaw(db: Kysely<Database>): Promise<Record<string, { stored: string[]; raw: string[] }>> {
  const out: Record<string, { stored: string[]; raw: string[] }> = {};
  for (const [table, { columns, query }] of Object.entries(EXPECTED)) {
    const stored = await sql<Record<string, unknown>>`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}`.execute(db);
    const raw = await (query as ReturnType<typeof sql<Record<string, unknown>>>).execute(db);
    out[table] = { stored: asRows(columns, stored.rows), raw: asRows(columns, raw.rows) };
  }
  return out;
}
