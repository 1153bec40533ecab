import type { Kysely } from 'kysely';

/**
 * The queue's order as an index (due time, priority, age, id), whatever the status: a page of the queue
 * is read in order and stops at its end, instead of sorting every open conversation per request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('conversations_queue_order').on('conversations').columns(['due_at', 'priority_rank', 'created_at', 'id']).execute();
}
