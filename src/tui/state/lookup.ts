import { displayMoney } from '../../api/money.js';
import type { SearchKey, SearchKind, SearchResult } from '../../api/types.js';

/** The server's minimum: a shorter query is not sent. */
export const LOOKUP_MIN_CHARS = 2;

/** What the lookup shows for the query typed: nothing yet, "type more", the request under way, its answer or why it failed. */
export type LookupAnswer =
  | { status: 'empty' }
  | { status: 'short' }
  /** No rows meanwhile: the answer to an earlier query is never on screen under a newer one. */
  | { status: 'loading' }
  | { status: 'ready'; data: SearchResult }
  | { status: 'error'; error: string; retryAfterSeconds?: number };

export interface LookupOverlay {
  kind: 'lookup';
  query: string;
  selected: number;
  /** The answer shown: always for `query` (a stale answer is never stored). */
  answer: LookupAnswer;
}

/** One line of the result list that Enter can act on. */
export type LookupRow =
  /** `through`: found as the customer of another hit (#123, a transaction id), not by what was typed. */
  | { kind: 'customers'; customerId: string; label: string; through: boolean }
  | { kind: 'conversations' | 'messages'; conversationId: number; customerId: string; label: string }
  | { kind: 'transactions' | 'refunds' | 'complaints'; customerId: string; label: string };

export const LOOKUP_GROUP_TITLES: Record<SearchKind, string> = {
  customers: 'Customers',
  conversations: 'Conversations',
  transactions: 'Transactions',
  refunds: 'Refunds',
  complaints: 'Complaints',
  messages: 'Conversations mentioning it',
};

/** Keys that find a customer through another hit: the hit itself is what was asked for. */
const THROUGH: ReadonlySet<SearchKey> = new Set(['conversation_number', 'wallet_id', 'transaction_id', 'refund_id', 'complaint_number']);

/** The answer's results as groups of selectable rows, in the order the kinds are listed. Labels are raw: the view sanitises. */
export function lookupGroups(result: SearchResult): { kind: SearchKind; rows: LookupRow[] }[] {
  const groups: { kind: SearchKind; rows: LookupRow[] }[] = [
    { kind: 'customers', rows: result.customers.map((c) => ({ kind: 'customers', customerId: c.id, label: `${c.name}  ${c.phone ?? '-'}  ${c.email ?? '-'}  ${c.id}`, through: THROUGH.has(c.matched) })) },
    {
      kind: 'conversations',
      rows: result.conversations.map((c) => ({ kind: 'conversations', conversationId: c.id, customerId: c.customerId, label: `#${c.id} ${c.subject}  ${c.customerName}  ${c.channel} ${c.status}` })),
    },
    {
      kind: 'transactions',
      rows: result.transactions.map((t) => ({ kind: 'transactions', customerId: t.customerId, label: `${t.id}  ${t.type} ${t.status}  ${displayMoney(t.amount)}  ${t.counterparty}` })),
    },
    { kind: 'refunds', rows: result.refunds.map((r) => ({ kind: 'refunds', customerId: r.customerId, label: `${r.id}  ${r.status}  ${displayMoney(r.amount)}  of ${r.transactionId}` })) },
    { kind: 'complaints', rows: result.complaints.map((c) => ({ kind: 'complaints', customerId: c.customerId, label: `${c.number}  ${c.status}  ${c.summary}` })) },
    {
      kind: 'messages',
      rows: result.messages.map((m) => ({ kind: 'messages', conversationId: m.conversationId, customerId: m.customerId, label: `#${m.conversationId} ${m.subject}  ${m.customerName}: ${m.excerpt}` })),
    },
  ];
  return groups.filter((g) => g.rows.length > 0);
}

export function lookupRows(result: SearchResult | undefined): LookupRow[] {
  return result ? lookupGroups(result).flatMap((g) => g.rows) : [];
}

export const shownResult = (answer: LookupAnswer): SearchResult | undefined => (answer.status === 'ready' ? answer.data : undefined);

/** The row Enter acts on first: what was typed found (#123 opens the conversation), not the customer found through it. */
export function firstChoice(result: SearchResult): number {
  const rows = lookupRows(result);
  const direct = rows.findIndex((r) => r.kind !== 'customers' || !r.through);
  return Math.max(0, direct);
}
