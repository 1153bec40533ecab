import type { Kysely } from 'kysely';
import type { Category, FailureReason } from '../../api/enums.js';
import type { Database } from './tables.js';

/** Conversations whose replies teach suggestions: the customer's problem was answered and settled. */
export const SETTLED_STATUSES = ['resolved', 'closed'] as const;

/** How many of the customer's first messages stand for the question a reply answered. */
const QUESTION_MESSAGES = 3;
const QUESTION_CHARS = 600;

export interface StoredReply {
  messageId: number;
  conversationId: number;
  category: Category;
  question: string;
  body: string;
}

/** The customer's first words in each conversation, joined: the question its replies answered. */
async function questionsOf(db: Kysely<Database>, conversationIds: readonly number[]): Promise<Map<number, string>> {
  const questions = new Map<number, string[]>();
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('messages')
    .select(['conversation_id', 'body'])
    .where('conversation_id', 'in', conversationIds)
    .where('author_type', '=', 'customer')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = questions.get(row.conversation_id) ?? [];
    if (list.length < QUESTION_MESSAGES) list.push(row.body);
    questions.set(row.conversation_id, list);
  }
  return new Map([...questions].map(([id, list]) => [id, list.join('\n').slice(0, QUESTION_CHARS)]));
}

function repliesQuery(db: Kysely<Database>) {
  return db
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .select(['messages.id as id', 'messages.conversation_id as conversation_id', 'messages.body as body', 'conversations.category as category'])
    .where('messages.kind', '=', 'reply')
    .where('messages.author_type', '=', 'agent')
    .where('conversations.status', 'in', SETTLED_STATUSES);
}

async function withQuestions(db: Kysely<Database>, rows: { id: number; conversation_id: number; body: string; category: string }[]): Promise<StoredReply[]> {
  const questions = await questionsOf(db, [...new Set(rows.map((r) => r.conversation_id))]);
  return rows.map((r) => ({ messageId: r.id, conversationId: r.conversation_id, category: r.category as Category, question: questions.get(r.conversation_id) ?? '', body: r.body }));
}

/** Agents' public replies on settled conversations with ids above `afterId`, in id order, a page at a time. */
export async function settledRepliesAfter(db: Kysely<Database>, afterId: number, limit: number): Promise<StoredReply[]> {
  const rows = await repliesQuery(db).where('messages.id', '>', afterId).orderBy('messages.id').limit(limit).execute();
  return withQuestions(db, rows);
}

/** One conversation's replies if it is settled now; none otherwise. */
export async function settledRepliesOf(db: Kysely<Database>, conversationId: number): Promise<StoredReply[]> {
  const rows = await repliesQuery(db).where('messages.conversation_id', '=', conversationId).orderBy('messages.id').execute();
  return withQuestions(db, rows);
}

/** The bodies of the messages of a conversation from the customer since an agent last replied (else the last few). */
export async function latestCustomerWords(db: Kysely<Database>, conversationId: number): Promise<string[]> {
  const recent = await db
    .selectFrom('messages')
    .select(['author_type', 'kind', 'body'])
    .where('conversation_id', '=', conversationId)
    .where('kind', '=', 'reply')
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  const words: string[] = [];
  for (const message of recent) {
    if (message.author_type !== 'customer') {
      if (words.length > 0) break;
      continue;
    }
    words.push(message.body);
    if (words.length >= QUESTION_MESSAGES) break;
  }
  return words.reverse();
}

/** Why the customer's transactions failed since `since`, most recent first, each cause once. */
export async function recentFailures(db: Kysely<Database>, customerId: string, since: number): Promise<FailureReason[]> {
  const rows = await db
    .selectFrom('transactions')
    .innerJoin('wallet_accounts', 'wallet_accounts.id', 'transactions.account_id')
    .select('transactions.failure_reason')
    .where('wallet_accounts.customer_id', '=', customerId)
    .where('transactions.status', '=', 'failed')
    .where('transactions.created_at', '>=', since)
    .orderBy('transactions.created_at', 'desc')
    .limit(20)
    .execute();
  return [...new Set(rows.flatMap((r) => (r.failure_reason ? [r.failure_reason as FailureReason] : [])))];
}
