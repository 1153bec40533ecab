import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { autoIncrementId } from '../engine.js';

/**
 * Time the way regulators count it (issue 16):
 * - calendars: a zone, business hours, holidays; each change writes a new version, and what a clock
 *   or a deadline was computed with is the version it names, so a change applies to clocks started
 *   after it;
 * - team_calendars: the calendar a team works by (a team has one);
 * - sla_policies.clock: "calendar" (around the clock) or "business" (the team's business hours);
 * - conversations.sla_calendar_version: the version its business-time clocks run on;
 * - complaints: the rule their deadline came from (jurisdiction and class), the acknowledgement
 *   deadline, the one extension and the notice sent to the customer. Existing complaints keep theirs.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('calendars')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('zone', 'text', (c) => c.notNull())
    // JSON lists: [{day, from, to}], [{from, to, name}].
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('holidays', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text')
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('agents.id'))
    .execute();
  // At most one default calendar: what conversations without a team's calendar count by.
  await db.schema.createIndex('calendars_one_default').on('calendars').column('is_default').unique().where(sql.ref('is_default'), '=', 1).execute();

  // Kept after the calendar is deleted: clocks and deadlines computed with a version still name it.
  await autoIncrementId(db.schema.createTable('calendar_versions'), engine, 'integer')
    .addColumn('calendar_id', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('team_calendars')
    .addColumn('team', 'text', (c) => c.primaryKey())
    .addColumn('calendar_id', 'text', (c) => c.notNull().references('calendars.id'))
    .execute();
  await db.schema.createIndex('team_calendars_calendar').on('team_calendars').column('calendar_id').execute();

  await db.schema.alterTable('sla_policies').addColumn('clock', 'text', (c) => c.notNull().defaultTo('calendar')).execute();
  await db.schema.alterTable('conversations').addColumn('sla_calendar_version', 'integer').execute();

  for (const [column, type] of [
    ['jurisdiction', 'text'],
    ['medium', 'text'],
    ['complexity', 'text'],
    ['rule', 'text'],
    ['calendar_version', 'integer'],
    ['acknowledge_by_at', 'bigint'],
    ['acknowledged_at', 'bigint'],
    ['reply_by_before_extension', 'bigint'],
    ['extended_at', 'bigint'],
    ['extended_by', 'text'],
    ['extension_notice', 'text'],
  ] as const) {
    await db.schema.alterTable('complaints').addColumn(column, type).execute();
  }
}
