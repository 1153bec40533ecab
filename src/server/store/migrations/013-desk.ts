import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { autoIncrementId } from '../engine.js';

/**
 * What the supervisor board (GET /v1/desk) reads without scanning a large desk:
 * - `agents.availability_since`: when the availability last changed (time in state);
 * - `desk_resolutions`: one row per resolve, kept up to date by the resolve and reopen paths (an
 *   incremental record: `conversations.resolved_at` is cleared by a reopen, so it cannot say how many
 *   resolutions a day had, nor which were reopened). Backfilled from the conversations resolved now;
 * - indexes, each serving one figure: the waiting queue grouped by team, priority, channel and
 *   category, and agents' loads (covering, status first); the longest waiting; per clock, the past-due
 *   ones and those in the last 20 % of their window (an expression index, covering); conversations created per 15 minutes; responses stopped today; agents'
 *   replies in the last hour.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema.alterTable('agents').addColumn('availability_since', 'bigint').execute();

  await autoIncrementId(db.schema.createTable('desk_resolutions'), engine, 'bigint')
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id'))
    .addColumn('resolved_at', 'bigint', (c) => c.notNull())
    /** The resolution clock's due time when it stopped; null when none ran. */
    .addColumn('due_at', 'bigint')
    .addColumn('reopened_at', 'bigint')
    .execute();
  await db.schema.createIndex('desk_resolutions_time').on('desk_resolutions').columns(['resolved_at', 'due_at', 'reopened_at']).execute();
  await db.schema.createIndex('desk_resolutions_open').on('desk_resolutions').columns(['conversation_id', 'reopened_at']).execute();
  await sql`insert into desk_resolutions (conversation_id, resolved_at, due_at)
    select id, resolved_at, resolution_due_at from conversations where resolved_at is not null`.execute(db);

  await db.schema
    .createIndex('conversations_desk_queue')
    .on('conversations')
    .columns(['status', 'assignee_id', 'team', 'priority', 'channel', 'category', 'created_at', 'id'])
    .execute();
  // The waiting queue alone (partial): its oldest first, and its groups read from the index only.
  await sql`create index conversations_desk_waiting on conversations (created_at, id, team, priority, channel, category)
    where status = 'open' and assignee_id is null`.execute(db);
  // Per clock: past due is a range on the due time; "in the last 20 % of the window" is
  // 5 × (due − now) ≤ due − started, that is 4 × due + started ≤ 5 × now: a range on that expression.
  for (const clock of ['first_response', 'next_response', 'resolution']) {
    const due = `${clock}_due_at`;
    const started = `${clock}_started_at`;
    await db.schema.createIndex(`conversations_desk_${clock}_due`).on('conversations').columns(['status', due]).execute();
    await sql.raw(`create index conversations_desk_${clock}_risk on conversations (status, (4 * ${due} + ${started}), ${due}, ${started})`).execute(db);
  }
  await db.schema.createIndex('conversations_created').on('conversations').column('created_at').execute();
  await db.schema.createIndex('response_times_responded').on('response_times').columns(['responded_at', 'clock', 'duration_ms', 'due_at']).execute();
  await db.schema.createIndex('messages_desk_replies').on('messages').columns(['created_at', 'author_type', 'kind', 'author_id']).execute();
}
