import type { Kysely } from 'kysely';
import type { AuthorType, MessageKind } from '../../api/enums.js';
import type { Message } from '../../api/types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Database, MessagesTable } from './tables.js';
import { iso } from './time.js';

type MessageRow = Omit<MessagesTable, 'id'> & { id: number };

export function toMessage(row: MessageRow): Message {
  return {
    id: Number(row.id),
    conversationId: row.conversation_id,
    clientMessageId: row.client_message_id,
    kind: row.kind as MessageKind,
    author: { type: row.author_type as AuthorType, id: row.author_id, name: row.author_name },
    body: row.body,
    createdAt: iso(row.created_at),
  };
}

const HISTORY_LIST = 'messages';

/**
 * One page of a conversation's history going back in time: the newest `limit` messages older than the
 * cursor, returned oldest first so that pages concatenate in reading order.
 */
export async function listMessages(db: Kysely<Database>, conversationId: number, limit: number, cursor?: string) {
  let query = db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId);
  if (cursor) {
    const [beforeId] = decodeCursor(HISTORY_LIST, cursor, ['number']) as number[];
    query = query.where('id', '<', beforeId!);
  }
  const rows = (await query.orderBy('id', 'desc').limit(limit + 1).execute()) as MessageRow[];
  const page = rows.slice(0, limit).reverse();
  const oldest = page[0];
  return {
    messages: page.map(toMessage),
    olderCursor: rows.length > limit && oldest ? encodeCursor(HISTORY_LIST, [Number(oldest.id)]) : null,
  };
}

export async function findMessageByClientId(db: Kysely<Database>, conversationId: number, clientMessageId: string) {
  return (await db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst()) as MessageRow | undefined;
}

export async function insertMessage(db: Kysely<Database>, values: Omit<MessageRow, 'id'>): Promise<MessageRow> {
  return (await db.insertInto('messages').values(values).returningAll().executeTakeFirstOrThrow()) as MessageRow;
}
