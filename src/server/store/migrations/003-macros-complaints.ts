import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { autoIncrementId } from '../engine.js';

/**
 * Macros and complaints. Only new tables, referencing tables of 001: it runs the same before or after
 * any other migration that leaves those tables' keys alone.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('macros')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('shortcut', 'text', (c) => c.notNull().unique())
    .addColumn('category', 'text')
    // {"en": "...", "zh": "...", "id": "..."}: en always present.
    .addColumn('bodies', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('agents.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // Names are unique whatever their case: "Greeting" and "greeting" would confuse the picker.
  await db.schema.createIndex('macros_name_lower').on('macros').expression(sql`lower(name)`).unique().execute();

  // One row per UTC day: `last` is the day's latest sequence number, only ever incremented, so that a
  // complaint number is never handed out twice, whatever runs concurrently.
  await db.schema
    .createTable('complaint_counters')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await autoIncrementId(db.schema.createTable('complaints'), engine, 'integer')
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('reply_by_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('agents.id'))
    .addColumn('answered_at', 'bigint')
    .addColumn('review_reason', 'text')
    .addColumn('review_requested_by', 'text', (c) => c.references('agents.id'))
    .addColumn('review_requested_at', 'bigint')
    .addColumn('review_decision', 'text')
    .addColumn('review_note', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.references('agents.id'))
    .addColumn('reviewed_at', 'bigint')
    .addColumn('close_note', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('agents.id'))
    .addColumn('closed_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // At most one complaint per conversation that is not closed, enforced by the database itself.
  await db.schema
    .createIndex('complaints_one_open_per_conversation')
    .on('complaints')
    .column('conversation_id')
    .unique()
    .where(sql.ref('status'), '<>', 'closed')
    .execute();
  await db.schema.createIndex('complaints_conversation').on('complaints').columns(['conversation_id', 'id']).execute();
  await db.schema.createIndex('complaints_due').on('complaints').columns(['reply_by_at', 'id']).execute();
  await db.schema.createIndex('complaints_status_due').on('complaints').columns(['status', 'reply_by_at', 'id']).execute();
}
