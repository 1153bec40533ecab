import { sql, type Kysely } from 'kysely';
import type { Engine } from './engine.js';
import type { Database } from './tables.js';
import './lookup-tables.js';

/**
 * The reads of one lookup (domain/lookup.ts), each an index hit: exact keys on their own indexes;
 * name fragments and message text through each engine's text search (migration 010-lookup).
 */
export interface CustomerRow {
  id: string;
  name: string;
  phone: string | null;
  phone_e164: string | null;
  email: string | null;
  language: string;
  kyc_level: string;
}

const CUSTOMER_COLUMNS = ['customers.id', 'customers.name', 'customers.phone', 'customers.phone_e164', 'customers.email', 'customers.language', 'customers.kyc_level'] as const;

export function customersByPhone(db: Kysely<Database>, e164: string, limit: number): Promise<CustomerRow[]> {
  return db.selectFrom('customers').select(CUSTOMER_COLUMNS).where('phone_e164', '=', e164).orderBy('id').limit(limit).execute();
}

export function customersByEmail(db: Kysely<Database>, email: string, limit: number): Promise<CustomerRow[]> {
  return db
    .selectFrom('customers')
    .select(CUSTOMER_COLUMNS)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function customersByIds(db: Kysely<Database>, ids: readonly string[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('customers').select(CUSTOMER_COLUMNS).where('id', 'in', [...new Set(ids)]).execute();
}

export async function customerOfWallet(db: Kysely<Database>, walletId: string): Promise<string | undefined> {
  return (await db.selectFrom('wallet_accounts').select('customer_id').where('id', '=', walletId).executeTakeFirst())?.customer_id;
}

export function transactionById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('transactions')
    .innerJoin('wallet_accounts', 'wallet_accounts.id', 'transactions.account_id')
    .select(['transactions.id', 'transactions.account_id', 'wallet_accounts.customer_id', 'transactions.type', 'transactions.status', 'transactions.amount', 'transactions.currency', 'transactions.counterparty', 'transactions.created_at'])
    .where('transactions.id', '=', id)
    .executeTakeFirst();
}

export function refundById(db: Kysely<Database>, id: string) {
  return db.selectFrom('refunds').select(['id', 'transaction_id', 'customer_id', 'amount', 'currency', 'status', 'created_at']).where('id', '=', id).executeTakeFirst();
}

export function complaintByNumber(db: Kysely<Database>, number: string) {
  return db.selectFrom('complaints').select(['number', 'conversation_id', 'customer_id', 'status', 'summary', 'reply_by_at']).where('number', '=', number).executeTakeFirst();
}

export function conversationById(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('conversations')
    .innerJoin('customers', 'customers.id', 'conversations.customer_id')
    .select(['conversations.id', 'conversations.subject', 'conversations.status', 'conversations.channel', 'conversations.customer_id', 'customers.name as customer_name', 'conversations.last_message_at'])
    .where('conversations.id', '=', id)
    .executeTakeFirst();
}

/** The largest code point: `prefix + MAX` sorts after every string starting with `prefix` (binary order). */
const AFTER_PREFIX = '\u{10FFFF}';

/**
 * Customers whose name holds `fragment`, ranked: the whole name first, then names starting with it,
 * then names containing it (each group a bounded index read, so a common fragment stays fast on a
 * large desk). Case-insensitive; any script.
 */
export async function customersByName(db: Kysely<Database>, engine: Engine, fragment: string, limit: number): Promise<CustomerRow[]> {
  const lower = fragment.toLowerCase();
  const found = new Map<string, CustomerRow>();
  const add = (rows: CustomerRow[]) => {
    for (const row of rows) if (found.size < limit && !found.has(row.id)) found.set(row.id, row);
  };
  add(await db.selectFrom('customers').select(CUSTOMER_COLUMNS).where(sql<string>`lower(name)`, '=', lower).orderBy('id').limit(limit).execute());
  if (found.size >= limit) return [...found.values()];
  const prefix =
    engine === 'postgres'
      ? sql<boolean>`lower(name) like ${escapeLike(lower) + '%'} escape '\\'`
      : sql<boolean>`lower(name) >= ${lower} and lower(name) < ${lower + AFTER_PREFIX}`;
  // SQLite reads the range in name order from the index; PostgreSQL's pattern index has no useful order, and
  // sorting every match of a common prefix would cost more than the ranking is worth.
  const starting = db.selectFrom('customers').select(CUSTOMER_COLUMNS).where(prefix).limit(limit);
  add(await (engine === 'sqlite' ? starting.orderBy(sql`lower(name)`) : starting).execute());
  if (found.size >= limit) return [...found.values()];
  // Under 3 characters, a trigram still finds a word starting with it when the space before is part of
  // the trigram: "Ng" finds "Kevin Ng". (Chinese names have no spaces: 2 characters find their start only.)
  const pattern = [...fragment].length < 3 ? ` ${fragment}` : fragment;
  if ([...pattern].length < 3) return [...found.values()];
  if (engine === 'sqlite') {
    const candidates = sql<boolean>`customers.rowid in (select rowid from customer_names where customer_names match ${ftsPhrase(pattern)} limit ${limit * 2})`;
    add(await db.selectFrom('customers').select(CUSTOMER_COLUMNS).where(candidates).execute());
  } else {
    add(await db.selectFrom('customers').select(CUSTOMER_COLUMNS).where(sql<boolean>`name ilike ${'%' + escapeLike(pattern) + '%'} escape '\\'`).limit(limit * 2).execute());
  }
  return [...found.values()];
}

export interface MessageMatchRow {
  message_id: number;
  conversation_id: number;
  body: string;
  created_at: number;
  subject: string;
  customer_id: string;
  customer_name: string;
}

/** Conversations mentioning `text` (3 characters or more), the latest matching message of each, newest first. */
export async function conversationsMentioning(db: Kysely<Database>, engine: Engine, text: string, limit: number): Promise<MessageMatchRow[]> {
  const matches =
    engine === 'sqlite'
      ? sql<boolean>`messages.id in (select rowid from message_text where message_text match ${ftsPhrase(text)} order by rowid desc limit ${limit * 5})`
      : sql<boolean>`messages.body ilike ${'%' + escapeLike(text) + '%'} escape '\\'`;
  const rows = await db
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .innerJoin('customers', 'customers.id', 'conversations.customer_id')
    .select(['messages.id as message_id', 'messages.conversation_id', 'messages.body', 'messages.created_at', 'conversations.subject', 'conversations.customer_id', 'customers.name as customer_name'])
    .where(matches)
    .orderBy('messages.id', 'desc')
    .limit(limit * 5)
    .execute();
  const latest = new Map<number, MessageMatchRow>();
  for (const row of rows) if (!latest.has(row.conversation_id) && latest.size < limit) latest.set(row.conversation_id, row);
  return [...latest.values()];
}

/** An FTS5 phrase: the text taken literally (its double quotes doubled), matched as a substring by the trigram tokenizer. */
function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
