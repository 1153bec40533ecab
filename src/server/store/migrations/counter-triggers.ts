import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { COMMIT_LOCK } from './commit-lock.js';

/*
 * Counters kept by triggers, for a migration to declare (021-report-counters.ts): each counter is a
 * table of keys and integer values; each source table says, of one of its rows, under which keys it
 * counts and with which values. From that come the triggers that keep the counters equal to what the
 * raw rows give, and the SQL that computes them from the raw rows (the backfill).
 */

export type Column = [name: string, type: 'integer' | 'text'];

export interface Counter {
  table: string;
  keys: Column[];
  values: string[];
  /** PostgreSQL: the values in the primary key's index too (INCLUDE), so that a range is read from the index alone. */
  covering?: true;
}

/** One row's contribution to a counter: when it counts, under which key, with which values (SQL over the row `r`). */
export interface Contribution {
  when: string;
  keys: string[];
  values: string[];
}

export interface Source {
  table: string;
  counter: Counter;
  /** The columns the contributions read: an update of others leaves the counter alone. */
  columns: string[];
  contributions(r: string): Contribution[];
}

const names = (columns: Column[]) => columns.map(([name]) => name);

/** A contribution as a row of keys `k0…` and values `v0…` (negated to take it off), for `addRows`. */
function asRow(c: Contribution, sign: 1 | -1, from = ''): string {
  const values = sign === 1 ? c.values : c.values.map((v) => `-(${v})`);
  return `select ${[...c.keys.map((k, i) => `${k} as k${i}`), ...values.map((v, i) => `${v} as v${i}`)].join(', ')}${from} where ${c.when}`;
}

/**
 * One statement adding rows to the counter: summed per key (a row's old and new contributions under
 * one key cancel out, and are not written at all), in key order, so that writers take the counter rows
 * of one statement in one order; `on conflict … do update` adds to a row another transaction holds once
 * that one commits, exactly.
 */
function addRows(counter: Counter, rows: string[]): string {
  const keys = names(counter.keys);
  const k = keys.map((_, i) => `k${i}`).join(', ');
  const sums = counter.values.map((_, i) => `sum(v${i})`);
  const select = `select ${k}, ${sums.join(', ')} from (${rows.join(' union all ')}) x where 1 = 1 group by ${k} having ${sums.map((v) => `${v} <> 0`).join(' or ')} order by ${k}`;
  const add = counter.values.map((v) => `${v} = ${counter.table}.${v} + excluded.${v}`).join(', ');
  return `insert into ${counter.table} (${[...keys, ...counter.values].join(', ')}) ${select} on conflict (${keys.join(', ')}) do update set ${add}`;
}

/** Deletes the counter rows these contributions were taken off and left at 0: a counter row exists while it counts something. */
function dropZeros(counter: Counter, contributions: Contribution[]): string[] {
  const zero = counter.values.map((v) => `${v} = 0`).join(' and ');
  return contributions.map((c) => `delete from ${counter.table} where ${c.when} and ${names(counter.keys).map((k, i) => `${k} = ${c.keys[i]}`).join(' and ')} and ${zero}`);
}

/** A row written, changed or deleted: its old contributions off and its new ones on, in one statement. */
function rowChange(source: Source, before: boolean, after: boolean): string[] {
  const old = source.contributions('old');
  const rows = [...(before ? old.map((c) => asRow(c, -1)) : []), ...(after ? source.contributions('new').map((c) => asRow(c, 1)) : [])];
  return [addRows(source.counter, rows), ...(before ? dropZeros(source.counter, old) : [])];
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

function triggersOf(source: Source): Trigger[] {
  const name = `${source.counter.table}_${source.table}`;
  const changed = source.columns.map((c) => `old.${c} is distinct from new.${c}`).join(' or ');
  // A row that counts nowhere (a customer's message, a survey nobody resolved) does not call the trigger at all.
  const counts = (r: 'new' | 'old') => {
    const conditions = source.contributions(r).map((c) => c.when);
    return conditions.includes('1 = 1') ? null : conditions.map((c) => `(${c})`).join(' or ');
  };
  const [countsNew, countsOld] = [counts('new'), counts('old')];
  const onUpdate = countsNew === null || countsOld === null ? changed : `(${changed}) and (${countsOld} or ${countsNew})`;
  return [
    { name: `${name}_insert`, table: source.table, event: 'insert', columns: [], when: countsNew, statements: rowChange(source, false, true) },
    { name: `${name}_update`, table: source.table, event: 'update', columns: source.columns, when: onUpdate, statements: rowChange(source, true, true) },
    { name: `${name}_delete`, table: source.table, event: 'delete', columns: [], when: countsOld, statements: rowChange(source, true, false) },
  ];
}

/**
 * SQLite: a trigger per source, counter and event, run with the statement (one writer at a time).
 * PostgreSQL: a constraint trigger, deferred to the commit: the trigger reads nothing but the row's
 * images (old and new, as they were at the write), so it counts the same then, and a counter row that
 * every transaction of a 15-minute slot adds to is held from the commit's start to its end, not from
 * the write through the rest of the transaction (under 200 agents replying at once, the replies
 * queued on it).
 */
async function createTrigger(db: Kysely<unknown>, engine: Engine, t: Trigger): Promise<void> {
  if (engine === 'sqlite') {
    const event = t.event === 'update' ? `update of ${t.columns.join(', ')}` : t.event;
    // SQLite spells "is distinct from" as "is not".
    const when = t.when === null ? '' : ` when ${t.when.replaceAll(' is distinct from ', ' is not ')}`;
    await sql.raw(`create trigger ${t.name} after ${event} on ${t.table} for each row${when} begin ${t.statements.map((s) => `${s};`).join(' ')} end`).execute(db);
    return;
  }
  // The commit lock first (why: commit-lock.ts).
  await sql.raw(`create function ${t.name}() returns trigger language plpgsql as $$ begin ${COMMIT_LOCK}; ${t.statements.map((s) => `${s};`).join(' ')} return null; end $$`).execute(db);
  const when = t.when === null ? '' : ` when (${t.when})`;
  await sql.raw(`create constraint trigger ${t.name} after ${t.event} on ${t.table} deferrable initially deferred for each row${when} execute function ${t.name}()`).execute(db);
}

/** Creates each counter's table, empty. */
export async function createCounterTables(db: Kysely<unknown>, engine: Engine, counters: Counter[]): Promise<void> {
  for (const counter of counters) {
    let table = db.schema.createTable(counter.table);
    for (const [name, type] of counter.keys) table = table.addColumn(name, type, (c) => c.notNull());
    for (const value of counter.values) table = table.addColumn(value, 'integer', (c) => c.notNull());
    if (engine === 'sqlite' || !counter.covering) table = table.addPrimaryKeyConstraint(`${counter.table}_pk`, names(counter.keys) as never[]);
    // SQLite: the rows live in the primary key's b-tree, read in key order. PostgreSQL: room on each
    // page for the frequent in-place updates (HOT, no index change).
    table = table.modifyEnd(engine === 'sqlite' ? sql`without rowid` : sql`with (fillfactor = 70)`);
    await table.execute();
    if (engine === 'postgres' && counter.covering) {
      // The price of reading from the index alone: an update of a count is not HOT.
      await sql.raw(`alter table ${counter.table} add constraint ${counter.table}_pk primary key (${names(counter.keys).join(', ')}) include (${counter.values.join(', ')})`).execute(db);
    }
  }
}

export async function createCounterTriggers(db: Kysely<unknown>, engine: Engine, sources: Source[]): Promise<void> {
  for (const source of sources) for (const trigger of triggersOf(source)) await createTrigger(db, engine, trigger);
}

/** A counter computed from the raw tables: what the triggers keep it equal to. */
export function counterFromRaw(counter: Counter, sources: Source[]): string {
  const rows = sources.filter((s) => s.counter === counter).flatMap((s) => s.contributions('r').map((c) => asRow(c, 1, ` from ${s.table} r`)));
  const keys = names(counter.keys);
  const columns = [...keys.map((k, i) => `k${i} as ${k}`), ...counter.values.map((v, i) => `sum(v${i}) as ${v}`)];
  return `select ${columns.join(', ')} from (${rows.join(' union all ')}) x group by ${keys.map((_, i) => `k${i}`).join(', ')}`;
}

/** Empties the counters and computes them again from the raw tables. */
export function rebuildCounters(counters: Counter[], sources: Source[]): string[] {
  return counters.flatMap((counter) => [
    `delete from ${counter.table}`,
    `insert into ${counter.table} (${[...names(counter.keys), ...counter.values].join(', ')}) ${counterFromRaw(counter, sources)}`,
  ]);
}
