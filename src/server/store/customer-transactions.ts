import type { Kysely } from 'kysely';
import type { RefundableTransactionPage } from '../../api/types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { withRefundable } from './refunds.js';
import type { Database } from './tables.js';

const CUSTOMER_TRANSACTIONS = 'customer-transactions';

/**
 * A customer's transactions across their wallets, newest first, keyset-paginated on (created_at, id).
 * `refundable`: only succeeded payments with something not yet refunded, the candidates for a refund;
 * `status`, `type`, `since` (epoch ms): only those.
 */
export async function listCustomerTransactions(
  db: Kysely<Database>,
  customerId: string,
  options: { refundable?: boolean | undefined; status?: string | undefined; type?: string | undefined; since?: number | undefined; limit: number; cursor: string | undefined },
): Promise<RefundableTransactionPage> {
  let query = db
    .selectFrom('transactions')
    .innerJoin('wallet_accounts', 'wallet_accounts.id', 'transactions.account_id')
    .selectAll('transactions')
    .where('wallet_accounts.customer_id', '=', customerId);
  if (options.refundable) {
    query = query
      .where('transactions.type', '=', 'payment')
      .where('transactions.status', '=', 'succeeded')
      .where((eb) => eb('transactions.amount', '>', eb.ref('transactions.refunded_amount')));
  }
  if (options.status) query = query.where('transactions.status', '=', options.status);
  if (options.type) query = query.where('transactions.type', '=', options.type);
  if (options.since !== undefined) query = query.where('transactions.created_at', '>=', options.since);
  if (options.cursor) {
    const [createdAt, id] = decodeCursor(CUSTOMER_TRANSACTIONS, options.cursor, ['number', 'string']) as [number, string];
    query = query.where((eb) => eb(eb.refTuple('transactions.created_at', 'transactions.id'), '<', eb.tuple(createdAt, id)));
  }
  const rows = await query.orderBy('transactions.created_at', 'desc').orderBy('transactions.id', 'desc').limit(options.limit + 1).execute();
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    data: await withRefundable(db, page),
    nextCursor: rows.length > options.limit && last ? encodeCursor(CUSTOMER_TRANSACTIONS, [last.created_at, last.id]) : null,
  };
}
