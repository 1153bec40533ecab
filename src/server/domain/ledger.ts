import type { Kysely } from 'kysely';
import type { Currency } from '../../api/currencies.js';
import { displayMoney } from '../../api/money.js';
import { OUTGOING_TRANSACTION_TYPES, type FailureReason, type TransactionStatus, type TransactionType } from '../../api/enums.js';
import { conflict, notFound, unprocessable } from '../http/problem.js';
import type { Engine } from '../store/engine.js';
import { newId } from '../store/ids.js';
import { forUpdate } from '../store/locking.js';
import type { Database, TransactionsTable, WalletAccountsTable } from '../store/tables.js';

/**
 * The ledger: the one place that posts transactions and moves balances. A balance is the running sum
 * of its transactions' effects and changes only together with the transaction that causes it, in the
 * caller's database transaction, under a lock on the wallet row. Nothing else writes
 * wallet_accounts.balance or transactions.refunded_amount.
 *
 * Rules: a closed wallet takes no postings at all; a frozen wallet sends nothing out (outgoing
 * postings are recorded as failed with account_frozen) but money still comes in, refunds included;
 * an outgoing posting above the balance fails with insufficient_balance.
 */

/**
 * How a transaction moves a wallet's balance. Money going out is held from the moment it is pending
 * (the customer sees it gone); failed transactions move nothing.
 */
export function balanceEffect(type: TransactionType, status: TransactionStatus, amount: number): number {
  if (status === 'failed') return 0;
  if (OUTGOING_TRANSACTION_TYPES.includes(type)) return -amount;
  return status === 'succeeded' ? amount : 0;
}

export interface Posting {
  accountId: string;
  type: TransactionType;
  amount: number;
  currency: Currency;
  counterparty: string;
  description: string;
}

export interface Posted {
  transaction: TransactionsTable;
  /** The wallet after the posting. */
  account: WalletAccountsTable;
  /** How much the balance moved (negative: out). */
  effect: number;
}

/** Reads a wallet and locks it until the transaction ends (PostgreSQL; SQLite writers serialise). */
export async function lockAccount(trx: Kysely<Database>, engine: Engine, accountId: string): Promise<WalletAccountsTable> {
  const account = await forUpdate(trx.selectFrom('wallet_accounts').selectAll().where('id', '=', accountId), engine).executeTakeFirst();
  if (!account) throw notFound(`account ${accountId}`);
  return account;
}

/** Why an outgoing posting is declined, or null when it may go out. */
function declineReason(account: WalletAccountsTable, type: TransactionType, amount: number): FailureReason | null {
  if (!OUTGOING_TRANSACTION_TYPES.includes(type)) return null;
  if (account.status === 'frozen') return 'account_frozen';
  if (amount > account.balance) return 'insufficient_balance';
  return null;
}

/**
 * Posts one transaction and moves the balance by its effect. Declined outgoing postings are
 * recorded as failed (the customer's history shows the attempt) and move nothing.
 */
export async function postTransaction(trx: Kysely<Database>, engine: Engine, posting: Posting, now: number): Promise<Posted> {
  const account = await lockAccount(trx, engine, posting.accountId);
  if (account.currency !== posting.currency) {
    throw unprocessable('currency_mismatch', `account ${account.id} holds ${account.currency}, not ${posting.currency}; amounts are minor units of the account's currency`);
  }
  if (account.status === 'closed') {
    throw conflict('account_closed', `account ${account.id} is closed; a closed wallet takes no transactions`);
  }
  const failure = declineReason(account, posting.type, posting.amount);
  const transaction: TransactionsTable = {
    id: newId('txn'),
    account_id: account.id,
    type: posting.type,
    status: failure ? 'failed' : 'succeeded',
    amount: posting.amount,
    currency: account.currency,
    refunded_amount: 0,
    failure_reason: failure,
    counterparty: posting.counterparty,
    description: posting.description,
    foreign_amount: null,
    foreign_currency: null,
    exchange_rate: null,
    created_at: now,
  };
  await trx.insertInto('transactions').values(transaction).execute();
  const effect = balanceEffect(posting.type, transaction.status as TransactionStatus, posting.amount);
  if (effect !== 0) {
    await trx
      .updateTable('wallet_accounts')
      .set((eb) => ({ balance: eb('balance', '+', effect), updated_at: now }))
      .where('id', '=', account.id)
      .execute();
  }
  return { transaction, account: { ...account, balance: account.balance + effect, updated_at: effect !== 0 ? now : account.updated_at }, effect };
}

/**
 * Credits a refund of `payment` to its wallet and counts it on the payment. The caller holds the
 * payment row's lock and has checked that `amount` fits in what is left to refund.
 */
export async function postRefund(trx: Kysely<Database>, engine: Engine, payment: TransactionsTable, amount: number, now: number): Promise<Posted> {
  if (payment.refunded_amount + amount > payment.amount) {
    // The refund rules above prevent this; the ledger refuses it all the same.
    throw conflict('refund_exceeds_refundable', `refunding ${displayMoney({ amount, currency: payment.currency as Currency })} would exceed payment ${payment.id}`);
  }
  const posted = await postTransaction(
    trx,
    engine,
    {
      accountId: payment.account_id,
      type: 'refund',
      amount,
      currency: payment.currency as Currency,
      counterparty: payment.counterparty,
      description: `Refund of ${payment.id}`,
    },
    now,
  );
  await trx
    .updateTable('transactions')
    .set((eb) => ({ refunded_amount: eb('refunded_amount', '+', amount) }))
    .where('id', '=', payment.id)
    .execute();
  return posted;
}
