import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { seedDemo } from '../../src/server/demo/seed.js';
import { complaintDay } from '../../src/server/store/complaint-numbers.js';
import { openStore } from '../../src/server/store/database.js';
import { deskCounterRebuild } from '../../src/server/store/migrations/020-desk-counters.js';
import { rebuildStatements } from '../../src/server/store/migrations/021-report-counters.js';
import { NO_DUE_TIME } from '../../src/server/store/tables.js';

/**
 * Seeding the demo desk costs most of a second (scrypt for eight agents, thousands of rows), and some
 * fifty test servers seed it. The desk is the same every time except for its clock, so it is seeded
 * once per run into a template file, and each test server gets a copy with every timestamp moved by
 * the time elapsed since (seed-template.test.ts holds the copy equal to a fresh seed).
 */
export interface DemoTemplate {
  file: string;
  /** The clock the template was seeded at. */
  seededAt: number;
  seeded: Awaited<ReturnType<typeof seedDemo>>;
}

export async function seedDemoTemplate(dir = mkdtempSync(join(tmpdir(), 'support-demo-template-'))): Promise<DemoTemplate> {
  const file = join(dir, 'demo.db');
  const seededAt = Date.now();
  const store = await openStore({ engine: 'sqlite', file });
  try {
    const seeded = await seedDemo(store.db, store.engine, seededAt);
    return { file, seededAt, seeded };
  } finally {
    await store.close();
  }
}

// Every column holding an instant: `at`, `…_at` and `…_until` (epoch milliseconds; durations end in
// `_ms`). NO_DUE_TIME stands for "never" and 0 for "not set" (the migrations' default refund limits): they stay.
const INSTANT = /^(at|.+_at|.+_until)$/;

/**
 * Copies the template to `file` as if it had been seeded at `now`. Returns false (and copies nothing)
 * when moving the clock would carry a complaint into another UTC day: complaint numbers carry the day
 * they were filed, so only a fresh seed is right then.
 */
export function copyDemoTemplate(template: DemoTemplate, file: string, now: number): boolean {
  const shift = now - template.seededAt;
  const source = new DatabaseSync(template.file, { readOnly: true });
  try {
    const complaints = source.prepare('select created_at from complaints').all() as { created_at: number }[];
    if (complaints.some((c) => complaintDay(c.created_at) !== complaintDay(c.created_at + shift))) return false;
  } finally {
    source.close();
  }
  copyFileSync(template.file, file);
  const db = new DatabaseSync(file);
  try {
    db.exec('begin');
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as { name: string }[];
    for (const { name } of tables) {
      const columns = db.prepare(`select name from pragma_table_info(?)`).all(name) as { name: string }[];
      const instants = columns.map((c) => c.name).filter((c) => INSTANT.test(c));
      if (instants.length === 0) continue;
      const moved = instants.map((c) => `"${c}" = case when "${c}" in (0, ${NO_DUE_TIME}) then "${c}" else "${c}" + ${shift} end`);
      db.exec(`update "${name}" set ${moved.join(', ')}`);
    }
    db.exec('commit');
    return true;
  } finally {
    db.close();
  }
}

/** The PostgreSQL counterpart: the demo desk seeded once per run into a schema of its own. */
export interface PostgresDemoTemplate {
  url: string;
  schema: string;
  seededAt: number;
  seeded: Awaited<ReturnType<typeof seedDemo>>;
}

export async function seedPostgresDemoTemplate(url: string): Promise<PostgresDemoTemplate> {
  const schema = `t_demo_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const seededAt = Date.now();
  const store = await openStore({ engine: 'postgres', url, schema });
  try {
    const seeded = await seedDemo(store.db, store.engine, seededAt);
    return { url, schema, seededAt, seeded };
  } finally {
    await store.close();
  }
}

/**
 * Fills a migrated, empty schema with the template's rows as if seeded at `now`: one INSERT … SELECT
 * per table inside PostgreSQL, instead of building and sending the desk again (seconds per server).
 * Returns false, copying nothing, when the shift would carry a complaint into another UTC day.
 */
export async function copyPostgresDemoTemplate(template: PostgresDemoTemplate, schema: string, now: number): Promise<boolean> {
  const shift = now - template.seededAt;
  const client = new pg.Client({ connectionString: template.url });
  await client.connect();
  try {
    const complaints = await client.query<{ created_at: string }>(`select created_at from ${template.schema}.complaints`);
    if (complaints.rows.some((c) => complaintDay(Number(c.created_at)) !== complaintDay(Number(c.created_at) + shift))) return false;
    const columns = await client.query<{ table_name: string; column_name: string; column_default: string | null }>(
      `select table_name, column_name, column_default from information_schema.columns
        where table_schema = $1 and table_name not like 'kysely_%' order by table_name, ordinal_position`,
      [template.schema],
    );
    const tables = new Map<string, { name: string; serial: boolean }[]>();
    for (const c of columns.rows) {
      const list = tables.get(c.table_name) ?? [];
      list.push({ name: c.column_name, serial: c.column_default?.startsWith('nextval(') ?? false });
      tables.set(c.table_name, list);
    }
    await client.query('begin');
    // Foreign keys are checked by triggers; the copy is the template's, consistent as a whole.
    await client.query('set local session_replication_role = replica');
    for (const [table, cols] of tables) {
      const names = cols.map((c) => `"${c.name}"`).join(', ');
      const values = cols
        .map((c) => (INSTANT.test(c.name) ? `case when "${c.name}" in (0, ${NO_DUE_TIME}) then "${c.name}" else "${c.name}" + ${shift} end` : `"${c.name}"`))
        .join(', ');
      // The migrations' own rows (default SLA policies and refund limits) are in the template too.
      await client.query(`delete from ${schema}."${table}"`);
      await client.query(`insert into ${schema}."${table}" (${names}) select ${values} from ${template.schema}."${table}"`);
      for (const c of cols.filter((col) => col.serial)) {
        await client.query(
          `select setval(pg_get_serial_sequence('${schema}."${table}"', '${c.name}'), coalesce(max("${c.name}"), 1), max("${c.name}") is not null) from ${schema}."${table}"`,
        );
      }
    }
    // The copy ran without triggers (replica) and moved every time: the board's counters (020) and the
    // reports' (021) are counted again from the copied rows, as their migrations first filled them.
    await client.query(`set local search_path to ${schema}`);
    for (const statement of deskCounterRebuild()) await client.query(statement);
    for (const statement of rebuildStatements()) await client.query(statement);
    await client.query('commit');
    // As seedDemo does: the planner needs statistics for the bulk-loaded tables.
    await client.query(`analyze ${[...tables.keys()].map((t) => `${schema}."${t}"`).join(', ')}`);
    return true;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
