import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Incremental counters for the reports (issue 15's budget: each 90-day report ≤ 1 s at a desk of
 * 1,000,000 conversations, where scanning the raw rows of 90 days takes seconds).
 *
 * Two grains, both in UTC so that any zone's local hours and days fold out of them:
 * - per 15-minute slot, the team-level figures that reports draw per hour or day (created and resolved
 *   conversations, clocks stopped and met, surveys sent and their ratings);
 * - per UTC day, the per-agent figures and the duration histograms (whole seconds, as the reports'
 *   nearest-rank percentiles count them): per slot they would hold about one row per raw row. A range
 *   whose ends fall inside a UTC day reads those two partial days from the raw tables.
 *
 * The counters are kept by triggers, in the transaction of the write that changes them, whichever code
 * writes (the server, the demo seed, a test's direct inserts, the bench's bulk load): an upsert adds a
 * row's contribution (`on conflict … do update set n = n + excluded.n`, atomic under concurrent writers
 * on PostgreSQL), an update takes the old contribution off and adds the new one, a delete takes it off,
 * and a row whose counts all fall to 0 is deleted, so that the counters are always exactly what the
 * backfill below computes from the raw tables. A response's team is its conversation's team now (as the
 * reports filter), so moving a conversation to another team moves its responses' counts.
 *
 * Besides: three indexes for what the reports still read from the raw tables (below). Only new tables,
 * triggers and indexes: it runs the same before or after any other migration that keeps the columns
 * the triggers read.
 */

type Column = [name: string, type: 'integer' | 'text'];

interface Counter {
  table: string;
  keys: Column[];
  values: string[];
}

/** One row's contribution to a counter: when it counts, under which key, with which values (SQL over `r`). */
interface Contribution {
  when: string;
  keys: string[];
  values: string[];
}

interface Source {
  table: 'conversations' | 'response_times' | 'surveys' | 'messages';
  counter: Counter;
  /** The columns the contribution reads: an update of others leaves the counter alone. */
  columns: string[];
  /** Set when the key holds the row's conversation's team (response_times): `team` is its SQL. */
  byConversationTeam?: true;
  contributions(r: string, team: string): Contribution[];
}

const SLOT_MS = 900_000;
const DAY_MS = 86_400_000;

const conversationSlots: Counter = { table: 'report_conversation_slots', keys: [['slot', 'integer'], ['team', 'text']], values: ['created', 'resolved'] };
const clockSlots: Counter = { table: 'report_clock_slots', keys: [['slot', 'integer'], ['clock', 'text'], ['team', 'text']], values: ['stopped', 'met'] };
const clockSeconds: Counter = { table: 'report_clock_seconds', keys: [['utc_day', 'integer'], ['clock', 'text'], ['team', 'text'], ['duration_s', 'integer']], values: ['n'] };
const surveySlots: Counter = {
  table: 'report_survey_slots',
  keys: [['slot', 'integer'], ['team', 'text']],
  values: ['sent', 'rated_1', 'rated_2', 'rated_3', 'rated_4', 'rated_5'],
};
const agentDays: Counter = { table: 'report_agent_days', keys: [['utc_day', 'integer'], ['agent_id', 'text']], values: ['handled', 'reopened', 'ratings', 'rating_total', 'replies'] };
const agentSeconds: Counter = { table: 'report_agent_seconds', keys: [['utc_day', 'integer'], ['agent_id', 'text'], ['duration_s', 'integer']], values: ['n'] };

export const REPORT_COUNTERS = [conversationSlots, clockSlots, clockSeconds, surveySlots, agentDays, agentSeconds];

const one = (condition: string) => `case when ${condition} then 1 else 0 end`;

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
    columns: ['responded_at', 'clock', 'started_at', 'duration_ms', 'due_at', 'conversation_id'],
    byConversationTeam: true,
    contributions: (r, team) => [
      { when: '1 = 1', keys: [`${r}.responded_at / ${SLOT_MS}`, `${r}.clock`, team], values: ['1', one(`${r}.started_at + ${r}.duration_ms < ${r}.due_at`)] },
    ],
  },
  {
    table: 'response_times',
    counter: clockSeconds,
    columns: ['responded_at', 'clock', 'duration_ms', 'conversation_id'],
    byConversationTeam: true,
    contributions: (r, team) => [{ when: '1 = 1', keys: [`${r}.responded_at / ${DAY_MS}`, `${r}.clock`, team, `${r}.duration_ms / 1000`], values: ['1'] }],
  },
  {
    table: 'response_times',
    counter: agentSeconds,
    columns: ['responded_at', 'agent_id', 'duration_ms'],
    contributions: (r) => [{ when: `${r}.agent_id is not null`, keys: [`${r}.responded_at / ${DAY_MS}`, `${r}.agent_id`, `${r}.duration_ms / 1000`], values: ['1'] }],
  },
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
  {
    table: 'surveys',
    counter: clockSeconds,
    columns: ['created_at', 'team', 'resolution_due_at', 'resolution_ms'],
    contributions: (r) => [
      { when: `${r}.resolution_due_at is not null`, keys: [`${r}.created_at / ${DAY_MS}`, `'resolution'`, `coalesce(${r}.team, '')`, `${r}.resolution_ms / 1000`], values: ['1'] },
    ],
  },
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

const teamOfConversation = (r: string) => `coalesce((select c.team from conversations c where c.id = ${r}.conversation_id), '')`;

const names = (columns: Column[]) => columns.map(([name]) => name);

/** A contribution as a row of keys `k0…` and values `v0…` (negated to take it off), for `addRows`. */
function asRow(c: Contribution, sign: 1 | -1, from = ''): string {
  const values = sign === 1 ? c.values : c.values.map((v) => `-(${v})`);
  return `select ${[...c.keys.map((k, i) => `${k} as k${i}`), ...values.map((v, i) => `${v} as v${i}`)].join(', ')}${from} where ${c.when}`;
}

/**
 * One statement adding rows to the counter: summed per key (a row's old and new contributions under
 * one key cancel out, and are not written at all), in key order, so that concurrent writers take the
 * counter rows one order and never wait on each other in a circle; `on conflict … do update` adds to
 * a row another transaction holds once it commits, exactly.
 */
function addRows(counter: Counter, rows: string[]): string {
  const keys = names(counter.keys);
  const k = keys.map((_, i) => `k${i}`).join(', ');
  const sums = counter.values.map((_, i) => `sum(v${i})`);
  const select = `select ${k}, ${sums.join(', ')} from (${rows.join(' union all ')}) x where 1 = 1 group by ${k} having ${sums.map((v) => `${v} <> 0`).join(' or ')} order by ${k}`;
  const add = counter.values.map((v) => `${v} = ${counter.table}.${v} + excluded.${v}`).join(', ');
  return `insert into ${counter.table} (${[...keys, ...counter.values].join(', ')}) ${select} on conflict (${keys.join(', ')}) do update set ${add}`;
}

/** Deletes the counter rows these contributions were taken off and left at 0. */
function dropZeros(counter: Counter, contributions: Contribution[]): string[] {
  const zero = counter.values.map((v) => `${v} = 0`).join(' and ');
  return contributions.map((c) => `delete from ${counter.table} where ${c.when} and ${names(counter.keys).map((k, i) => `${k} = ${c.keys[i]}`).join(' and ')} and ${zero}`);
}

/** A row written, changed or deleted: its old contributions off, its new ones on, in one statement. */
function rowChange(source: Source, before: boolean, after: boolean): string[] {
  const old = source.contributions('old', teamOfConversation('old'));
  const rows = [...(before ? old.map((c) => asRow(c, -1)) : []), ...(after ? source.contributions('new', teamOfConversation('new')).map((c) => asRow(c, 1)) : [])];
  return [addRows(source.counter, rows), ...(before ? dropZeros(source.counter, old) : [])];
}

/** A conversation moved to another team: its responses' counts move from the old team's keys to the new. */
function teamMoveStatements(source: Source): string[] {
  const of = (team: string): Contribution => {
    const c = source.contributions('r', team)[0]!;
    return { ...c, when: `r.conversation_id = new.id and ${c.when}` };
  };
  const from = ` from ${source.table} r`;
  const old = of(`coalesce(old.team, '')`);
  const zero = source.counter.values.map((v) => `${v} = 0`).join(' and ');
  const keys = names(source.counter.keys).map((k, i) => `${source.counter.table}.${k} = ${old.keys[i]}`);
  const left = `delete from ${source.counter.table} where ${zero} and exists (select 1${from} where ${old.when} and ${keys.join(' and ')})`;
  return [addRows(source.counter, [asRow(old, -1, from), asRow(of(`coalesce(new.team, '')`), 1, from)]), left];
}

interface Trigger {
  name: string;
  table: string;
  event: 'insert' | 'update' | 'delete';
  /** SQLite's `update of` list (PostgreSQL reads `when`). */
  columns: string[];
  when: string | null;
  statements: string[];
}

function triggers(): Trigger[] {
  const list: Trigger[] = [];
  for (const source of SOURCES) {
    const name = `${source.counter.table}_${source.table}`;
    const changed = source.columns.map((c) => `old.${c} is distinct from new.${c}`).join(' or ');
    // A row that counts nowhere (a customer's message, a survey nobody resolved) does not call the trigger at all.
    const counts = (r: 'new' | 'old') => {
      const conditions = source.contributions(r, '').map((c) => c.when);
      return conditions.includes('1 = 1') ? null : conditions.map((c) => `(${c})`).join(' or ');
    };
    const [countsNew, countsOld] = [counts('new'), counts('old')];
    const onUpdate = countsNew === null || countsOld === null ? changed : `(${changed}) and (${countsOld} or ${countsNew})`;
    list.push({ name: `${name}_insert`, table: source.table, event: 'insert', columns: [], when: countsNew, statements: rowChange(source, false, true) });
    list.push({ name: `${name}_update`, table: source.table, event: 'update', columns: source.columns, when: onUpdate, statements: rowChange(source, true, true) });
    list.push({ name: `${name}_delete`, table: source.table, event: 'delete', columns: [], when: countsOld, statements: rowChange(source, true, false) });
    if (source.byConversationTeam) {
      list.push({ name: `${name}_team`, table: 'conversations', event: 'update', columns: ['team'], when: 'old.team is distinct from new.team', statements: teamMoveStatements(source) });
    }
  }
  return list;
}

async function createTrigger(db: Kysely<unknown>, engine: Engine, t: Trigger): Promise<void> {
  if (engine === 'sqlite') {
    const event = t.event === 'update' ? `update of ${t.columns.join(', ')}` : t.event;
    // SQLite spells "is distinct from" as "is not".
    const when = t.when === null ? '' : ` when ${t.when.replaceAll(' is distinct from ', ' is not ')}`;
    await sql.raw(`create trigger ${t.name} after ${event} on ${t.table} for each row${when} begin ${t.statements.map((s) => `${s};`).join(' ')} end`).execute(db);
    return;
  }
  await sql.raw(`create function ${t.name}() returns trigger language plpgsql as $$ begin ${t.statements.map((s) => `${s};`).join(' ')} return null; end $$`).execute(db);
  await sql.raw(`create trigger ${t.name} after ${t.event} on ${t.table} for each row${t.when === null ? '' : ` when (${t.when})`} execute function ${t.name}()`).execute(db);
}

/** The counters computed from the raw tables: what the triggers keep them equal to. */
export function countersFromRaw(counter: Counter): string {
  const rows = SOURCES.filter((s) => s.counter === counter).flatMap((s) => {
    const from = s.byConversationTeam ? ` from ${s.table} r left join conversations c on c.id = r.conversation_id` : ` from ${s.table} r`;
    return s.contributions('r', `coalesce(c.team, '')`).map((c) => asRow(c, 1, from));
  });
  const keys = names(counter.keys);
  const columns = [...keys.map((k, i) => `k${i} as ${k}`), ...counter.values.map((v, i) => `sum(v${i}) as ${v}`)];
  return `select ${columns.join(', ')} from (${rows.join(' union all ')}) x group by ${keys.map((_, i) => `k${i}`).join(', ')}`;
}

/** Empties the counters and computes them again from the raw tables: the backfill, and after a bulk copy made without triggers. */
export function rebuildStatements(): string[] {
  return REPORT_COUNTERS.flatMap((counter) => [
    `delete from ${counter.table}`,
    `insert into ${counter.table} (${[...names(counter.keys), ...counter.values].join(', ')}) ${countersFromRaw(counter)}`,
  ]);
}

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  for (const counter of REPORT_COUNTERS) {
    let table = db.schema.createTable(counter.table);
    for (const [name, type] of counter.keys) table = table.addColumn(name, type, (c) => c.notNull());
    for (const value of counter.values) table = table.addColumn(value, 'integer', (c) => c.notNull());
    table = table.addPrimaryKeyConstraint(`${counter.table}_pk`, names(counter.keys) as never[]);
    // SQLite: the rows live in the primary key's b-tree, read in key order. PostgreSQL: room on each
    // page for the frequent in-place updates (HOT, no index change).
    table = table.modifyEnd(engine === 'sqlite' ? sql`without rowid` : sql`with (fillfactor = 70)`);
    await table.execute();
  }
  // Triggers first, then the backfill: in one transaction (kysely's, on PostgreSQL), where a
  // concurrent writer waits for the trigger's lock on its table and is then counted by the trigger
  // alone, never twice.
  // What the reports still read from the raw tables: follow-ups opened and closed in a range (the
  // CSAT report; without these SQLite walked every survey to find them), and automatic answers (the
  // volume report), a few among all messages: a partial index that costs other messages nothing.
  await db.schema.createIndex('reports_follow_ups_created').on('follow_ups').column('created_at').execute();
  await db.schema.createIndex('reports_follow_ups_closed').on('follow_ups').column('closed_at').execute();
  await sql`create index reports_messages_automatic on messages (created_at, conversation_id, id) where author_type = 'system' and kind = 'reply'`.execute(db);

  // SQLite: kysely runs a migration outside a transaction; another process writing between the
  // triggers and the backfill would be counted twice, so the two are one transaction here.
  if (engine === 'sqlite') await sql`begin immediate`.execute(db);
  try {
    for (const trigger of triggers()) await createTrigger(db, engine, trigger);
    for (const statement of rebuildStatements()) await sql.raw(statement).execute(db);
    if (engine === 'sqlite') await sql`commit`.execute(db);
    // The planner's statistics for the new tables, before the first report (autovacuum would take a while).
    else for (const counter of REPORT_COUNTERS) await sql.raw(`analyze ${counter.table}`).execute(db);
  } catch (error) {
    if (engine === 'sqlite') await sql`rollback`.execute(db);
    throw error;
  }
}
