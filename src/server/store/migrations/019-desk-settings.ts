import type { Kysely } from 'kysely';

/**
 * Issue 18: the desk's automation settings (automatic triage, automatic answers, their threshold and
 * categories), changed by an admin at runtime.
 *
 * One row per setting, its value JSON, rather than one row with a column per setting: a setting the
 * desk has not set is simply absent, so the server's start flag applies to it (no nullable column
 * standing for "not set" beside a real null), each setting records who set it and when, and a later
 * setting needs no migration. Every inbound conversation reads the table: a handful of rows under
 * their primary key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('desk_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('agents.id'))
    .execute();
}
