import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { COMMIT_LOCK } from './commit-lock.js';

/**
 * The supervisor board (GET /v1/desk) at a million conversations: counters kept by the database as
 * rows are written, where counting the rows at each request would scan too many of them.
 *
 * - `desk_queue_counts`: the waiting queue (open, held by nobody) per team, priority, channel and
 *   category. A wave can hold tens of thousands of waiting conversations; the board reads a few
 *   hundred counter rows instead. `has_team` 0 stands for no team (`team` is then ''), so that every
 *   team name, the empty one too, keeps its own row.
 * - `desk_slot_counts`: per 15-minute UTC slot (slot = epoch ms ÷ 900,000, rounded down, as the reports
 *   number their slots): conversations created; resolutions (desk_resolutions), with a clock, late,
 *   reopened since; surveys answered, their ratings' sum and how many were 4 or 5. Every time zone's
 *   midnight falls on a slot boundary today, so "today" and the 12 hours of 15-minute buckets are
 *   sums of whole slots.
 * - `desk_response_counts`: per slot and clock, responses that stopped a clock (response_times) and
 *   how many of them were late.
 *
 * Triggers keep them, so that every write counts whatever its path (the API, the demo and bench
 * seeds, a test's own SQL): a row's contribution is added when it is inserted, taken away when it is
 * deleted, and on an update of a column it depends on, the old row's is taken away and the new one's
 * added. SQLite runs them in the writing statement (one writer at a time). PostgreSQL runs them at
 * commit (deferred constraint triggers, like 007's event ids) under the lock 007 takes for event ids:
 * a counter row is then written by one committing transaction at a time, inside the database with no
 * round trip in between, so that neither a counter row held to the end of a long transaction nor two
 * transactions taking two counter rows in opposite orders (a deadlock) can happen; most writes take
 * that lock anyway for their event. Each upsert adds to the row (`n = n + excluded.n`), exact under
 * concurrent writers. The counters are filled here from the rows already written.
 *
 * Indexes: per clock, the instant a running clock's last 20 % begins (4 × due + started ≤ 5 × now:
 * at risk, or already breached), over the conversations whose clock runs only (partial), so that
 * neither planner walks the closed history, a whole status or the clocks far from due to count a few
 * thousand; beside it the few clocks that range cannot place (no start, or a start after the due
 * time). They replace 013's, which led with the status and which PostgreSQL's planner, judging the due
 * times by the whole table's (mostly long past), walked for every clock not yet due. 013's conversations_desk_queue served the queue's groups,
 * now counted. First responses by clock and time, for the day's median and p90.
 */

/** A counted quantity: how a row maps to a counter row, and what it adds there. */
interface Counter {
  name: string;
  source: 'conversations' | 'desk_resolutions' | 'response_times' | 'surveys';
  target: 'desk_queue_counts' | 'desk_slot_counts' | 'desk_response_counts';
  /** The source columns the contribution depends on. */
  watched: string[];
  /** Whether the row counts at all (absent: every row). */
  counts?: (r: string) => string;
  keys: [column: string, value: (r: string) => string][];
  values: [column: string, value: (r: string) => string][];
}

export const SLOT_MS = 900_000;
const slot = (column: string) => (r: string) => `cast(${r}.${column} / ${SLOT_MS} as bigint)`;
const flag = (condition: (r: string) => string) => (r: string) => `case when ${condition(r)} then 1 else 0 end`;

const COUNTERS: Counter[] = [
  {
    name: 'queue',
    source: 'conversations',
    target: 'desk_queue_counts',
    watched: ['status', 'assignee_id', 'team', 'priority', 'channel', 'category'],
    counts: (r) => `${r}.status = 'open' and ${r}.assignee_id is null`,
    keys: [
      ['has_team', flag((r) => `${r}.team is not null`)],
      ['team', (r) => `coalesce(${r}.team, '')`],
      ['priority', (r) => `${r}.priority`],
      ['channel', (r) => `${r}.channel`],
      ['category', (r) => `${r}.category`],
    ],
    values: [['waiting', () => '1']],
  },
  {
    name: 'incoming',
    source: 'conversations',
    target: 'desk_slot_counts',
    watched: ['created_at'],
    keys: [['slot', slot('created_at')]],
    values: [['incoming', () => '1']],
  },
  {
    name: 'resolutions',
    source: 'desk_resolutions',
    target: 'desk_slot_counts',
    watched: ['resolved_at', 'due_at', 'reopened_at'],
    keys: [['slot', slot('resolved_at')]],
    values: [
      ['resolved', () => '1'],
      ['resolved_timed', flag((r) => `${r}.due_at is not null`)],
      ['resolved_late', flag((r) => `${r}.due_at is not null and ${r}.resolved_at > ${r}.due_at`)],
      ['reopened', flag((r) => `${r}.reopened_at is not null`)],
    ],
  },
  {
    name: 'responses',
    source: 'response_times',
    target: 'desk_response_counts',
    watched: ['clock', 'responded_at', 'due_at'],
    keys: [
      ['slot', slot('responded_at')],
      ['clock', (r) => `${r}.clock`],
    ],
    values: [
      ['responded', () => '1'],
      ['late', flag((r) => `${r}.responded_at > ${r}.due_at`)],
    ],
  },
  {
    name: 'surveys',
    source: 'surveys',
    target: 'desk_slot_counts',
    watched: ['answered_at', 'rating'],
    counts: (r) => `${r}.answered_at is not null`,
    keys: [['slot', slot('answered_at')]],
    values: [
      ['surveys_answered', () => '1'],
      ['rating_sum', (r) => `coalesce(${r}.rating, 0)`],
      ['satisfied', flag((r) => `${r}.rating >= 4`)],
    ],
  },
];

const TARGET_KEYS: Record<Counter['target'], string[]> = {
  desk_queue_counts: ['has_team', 'team', 'priority', 'channel', 'category'],
  desk_slot_counts: ['slot'],
  desk_response_counts: ['slot', 'clock'],
};

const TARGET_VALUES: Record<Counter['target'], string[]> = {
  desk_queue_counts: ['waiting'],
  desk_slot_counts: ['incoming', 'resolved', 'resolved_timed', 'resolved_late', 'reopened', 'surveys_answered', 'rating_sum', 'satisfied'],
  desk_response_counts: ['responded', 'late'],
};

/**
 * A counter row left at zero is deleted: no row means zero, so the tables hold the same rows however
 * they were reached (written row by row, or counted afresh), and no slot of zeros stays behind.
 */
function dropZero(c: Counter, r: string): string {
  const keys = TARGET_KEYS[c.target].map((k) => `${k} = ${c.keys.find(([name]) => name === k)![1](r)}`);
  return `delete from ${c.target} where ${[...keys, ...TARGET_VALUES[c.target].map((v) => `${v} = 0`)].join(' and ')}`;
}

/** Adds `sign` × the contribution of row `r` (old or new) to its counter row, when the row counts. */
function upsert(c: Counter, r: string, sign: 1 | -1): string {
  const columns = [...c.keys.map(([k]) => k), ...c.values.map(([v]) => v)].join(', ');
  const keys = c.keys.map(([, k]) => k(r));
  const values = c.values.map(([, v]) => (sign === 1 ? v(r) : `-(${v(r)})`));
  // `where` always present: SQLite needs it between an INSERT's SELECT and its ON CONFLICT.
  return `insert into ${c.target} (${columns}) select ${[...keys, ...values].join(', ')} where ${c.counts?.(r) ?? 'true'}
    on conflict (${TARGET_KEYS[c.target].join(', ')}) do update set ${c.values.map(([v]) => `${v} = ${c.target}.${v} + excluded.${v}`).join(', ')}`;
}

/** True when an update changes what the row contributes (whether it counts, where, or how much). */
function changed(c: Counter): string {
  const parts = [c.counts, ...c.keys.map(([, k]) => k), ...c.values.map(([, v]) => v)].filter((p) => p !== undefined);
  const differs = parts.map((p) => `(${p('old')}) is distinct from (${p('new')})`).join(' or ');
  // A row that counts neither before nor after changes nothing, whatever else it changes.
  return c.counts ? `((${c.counts('old')}) or (${c.counts('new')})) and (${differs})` : differs;
}

/** The counters computed afresh from the rows: the migration's fill, and a copied desk's (tests' templates). */
export function deskCounterRebuild(): string[] {
  return [
    'delete from desk_queue_counts',
    'delete from desk_slot_counts',
    'delete from desk_response_counts',
    ...COUNTERS.map((c) => {
      const keys = c.keys.map(([, k]) => k('r'));
      const columns = [...c.keys.map(([k]) => k), ...c.values.map(([v]) => v)].join(', ');
      return `insert into ${c.target} (${columns})
        select ${[...keys, ...c.values.map(([, v]) => `sum(${v('r')})`)].join(', ')} from ${c.source} r where ${c.counts?.('r') ?? 'true'}
        group by ${keys.join(', ')}
        on conflict (${TARGET_KEYS[c.target].join(', ')}) do update set ${c.values.map(([v]) => `${v} = ${c.target}.${v} + excluded.${v}`).join(', ')}`;
    }),
  ];
}

async function createTriggers(db: Kysely<unknown>, engine: Engine): Promise<void> {
  for (const c of COUNTERS) {
    const name = `desk_count_${c.name}`;
    if (engine === 'sqlite') {
      await sql.raw(`create trigger ${name}_insert after insert on ${c.source} begin ${upsert(c, 'new', 1)}; end`).execute(db);
      await sql.raw(`create trigger ${name}_delete after delete on ${c.source} begin ${upsert(c, 'old', -1)}; ${dropZero(c, 'old')}; end`).execute(db);
      await sql
        .raw(`create trigger ${name}_update after update of ${c.watched.join(', ')} on ${c.source} when ${changed(c)}
          begin ${upsert(c, 'old', -1)}; ${dropZero(c, 'old')}; ${upsert(c, 'new', 1)}; end`)
        .execute(db);
      continue;
    }
    // The commit lock first (why: commit-lock.ts).
    await sql
      .raw(`create function ${name}() returns trigger language plpgsql as $$
        declare
          emptied boolean;
        begin
          ${COMMIT_LOCK};
          if tg_op <> 'INSERT' then
            ${upsert(c, 'old', -1)} returning ${TARGET_VALUES[c.target].map((v) => `${v} = 0`).join(' and ')} into emptied;
            if emptied then ${dropZero(c, 'old')}; end if;
          end if;
          if tg_op <> 'DELETE' then ${upsert(c, 'new', 1)}; end if;
          return null;
        end
        $$`)
      .execute(db);
    const deferred = `deferrable initially deferred for each row`;
    const insertWhen = c.counts ? `when (${c.counts('new')})` : '';
    const deleteWhen = c.counts ? `when (${c.counts('old')})` : '';
    await sql.raw(`create constraint trigger ${name}_insert after insert on ${c.source} ${deferred} ${insertWhen} execute function ${name}()`).execute(db);
    await sql.raw(`create constraint trigger ${name}_delete after delete on ${c.source} ${deferred} ${deleteWhen} execute function ${name}()`).execute(db);
    await sql
      .raw(`create constraint trigger ${name}_update after update of ${c.watched.join(', ')} on ${c.source} ${deferred} when (${changed(c)}) execute function ${name}()`)
      .execute(db);
  }
}

/**
 * Per clock, the conversations whose clock runs (as store/desk.ts writes them: literals, so that both
 * planners see the partial indexes cover its counts).
 */
const RUNNING = [
  { clock: 'first_response', where: `status = 'open' and response_held_by is null` },
  { clock: 'next_response', where: `status = 'open' and response_held_by is null` },
  { clock: 'resolution', where: `status in ('open', 'pending')` },
] as const;

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('desk_queue_counts')
    .addColumn('has_team', 'integer', (c) => c.notNull())
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('waiting', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('desk_queue_counts_key', ['has_team', 'team', 'priority', 'channel', 'category'])
    .execute();
  let slots = db.schema.createTable('desk_slot_counts').addColumn('slot', 'bigint', (c) => c.primaryKey());
  for (const column of ['incoming', 'resolved', 'resolved_timed', 'resolved_late', 'reopened', 'surveys_answered', 'rating_sum', 'satisfied']) {
    slots = slots.addColumn(column, 'bigint', (c) => c.notNull().defaultTo(0));
  }
  await slots.execute();
  await db.schema
    .createTable('desk_response_counts')
    .addColumn('slot', 'bigint', (c) => c.notNull())
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('responded', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('late', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('desk_response_counts_key', ['slot', 'clock'])
    .execute();

  // Triggers first: on PostgreSQL creating them locks the tables against writers until this
  // migration commits, so that no row is written between the fill below and the first trigger.
  await createTriggers(db, engine);
  for (const statement of deskCounterRebuild()) await sql.raw(statement).execute(db);

  await db.schema.dropIndex('conversations_desk_queue').execute();
  for (const { clock, where } of RUNNING) {
    const due = `${clock}_due_at`;
    const started = `${clock}_started_at`;
    await db.schema.dropIndex(`conversations_desk_${clock}_due`).execute();
    await db.schema.dropIndex(`conversations_desk_${clock}_risk`).execute();
    // 4 × due + started ≤ 5 × now: the clocks at risk and those breached (a clock started no later than
    // its due time is breached only if the bound holds), one range for both counts.
    await sql.raw(`create index conversations_running_${clock}_risk on conversations ((4 * ${due} + ${started}), ${due}, ${started}) where ${where}`).execute(db);
    // The clocks the range cannot place: no start (rows from before 002), or a start after the due time.
    await sql.raw(`create index conversations_running_${clock}_odd on conversations (${due}) where ${where} and (${started} is null or ${started} > ${due})`).execute(db);
  }
  await db.schema.createIndex('response_times_clock_responded').on('response_times').columns(['clock', 'responded_at', 'duration_ms']).execute();
}
