import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { seedDemo } from '../../src/server/demo/seed.js';
import { complaintDay } from '../../src/server/store/complaint-numbers.js';
import { openStore } from '../../src/server/store/database.js';
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
