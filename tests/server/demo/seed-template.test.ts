import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/server/demo/seed.js';
import { openStore } from '../../../src/server/store/database.js';
import { sql } from 'kysely';
import { copyDemoTemplate, copyPostgresDemoTemplate, seedDemoTemplate, seedPostgresDemoTemplate, type DemoTemplate } from '../../helpers/demo-template.js';
import { dropStore, ENGINE, newStoreOptions } from '../../helpers/test-server.js';

const DAY = 24 * 3_600_000;

/**
 * Every row of every table, in a stable order; but what is not the seed's: password hashes are salted
 * afresh by each seed, and kysely's migration log and the default SLA policies carry the wall clock of
 * the migration.
 */
function dump(file: string): Record<string, unknown[]> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name").all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => {
        const rows = db.prepare(`select * from "${name}"`).all().map((row) => {
          const { password_hash: _salted, ...rest } = row as Record<string, unknown>;
          if (name === 'sla_policies') delete rest['updated_at'];
          return rest;
        });
        return [name, rows.map((r) => JSON.stringify(r)).sort()];
      }),
    );
  } finally {
    db.close();
  }
}

// The test servers copy the demo desk seeded once per run (helpers/demo-template.ts): the copy must be
// the desk a fresh seed at the server's clock gives, row for row.
describe.runIf(ENGINE === 'sqlite')('the demo desk copied from the run template', () => {
  let dir: string;
  let template: DemoTemplate;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'support-template-test-'));
    template = await seedDemoTemplate(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('equals a fresh seed at the later clock, every timestamp moved', async () => {
    // A shift that keeps every complaint in its UTC day (copyDemoTemplate refuses the others). The
    // desk's complaints spread over the day, so at some times of day only a small shift keeps them all.
    const now = [3 * 60_000, 2 * 3_600_000, 7 * 3_600_000, 13 * 3_600_000, 60_000, 1_000]
      .map((later) => template.seededAt + later)
      .find((candidate) => copyDemoTemplate(template, join(dir, `copy-${candidate}.db`), candidate));
    expect(now).toBeDefined();
    const fresh = join(dir, 'fresh.db');
    const store = await openStore({ engine: 'sqlite', file: fresh });
    try {
      expect(await seedDemo(store.db, store.engine, now!)).toEqual(template.seeded);
    } finally {
      await store.close();
    }
    const copy = dump(join(dir, `copy-${now}.db`));
    const expected = dump(fresh);
    expect(Object.keys(copy)).toEqual(Object.keys(expected));
    for (const table of Object.keys(expected)) expect(copy[table], table).toEqual(expected[table]);
    expect(copy['conversations']!.length).toBeGreaterThan(0);
  });

  it('refuses a shift that carries a complaint into another UTC day', () => {
    const db = new DatabaseSync(template.file, { readOnly: true });
    const { created_at } = db.prepare('select created_at from complaints order by created_at limit 1').get() as { created_at: number };
    db.close();
    const toMidnight = DAY - (created_at % DAY);
    expect(copyDemoTemplate(template, join(dir, 'refused.db'), template.seededAt + toMidnight)).toBe(false);
  });
});

// The same on PostgreSQL, where each server has a schema of its own filled by INSERT … SELECT.
describe.runIf(ENGINE === 'postgres')('the demo desk copied from the run template (postgres)', () => {
  it('equals a fresh seed at the later clock, every timestamp moved', async () => {
    const url = process.env['SUPPORT_TEST_DATABASE_URL']!;
    const template = await seedPostgresDemoTemplate(url);
    const copyOptions = newStoreOptions('');
    const freshOptions = newStoreOptions('');
    try {
      if (copyOptions.engine !== 'postgres' || !copyOptions.schema) throw new Error('postgres store options expected');
      const copy = await openStore(copyOptions);
      const fresh = await openStore(freshOptions);
      try {
        const now = [3 * 60_000, 2 * 3_600_000, 7 * 3_600_000].map((later) => template.seededAt + later);
        let at: number | undefined;
        for (const candidate of now) {
          if (await copyPostgresDemoTemplate(template, copyOptions.schema, candidate)) {
            at = candidate;
            break;
          }
        }
        expect(at).toBeDefined();
        expect(await seedDemo(fresh.db, fresh.engine, at!)).toEqual(template.seeded);
        const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_name not like 'kysely_%' order by 1`.execute(fresh.db);
        expect(tables.rows.length).toBeGreaterThan(5);
        const dumpOf = async (store: typeof copy, table: string) =>
          (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(store.db)).rows
            .map((row) => {
              const { password_hash: _salted, ...rest } = row;
              if (table === 'sla_policies') delete rest['updated_at'];
              return JSON.stringify(rest);
            })
            .sort();
        for (const { name } of tables.rows) expect(await dumpOf(copy, name), name).toEqual(await dumpOf(fresh, name));
        // The next conversation gets the next id, as after a fresh seed.
        const next = async (store: typeof copy) => (await sql<{ id: string }>`select nextval(pg_get_serial_sequence('conversations', 'id')) as id`.execute(store.db)).rows[0]!.id;
        expect(await next(copy)).toBe(await next(fresh));
      } finally {
        await copy.close();
        await fresh.close();
      }
    } finally {
      await dropStore(copyOptions);
      await dropStore(freshOptions);
      await dropStore({ engine: 'postgres', url, schema: template.schema });
    }
  }, 120_000);
});
