import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { createCounterTables, createCounterTriggers, rebuildCounters, type Counter, type Source } from './counter-triggers.js';

/**
 * Incremental counters for the reports (issue 15's budget: each 90-day report ≤ 1 s at a desk of
 * 1,000,000 conversations, where scanning the raw rows of 90 days takes seconds).
 *
 * Two grains, both in UTC so that any zone's local hours and days fold out of them:
 * - per 15-minute slot, the team-level figures that reports draw per hour or day (created and resolved
 *   conversations, clocks stopped and met, surveys sent and their ratings);
 * - per UTC day, the per-agent figures and the duration histograms: per slot they would hold about one
 *   row per raw row. A range whose ends fall inside a UTC day reads those two parts of a day from the
 *   raw tables.
 *
 * Durations are counted per bucket (below) and per whole second within a bucket, so that the reports'
 * nearest-rank percentiles stay exact: the counts per bucket over the range locate the rank, the seconds
 * of that one bucket give the value.
 *
 * Triggers keep the counters, in the transaction of the write that changes them, whichever code writes
 * (the server, the demo seed, a test's direct inserts, the bench's bulk load): see counter-triggers.ts.
 * An insert adds the row's contribution, an update takes the old one off and adds the new, a delete
 * takes it off, and a counter row left at 0 is deleted: the counters are at all times what the backfill
 * below computes from the raw tables.
 *
 * A response counts under its conversation's team now (the reports filter responses by it), kept on the
 * response itself (`response_times.team`, set by the database from the conversation, and set again on
 * every response of a conversation moved to another team): the counters then read the rows alone.
 *
 * Besides: three indexes for what the reports still read from the raw tables (below).
 */

const SLOT_MS = 900_000;
const DAY_MS = 86_400_000;

/**
 * Duration buckets (whole seconds): from each bound on, buckets `step` seconds wide, a bucket being
 * s - s % step. The clocks' buckets are narrow (a percentile's bucket holds a few per cent of a day's
 * durations); an agent's are wider, for an agent's day holds some 80 responses: per narrow bucket, about
 * one row per response.
 */
export type BucketSteps = readonly (readonly [from: number, step: number])[];
export const CLOCK_BUCKETS: BucketSteps = [
  [0, 5],
  [120, 20],
  [600, 60],
  [1800, 120],
  [3600, 600],
  [14400, 1800],
  [86400, 21600],
  [604800, 86400],
];
export const AGENT_BUCKETS: BucketSteps = [
  [0, 15],
  [60, 60],
  [300, 300],
  [3600, 1800],
  [14400, 7200],
  [86400, 86400],
];

/** The bucket of `seconds` (SQL), as `bucketOf` (reports/duration-percentiles.ts) computes it. */
function bucketSql(steps: BucketSteps, seconds: string): string {
  const branches = steps.slice(1).map(([from], i) => `when ${seconds} < ${from} then ${seconds} - ${seconds} % ${steps[i]![1]}`);
  return `case ${branches.join(' ')} else ${seconds} - ${seconds} % ${steps.at(-1)![1]} end`;
}

const conversationSlots: Counter = { table: 'report_conversation_slots', keys: [['slot', 'integer'], ['team', 'text']], values: ['created', 'resolved'] };
const clockSlots: Counter = { table: 'report_clock_slots', keys: [['slot', 'integer'], ['clock', 'text'], ['team', 'text']], values: ['stopped', 'met'] };
// How long clocks ran: per day and bucket (read for a range), and per second within a bucket (read for
// one bucket: the bucket leads the key).
const clockBuckets: Counter = { table: 'report_clock_buckets', keys: [['utc_day', 'integer'], ['clock', 'text'], ['team', 'text'], ['bucket', 'integer']], values: ['n'] };
const clockSeconds: Counter = {
  table: 'report_clock_seconds',
  keys: [['clock', 'text'], ['bucket', 'integer'], ['utc_day', 'integer'], ['team', 'text'], ['duration_s', 'integer']],
  values: ['n'],
  covering: true,
};
const surveySlots: Counter = {
  table: 'report_survey_slots',
  keys: [['slot', 'integer'], ['team', 'text']],
  values: ['sent', 'rated_1', 'rated_2', 'rated_3', 'rated_4', 'rated_5'],
};
const agentDays: Counter = { table: 'report_agent_days', keys: [['utc_day', 'integer'], ['agent_id', 'text']], values: ['handled', 'reopened', 'ratings', 'rating_total', 'replies'] };
const agentBuckets: Counter = { table: 'report_agent_buckets', keys: [['utc_day', 'integer'], ['agent_id', 'text'], ['bucket', 'integer']], values: ['n'] };
const agentSeconds: Counter = {
  table: 'report_agent_seconds',
  keys: [['agent_id', 'text'], ['bucket', 'integer'], ['utc_day', 'integer'], ['duration_s', 'integer']],
  values: ['n'],
  covering: true,
};

export const REPORT_COUNTERS = [conversationSlots, clockSlots, clockBuckets, clockSeconds, surveySlots, agentDays, agentBuckets, agentSeconds];

const one = (condition: string) => `case when ${condition} then 1 else 0 end`;

/** A response counts under its team once the database has set it ('' for none; see responseTeams). */
const TEAM_SET = (r: string) => `${r}.team is not null`;

/** A response's duration (first and next response clocks) into the two histograms of its clock. */
const responseDuration = (counter: Counter, fine: boolean): Source => ({
  table: 'response_times',
  counter,
  columns: ['responded_at', 'clock', 'duration_ms', 'team'],
  contributions: (r) => {
    const [day, seconds, team] = [`${r}.responded_at / ${DAY_MS}`, `${r}.duration_ms / 1000`, `${r}.team`];
    const bucket = bucketSql(CLOCK_BUCKETS, seconds);
    return [{ when: TEAM_SET(r), keys: fine ? [`${r}.clock`, bucket, day, team, seconds] : [day, `${r}.clock`, team, bucket], values: ['1'] }];
  },
});

/** A resolution held to a due time: its duration into the resolution clock's two histograms. */
const resolutionDuration = (counter: Counter, fine: boolean): Source => ({
  table: 'surveys',
  counter,
  columns: ['created_at', 'team', 'resolution_due_at', 'resolution_ms'],
  contributions: (r) => {
    const [day, seconds, team] = [`${r}.created_at / ${DAY_MS}`, `${r}.resolution_ms / 1000`, `coalesce(${r}.team, '')`];
    const bucket = bucketSql(CLOCK_BUCKETS, seconds);
    return [{ when: `${r}.resolution_due_at is not null`, keys: fine ? [`'resolution'`, bucket, day, team, seconds] : [day, `'resolution'`, team, bucket], values: ['1'] }];
  },
});

/** A response's duration into its agent's two histograms. */
const agentDuration = (counter: Counter, fine: boolean): Source => ({
  table: 'response_times',
  counter,
  columns: ['responded_at', 'agent_id', 'duration_ms'],
  contributions: (r) => {
    const [day, seconds] = [`${r}.responded_at / ${DAY_MS}`, `${r}.duration_ms / 1000`];
    const bucket = bucketSql(AGENT_BUCKETS, seconds);
    return [{ when: `${r}.agent_id is not null`, keys: fine ? [`${r}.agent_id`, bucket, day, seconds] : [day, `${r}.agent_id`, bucket], values: ['1'] }];
  },
});

const SOURCES: Source[] = [
  {
    table: 'conversations',
    counter: conversationSlots,
    columns: ['created_at', 'resolved_at', 'team'],
    contributions: (r) => [
      { when: '1 = 1', keys: [`${r}.created_at / ${SLOT_MS}`, `coalesce(${r}.team, '')`], values: ['1', '0'] },
      { when: `${r}.resolved_at is not null`, keys: [`${r}.resolved_at / ${SLOT_MS}`, `coalesce(${r}.team, '')`], values: ['0', '1'] },
    ],
  },
  {
    table: 'response_times',
    counter: clockSlots,
    columns: ['responded_at', 'clock', 'started_at', 'duration_ms', 'due_at', 'team'],
    contributions: (r) => [
      { when: TEAM_SET(r), keys: [`${r}.responded_at / ${SLOT_MS}`, `${r}.clock`, `${r}.team`], values: ['1', one(`${r}.started_at + ${r}.duration_ms < ${r}.due_at`)] },
    ],
  },
  responseDuration(clockBuckets, false),
  responseDuration(clockSeconds, true),
  agentDuration(agentBuckets, false),
  agentDuration(agentSeconds, true),
  {
    table: 'surveys',
    counter: surveySlots,
    columns: ['created_at', 'team', 'rating'],
    contributions: (r) => [{ when: '1 = 1', keys: [`${r}.created_at / ${SLOT_MS}`, `coalesce(${r}.team, '')`], values: ['1', ...[1, 2, 3, 4, 5].map((k) => one(`${r}.rating = ${k}`))] }],
  },
  {
    // The resolution clock: one survey per resolution, held to the due time it had (if any).
    table: 'surveys',
    counter: clockSlots,
    columns: ['created_at', 'team', 'resolution_due_at'],
    contributions: (r) => [
      { when: `${r}.resolution_due_at is not null`, keys: [`${r}.created_at / ${SLOT_MS}`, `'resolution'`, `coalesce(${r}.team, '')`], values: ['1', one(`${r}.created_at <= ${r}.resolution_due_at`)] },
    ],
  },
  resolutionDuration(clockBuckets, false),
  resolutionDuration(clockSeconds, true),
  {
    table: 'surveys',
    counter: agentDays,
    columns: ['created_at', 'agent_id', 'reopened_at', 'rating'],
    contributions: (r) => [
      {
        when: `${r}.agent_id is not null`,
        keys: [`${r}.created_at / ${DAY_MS}`, `${r}.agent_id`],
        values: ['1', one(`${r}.reopened_at is not null`), one(`${r}.rating is not null`), `coalesce(${r}.rating, 0)`, '0'],
      },
    ],
  },
  {
    table: 'messages',
    counter: agentDays,
    columns: ['created_at', 'author_type', 'kind', 'author_id'],
    contributions: (r) => [
      { when: `${r}.author_type = 'agent' and ${r}.kind = 'reply' and ${r}.author_id is not null`, keys: [`${r}.created_at / ${DAY_MS}`, `${r}.author_id`], values: ['0', '0', '0', '0', '1'] },
    ],
  },
];

/**
 * `response_times.team`: the response's conversation's team ('' for none), kept by the database: set
 * on every response written, and again on every response of a conversation moved to another team
 * (which moves their counts). PostgreSQL sets it before the row is stored. SQLite cannot: it stores the
 * row without one (null: not counted yet) and sets it right after, the update counting the response;
 * so whichever trigger runs first, a response is counted once.
 */
async function responseTeams(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema.alterTable('response_times').addColumn('team', 'text').execute();
  const teamOf = (r: string) => `coalesce((select c.team from conversations c where c.id = ${r}.conversation_id), '')`;
  if (engine === 'postgres') {
    await sql.raw(`create function report_response_team() returns trigger language plpgsql as $$ begin new.team := ${teamOf('new')}; return new; end $$`).execute(db);
    await sql`create trigger report_response_team before insert or update on response_times for each row execute function report_response_team()`.execute(db);
    await sql.raw(`create function report_conversation_team() returns trigger language plpgsql as $$ begin update response_times set team = coalesce(new.team, '') where conversation_id = new.id; return null; end $$`).execute(db);
    await sql`create trigger report_conversation_team after update on conversations for each row when (old.team is distinct from new.team) execute function report_conversation_team()`.execute(db);
  } else {
    // After an insert, and after any other write of the column (put back: the database keeps it).
    await sql.raw(`create trigger report_response_team after insert on response_times for each row begin update response_times set team = ${teamOf('new')} where id = new.id; end`).execute(db);
    await sql.raw(`create trigger report_response_team_kept after update of team, conversation_id on response_times for each row when new.team is not ${teamOf('new')} begin update response_times set team = ${teamOf('new')} where id = new.id; end`).execute(db);
    await sql.raw(`create trigger report_conversation_team after update of team on conversations for each row when old.team is not new.team begin update response_times set team = coalesce(new.team, '') where conversation_id = new.id; end`).execute(db);
  }
  await sql.raw(`update response_times set team = ${teamOf('response_times')}`).execute(db);
}

/** Empties the counters and computes them again from the raw tables: the backfill, and after a bulk copy made without triggers. */
export function rebuildStatements(): string[] {
  return rebuildCounters(REPORT_COUNTERS, SOURCES);
}

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await createCounterTables(db, engine, REPORT_COUNTERS);

  // What the reports still read from the raw tables: follow-ups opened and closed in a range (the
  // CSAT report; without these SQLite walked every survey to find them), and automatic answers (the
  // volume report), a few among all messages: a partial index that costs other messages nothing.
  await db.schema.createIndex('reports_follow_ups_created').on('follow_ups').column('created_at').execute();
  await db.schema.createIndex('reports_follow_ups_closed').on('follow_ups').column('closed_at').execute();
  await sql`create index reports_messages_automatic on messages (created_at, conversation_id, id) where author_type = 'system' and kind = 'reply'`.execute(db);

  // Triggers first, then the backfills: in one transaction (kysely's, on PostgreSQL), where a
  // concurrent writer waits for the trigger's lock on its table and is then counted by the trigger
  // alone, never twice. SQLite: kysely runs a migration outside a transaction; another process writing
  // between the triggers and the backfill would be counted twice, so here they are one transaction.
  if (engine === 'sqlite') await sql`begin immediate`.execute(db);
  try {
    await responseTeams(db, engine);
    await createCounterTriggers(db, engine, SOURCES);
    for (const statement of rebuildStatements()) await sql.raw(statement).execute(db);
    if (engine === 'sqlite') await sql`commit`.execute(db);
    // The planner's statistics for the new tables, before the first report (autovacuum would take a while).
    else for (const counter of REPORT_COUNTERS) await sql.raw(`analyze ${counter.table}`).execute(db);
  } catch (error) {
    if (engine === 'sqlite') await sql`rollback`.execute(db);
    throw error;
  }
}
