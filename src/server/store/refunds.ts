import type { Kysely } from 'kysely';
import type { Currency } from '../../api/currencies.js';
import type { ApprovalReason, RefundReason, RefundStatus } from '../../api/enums.js';
import type { Refund, RefundableTransaction } from '../../api/types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Database, TransactionsTable } from './tables.js';
import { iso, isoOrNull } from './time.js';
import { toTransaction } from './wallets.js';

export function selectRefunds(db: Kysely<Database>) {
  return db
    .selectFrom('refunds')
    .innerJoin('agents as requester', 'requester.id', 'refunds.requested_by')
    .leftJoin('agents as decider', 'decider.id', 'refunds.decided_by')
    .selectAll('refunds')
    .select(['requester.name as requester_name', 'decider.name as decider_name']);
}

type RefundRow = Awaited<ReturnType<ReturnType<typeof selectRefunds>['executeTakeFirstOrThrow']>>;

export function toRefund(row: RefundRow): Refund {
  const currency = row.currency as Currency;
  return {
    id: row.id,
    transactionId: row.transaction_id,
    accountId: row.account_id,
    customerId: row.customer_id,
    amount: { amount: row.amount, currency },
    reason: row.reason as RefundReason,
    note: row.note,
    status: row.status as RefundStatus,
    approvalReason: row.approval_reason as ApprovalReason | null,
    requestedBy: { id: row.requested_by, name: row.requester_name },
    decidedBy: row.decided_by ? { id: row.decided_by, name: row.decider_name ?? row.decided_by } : null,
    decidedAt: isoOrNull(row.decided_at),
    decisionNote: row.decision_note,
    refundTransactionId: row.refund_transaction_id,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export async function findRefund(db: Kysely<Database>, id: string): Promise<Refund | undefined> {
  const row = await selectRefunds(db).where('refunds.id', '=', id).executeTakeFirst();
  return row ? toRefund(row) : undefined;
}

export async function findRefundsOfTransaction(db: Kysely<Database>, transactionId: string): Promise<Refund[]> {
  const rows = await selectRefunds(db).where('refunds.transaction_id', '=', transactionId).orderBy('refunds.created_at', 'desc').orderBy('refunds.id', 'desc').execute();
  return rows.map(toRefund);
}

/** Sums of refunds awaiting approval per payment: money they hold back from new refunds. */
export async function pendingRefundSums(db: Kysely<Database>, transactionIds: string[], exceptRefundId?: string): Promise<Map<string, number>> {
  if (transactionIds.length === 0) return new Map();
  let query = db
    .selectFrom('refunds')
    .select(['transaction_id', (eb) => eb.fn.sum<number | string>('amount').as('pending')])
    .where('transaction_id', 'in', transactionIds)
    .where('status', '=', 'pending_approval');
  if (exceptRefundId) query = query.where('id', '!=', exceptRefundId);
  const rows = await query.groupBy('transaction_id').execute();
  // SUM comes back as a string from PostgreSQL (numeric) and a number from SQLite.
  return new Map(rows.map((r) => [r.transaction_id, Number(r.pending)]));
}

/** What a new refund of this transaction may take: only succeeded payments have anything. */
export function refundableAmount(txn: TransactionsTable, pending: number): number {
  if (txn.type !== 'payment' || txn.status !== 'succeeded') return 0;
  return Math.max(0, txn.amount - txn.refunded_amount - pending);
}

export function toRefundableTransaction(txn: TransactionsTable, pending: number): RefundableTransaction {
  const currency = txn.currency as Currency;
  return {
    ...toTransaction(txn),
    refundable: { amount: refundableAmount(txn, pending), currency },
    refundPending: { amount: pending, currency },
  };
}

export async function withRefundable(db: Kysely<Database>, rows: TransactionsTable[]): Promise<RefundableTransaction[]> {
  const pending = await pendingRefundSums(
    db,
    rows.filter((r) => r.type === 'payment').map((r) => r.id),
  );
  return rows.map((r) => toRefundableTransaction(r, pending.get(r.id) ?? 0));
}

export interface RefundFilter {
  status?: RefundStatus | undefined;
  /** Awaiting approval and not requested by this agent. */
  approvableBy?: string | undefined;
  transactionId?: string | undefined;
  accountId?: string | undefined;
  customerId?: string | undefined;
  requestedBy?: string | undefined;
}

const REFUND_LIST = 'refunds';

/** Refunds newest first, keyset-paginated on (created_at, id). */
export async function listRefunds(db: Kysely<Database>, filter: RefundFilter, limit: number, cursor: string | undefined) {
  let query = selectRefunds(db);
  if (filter.status) query = query.where('refunds.status', '=', filter.status);
  if (filter.approvableBy) query = query.where('refunds.status', '=', 'pending_approval').where('refunds.requested_by', '!=', filter.approvableBy);
  if (filter.transactionId) query = query.where('refunds.transaction_id', '=', filter.transactionId);
  if (filter.accountId) query = query.where('refunds.account_id', '=', filter.accountId);
  if (filter.customerId) query = query.where('refunds.customer_id', '=', filter.customerId);
  if (filter.requestedBy) query = query.where('refunds.requested_by', '=', filter.requestedBy);
  if (cursor) {
    const [createdAt, id] = decodeCursor(REFUND_LIST, cursor, ['number', 'string']) as [number, string];
    query = query.where((eb) => eb(eb.refTuple('refunds.created_at', 'refunds.id'), '<', eb.tuple(createdAt, id)));
  }
  const rows = await query.orderBy('refunds.created_at', 'desc').orderBy('refunds.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(toRefund),
    nextCursor: rows.length > limit && last ? encodeCursor(REFUND_LIST, [last.created_at, last.id]) : null,
  };
}
