import type { Kysely } from 'kysely';
import { PRIORITIES, CHANNELS, CATEGORIES } from '../../src/api/enums.js';
import type { Database } from '../../src/server/store/tables.js';

/**
 * Adds `count` open conversations, one customer message each, in a few large inserts: the 10,000-row
 * queue the workspace must stay fast with. Due times spread over the next hours.
 */
export async function addConversations(db: Kysely<Database>, count: number, now: number): Promise<void> {
  const customers = (await db.selectFrom('customers').select(['id', 'name']).execute());
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < count; start += 500) {
      const rows = Array.from({ length: Math.min(500, count - start) }, (_, k) => {
        const i = start + k;
        const priority = PRIORITIES[i % PRIORITIES.length]!;
        const due = now + ((i * 7919) % 36_000) * 1000;
        return {
          customer_id: customers[i % customers.length]!.id,
          subject: `Bulk conversation ${i} 批量 ${i % 3 === 0 ? '🙏' : ''}`,
          status: 'open',
          priority,
          priority_rank: PRIORITIES.indexOf(priority),
          channel: CHANNELS[i % CHANNELS.length]!,
          category: CATEGORIES[i % CATEGORIES.length]!,
          tags: '[]',
          assignee_id: null,
          first_response_due_at: due,
          next_response_due_at: null,
          resolution_due_at: due + 3_600_000,
          due_at: due,
          first_responded_at: null,
          resolved_at: null,
          snoozed_until: null,
          message_count: 0,
          last_message_preview: `message ${i}`,
          last_message_at: now - i,
          created_at: now - i,
          updated_at: now - i,
        };
      });
      await trx.insertInto('conversations').values(rows).execute();
    }
  });
}
