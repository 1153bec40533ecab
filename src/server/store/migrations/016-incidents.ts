import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { autoIncrementId } from '../engine.js';

/**
 * Incidents: one cause, many conversations. Only new tables referencing tables of 001, so it runs the
 * same before or after any other migration.
 * - `incidents`: the current state (texts per language and criteria as JSON text);
 * - `incident_updates`: the history, one row per change; a broadcast or the final message is an update
 *   with customer messages;
 * - `incident_links`: a conversation belongs to at most one incident;
 * - `incident_deliveries`: one row per (update, conversation), the database's own guarantee that an
 *   update reaches a conversation once, whatever retries, kills and resumes happen;
 * - `announcements`: scheduled maintenance windows, with customer texts per language.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await autoIncrementId(db.schema.createTable('incidents'), engine, 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('texts', 'text', (c) => c.notNull())
    .addColumn('affects', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('expected_end_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_by', 'text', (c) => c.references('agents.id'))
    .addColumn('resolved_at', 'bigint')
    .execute();
  await db.schema.createIndex('incidents_status').on('incidents').columns(['status', 'id']).execute();

  await autoIncrementId(db.schema.createTable('incident_updates'), engine, 'integer')
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('changes', 'text', (c) => c.notNull())
    // {"en": "...", ...} sent to customers, or null for a change agents alone see.
    .addColumn('messages', 'text')
    .addColumn('resolve_conversations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_updates_incident').on('incident_updates').columns(['incident_id', 'id']).execute();

  await db.schema
    .createTable('incident_links')
    .addColumn('conversation_id', 'integer', (c) => c.primaryKey().references('conversations.id'))
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
    .addColumn('linked_by', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('linked_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_links_incident').on('incident_links').columns(['incident_id', 'conversation_id']).execute();

  await db.schema
    .createTable('incident_deliveries')
    .addColumn('update_id', 'integer', (c) => c.notNull().references('incident_updates.id'))
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id'))
    .addColumn('message_id', 'integer')
    .addColumn('delivered_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_deliveries_once', ['update_id', 'conversation_id'])
    .execute();

  await autoIncrementId(db.schema.createTable('announcements'), engine, 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('unavailable', 'text', (c) => c.notNull())
    .addColumn('texts', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('cancelled_by', 'text', (c) => c.references('agents.id'))
    .addColumn('cancelled_at', 'bigint')
    .execute();
  await db.schema.createIndex('announcements_ends').on('announcements').columns(['ends_at', 'id']).execute();
}
