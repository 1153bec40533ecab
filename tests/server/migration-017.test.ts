import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { up } from '../../src/server/store/migrations/017-clock-calendars-complaint-notices.js';
import { NodeSqliteDatabase } from '../../src/server/store/node-sqlite.js';
import { dropStore, ENGINE, newStoreOptions } from '../helpers/test-server.js';

/** The two tables 017 changes, as 011 left them (only the columns it reads). */
async function before017(db: Kysely<unknown>) {
  await db.schema.createTable('conversations').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('sla_calendar_version', 'integer').execute();
  await db.schema.createTable('complaints').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('extension_notice', 'text').execute();
}

describe('migration 017: a calendar version per clock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'support-017-'));
  const options = newStoreOptions(dir);
  afterAll(async () => {
    await dropStore(options);
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives every clock of an existing conversation the version the conversation was pinned to, and drops the old column', async () => {
    const pool = options.engine === 'postgres' ? new pg.Pool({ connectionString: options.url, options: `-c search_path=${options.schema}` }) : undefined;
    const db = new Kysely<unknown>({ dialect: pool ? new PostgresDialect({ pool }) : new SqliteDialect({ database: new NodeSqliteDatabase(join(dir, 'm.db')) }) });
    try {
      if (options.engine === 'postgres') await sql.raw(`CREATE SCHEMA ${options.schema}`).execute(db);
      await before017(db);
      await sql`INSERT INTO conversations (id, sla_calendar_version) VALUES (1, 7), (2, NULL)`.execute(db);
      await sql`INSERT INTO complaints (id, extension_notice) VALUES (1, 'more time')`.execute(db);
      await up(db, ENGINE);
      const rows = await sql<Record<string, unknown>>`SELECT * FROM conversations ORDER BY id`.execute(db);
      expect(rows.rows).toEqual([
        { id: 1, first_response_calendar_version: 7, next_response_calendar_version: 7, resolution_calendar_version: 7 },
        { id: 2, first_response_calendar_version: null, next_response_calendar_version: null, resolution_calendar_version: null },
      ]);
      const complaint = await sql<Record<string, unknown>>`SELECT * FROM complaints`.execute(db);
      expect(complaint.rows).toEqual([{ id: 1, extension_notice: 'more time', extension_message_id: null, extension_unsent: null, rule_chosen_by: null, rule_country: null, rule_reason: null }]);
    } finally {
      await db.destroy();
    }
  });
});
