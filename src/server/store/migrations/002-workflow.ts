import { sql, type Kysely } from 'kysely';
import { CATEGORIES, CHANNELS, PRIORITIES } from '../../../api/enums.js';
import { DEFAULT_SLA } from '../sla-clocks.js';
import type { Engine } from '../engine.js';
import { autoIncrementId } from '../engine.js';

/**
 * The agent's workflow: routing (channels, categories, capacity, teams), SLA policies and clocks that
 * pause, breaches, response times, presence, and conversations opened by channels.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  // SQLite adds one column per ALTER TABLE.
  const addColumn = (table: string, column: string, type: 'text' | 'bigint' | 'integer', notNullDefault?: string | number) =>
    db.schema
      .alterTable(table)
      .addColumn(column, type, (c) => (notNullDefault === undefined ? c : c.notNull().defaultTo(notNullDefault)))
      .execute();

  await addColumn('agents', 'channels', 'text', JSON.stringify(CHANNELS));
  await addColumn('agents', 'categories', 'text', JSON.stringify(CATEGORIES));
  await addColumn('agents', 'capacity', 'integer', 5);

  await addColumn('conversations', 'team', 'text');
  await addColumn('conversations', 'external_id', 'text');
  // When each clock started; moved forward by the time it spent paused, so that due − started is its window.
  await addColumn('conversations', 'first_response_started_at', 'bigint');
  await addColumn('conversations', 'next_response_started_at', 'bigint');
  await addColumn('conversations', 'resolution_started_at', 'bigint');
  // Set while the response clocks (pending, snoozed, resolved) or the resolution clock (snoozed, resolved) are paused.
  await addColumn('conversations', 'response_paused_at', 'bigint');
  await addColumn('conversations', 'resolution_paused_at', 'bigint');
  await db.schema.createIndex('conversations_external_id').unique().on('conversations').column('external_id').execute();
  // Claim-next reads the waiting conversations in queue order; without this index it would step over
  // every assigned one first, and claims would slow down as the desk works through the queue.
  // (Not a partial index: SQLite cannot match one against bound parameters.)
  await db.schema
    .createIndex('conversations_claimable')
    .on('conversations')
    .columns(['status', 'assignee_id', 'due_at', 'priority_rank', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('conversations_snoozed').on('conversations').columns(['status', 'snoozed_until']).execute();

  // Existing conversations: clocks started at creation; the next-response clock one target before its due time.
  await sql`update conversations set first_response_started_at = created_at where first_response_due_at is not null`.execute(db);
  await sql`update conversations set resolution_started_at = created_at where resolution_due_at is not null`.execute(db);
  for (const priority of PRIORITIES) {
    await sql`update conversations set next_response_started_at = next_response_due_at - ${DEFAULT_SLA[priority].nextResponseMs}
      where next_response_due_at is not null and priority = ${priority}`.execute(db);
  }
  await sql`update conversations set response_paused_at = updated_at where status in ('pending', 'snoozed', 'resolved')`.execute(db);
  await sql`update conversations set resolution_paused_at = updated_at where status in ('snoozed', 'resolved')`.execute(db);

  await db.schema
    .createTable('sla_policies')
    .addColumn('priority', 'text', (c) => c.primaryKey())
    .addColumn('first_response_ms', 'bigint', (c) => c.notNull())
    .addColumn('next_response_ms', 'bigint', (c) => c.notNull())
    .addColumn('resolution_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('agents.id'))
    .execute();
  const now = Date.now();
  await db
    .insertInto('sla_policies' as never)
    .values(
      PRIORITIES.map((priority) => ({
        priority,
        first_response_ms: DEFAULT_SLA[priority].firstResponseMs,
        next_response_ms: DEFAULT_SLA[priority].nextResponseMs,
        resolution_ms: DEFAULT_SLA[priority].resolutionMs,
        updated_at: now,
        updated_by: null,
      })) as never,
    )
    .execute();

  // One row per clock that passed its due time: the sweeper announces each breach once, on any instance.
  await autoIncrementId(db.schema.createTable('sla_breaches'), engine, 'bigint')
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id'))
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('detected_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('sla_breaches_once', ['conversation_id', 'clock', 'due_at'])
    .execute();

  await autoIncrementId(db.schema.createTable('response_times'), engine, 'bigint')
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id'))
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('responded_at', 'bigint', (c) => c.notNull())
    .addColumn('duration_ms', 'bigint', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.references('agents.id'))
    .addColumn('message_id', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('response_times_conversation').on('response_times').columns(['conversation_id', 'id']).execute();

  // Who is viewing or typing where; in the database so that every server instance sees the same.
  await db.schema
    .createTable('presence')
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('since', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('presence_pk', ['conversation_id', 'agent_id'])
    .execute();
  await db.schema.createIndex('presence_expiry').on('presence').column('expires_at').execute();
}
