import { sql, type Kysely } from 'kysely';
import type { ConversationSummary, IncidentAffects } from '../../api/types.js';
import { selectSummaries, toSummary } from './conversations.js';
import { REACHABLE_STATUSES, type IncidentRow } from './incidents.js';
import { containsPattern, lowerLike } from './like.js';
import type { Database } from './tables.js';

export interface Suggestion {
  conversation: ConversationSummary;
  reasons: string[];
}

/**
 * Conversations an incident probably caused: opened since it started, still being worked on, linked to
 * no incident, and matching its criteria: the category, a transaction of the customer since the start
 * failing for one of its reasons, with one of its counterparties or paid by one of its payment methods,
 * or a keyword in what the customer wrote. Channels narrow the others. Each criterion is its own indexed
 * query, capped at `limit`.
 */
export async function suggestConversations(db: Kysely<Database>, incident: IncidentRow, affects: IncidentAffects, limit: number, now: number): Promise<Suggestion[]> {
  const base = () => {
    let q = db
      .selectFrom('conversations')
      .select('conversations.id')
      .where('conversations.created_at', '>=', incident.started_at)
      .where('conversations.status', 'in', [...REACHABLE_STATUSES])
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('incident_links').select('incident_links.conversation_id').whereRef('incident_links.conversation_id', '=', 'conversations.id'))));
    if (affects.channels?.length) q = q.where('conversations.channel', 'in', affects.channels);
    return q;
  };
  const transactionsOfCustomer = () =>
    db
      .selectFrom('transactions')
      .innerJoin('wallet_accounts', 'wallet_accounts.id', 'transactions.account_id')
      .select('transactions.id')
      .where('wallet_accounts.customer_id', '=', sql.ref<string>('conversations.customer_id'))
      .where('transactions.created_at', '>=', incident.started_at);

  const queries: [string, Promise<{ id: number }[]>][] = [];
  if (affects.categories?.length) queries.push(['category', base().where('conversations.category', 'in', affects.categories).orderBy('conversations.id').limit(limit).execute()]);
  if (affects.failureReasons?.length) {
    const reasons = affects.failureReasons;
    queries.push(['failure_reason', base().where(({ exists }) => exists(transactionsOfCustomer().where('transactions.failure_reason', 'in', reasons))).orderBy('conversations.id').limit(limit).execute()]);
  }
  if (affects.paymentMethods?.length) {
    const methods = affects.paymentMethods;
    // Failed as the customer saw it: refused, or held with a failure the merchant's side reported.
    const failedBy = () => transactionsOfCustomer().where('transactions.payment_method', 'in', methods).where((eb) => eb.or([eb('transactions.status', '=', 'failed'), eb('transactions.failure_reason', 'is not', null)]));
    queries.push(['payment_method', base().where(({ exists }) => exists(failedBy())).orderBy('conversations.id').limit(limit).execute()]);
  }
  for (const counterparty of affects.counterparties ?? []) {
    const pattern = containsPattern(counterparty);
    queries.push(['counterparty', base().where(({ exists }) => exists(transactionsOfCustomer().where(lowerLike('transactions.counterparty', pattern)))).orderBy('conversations.id').limit(limit).execute()]);
  }
  for (const keyword of affects.keywords ?? []) {
    const pattern = containsPattern(keyword);
    queries.push([
      'keyword',
      base()
        .where(({ exists, selectFrom }) =>
          exists(selectFrom('messages').select('messages.id').whereRef('messages.conversation_id', '=', 'conversations.id').where('messages.author_type', '=', 'customer').where(lowerLike('messages.body', pattern))),
        )
        .orderBy('conversations.id')
        .limit(limit)
        .execute(),
    ]);
  }
  const reasons = new Map<number, Set<string>>();
  for (const [reason, rows] of await Promise.all(queries.map(async ([reason, rows]) => [reason, await rows] as const))) {
    for (const { id } of rows) (reasons.get(id) ?? reasons.set(id, new Set()).get(id)!).add(reason);
  }
  const ids = [...reasons.keys()].sort((a, b) => a - b).slice(0, limit);
  if (ids.length === 0) return [];
  const rows = await selectSummaries(db).where('conversations.id', 'in', ids).orderBy('conversations.id').execute();
  return rows.map((row) => ({ conversation: toSummary(row, now), reasons: [...reasons.get(row.id)!].sort() }));
}
