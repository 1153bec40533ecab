import type { Kysely } from 'kysely';
import type { ConversationSummary } from '../../api/types.js';
import { selectSummaries, toSummary } from './conversations.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Database } from './tables.js';

const CUSTOMER_CONVERSATIONS = 'customer-conversations';

/** Every conversation of a customer across channels, newest first (the customer screen's timeline); keyset-paginated. */
export async function listCustomerConversations(db: Kysely<Database>, customerId: string, now: number, limit: number, cursor: string | undefined): Promise<{ data: ConversationSummary[]; nextCursor: string | null }> {
  let query = selectSummaries(db).where('conversations.customer_id', '=', customerId);
  if (cursor) {
    const [createdAt, id] = decodeCursor(CUSTOMER_CONVERSATIONS, cursor, ['number', 'number']) as [number, number];
    query = query.where((eb) => eb(eb.refTuple('conversations.created_at', 'conversations.id'), '<', eb.tuple(createdAt, id)));
  }
  const rows = await query.orderBy('conversations.created_at', 'desc').orderBy('conversations.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map((row) => toSummary(row, now)),
    nextCursor: rows.length > limit && last ? encodeCursor(CUSTOMER_CONVERSATIONS, [last.created_at, last.id]) : null,
  };
}
