import { sql, type Kysely } from 'kysely';
import type { Currency } from '../../api/currencies.js';
import { displayMoney, MAX_MINOR_UNITS } from '../../api/money.js';
import { OUTGOING_TRANSACTION_TYPES, type FailureReason, type PaymentMethod, type TransactionStatus, type TransactionType } from '../../api/enums.js';
import { conflict, notFound, unprocessable } from './errors.js';
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
 *
 * Bounds: no amount above MAX_MINOR_UNITS (422 amount_out_of_range) and no balance beyond
 * ±MAX_MINOR_UNITS (422 balance_out_of_range), checked under the lock, so every amount and balance the
 * ledger produces is one the API can carry. A wallet whose stored balance is already beyond the bound
 * (written by another system) takes only a correcting posting that brings it back inside, frozen or
 * not; every other posting is refused with balance_out_of_range and every read of it fails
 * (store/stored-range.ts).
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
  /** How it was paid or funded, when the sender says. */
  paymentMethod?: PaymentMethod | undefined;
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

/**
 * The wallet locked for a posting, its balance read exactly whatever it holds: the one read that must
 * see a balance beyond the bound (stored-range.ts refuses it everywhere else), to correct it.
 */
async function lockForPosting(trx: Kysely<Database>, engine: Engine, accountId: string): Promise<{ account: Omit<WalletAccountsTable, 'balance'>; balance: bigint }> {
  const row = await forUpdate(
    trx
      .selectFrom('wallet_accounts')
      .select(['id', 'customer_id', 'currency', 'status', 'created_at', 'updated_at', sql<string>`cast(balance as text)`.as('stored_balance')])
      .where('id', '=', accountId),
    engine,
  ).executeTakeFirst();
  if (!row) throw notFound(`account ${accountId}`);
  const { stored_balance, ...account } = row;
  return { account, balance: BigInt(stored_balance) };
}

const BOUND = BigInt(MAX_MINOR_UNITS);
const inRange = (balance: bigint) => balance <= BOUND && balance >= -BOUND;

/** Why an outgoing posting is declined, or null when it may go out. A correction is never declined. */
function declineReason(status: string, balance: bigint, type: TransactionType, amount: number): FailureReason | null {
  if (!OUTGOING_TRANSACTION_TYPES.includes(type) || !inRange(balance)) return null;
  if (status === 'frozen') return 'account_frozen';
  if (amount > balance) return 'insufficient_balance';
  return null;
}

/**
 * Why moving a wallet's balance by `effect` is refused, or null: the result must be within the bound.
 * Exported for the refund rules, which check it before a refund waits for approval.
 */
export function balanceProblem(accountId: string, currency: Currency, balance: bigint | number, effect: number): { code: 'balance_out_of_range'; detail: string } | null {
  const before = BigInt(balance);
  const after = before + BigInt(effect);
  if (inRange(after)) return null;
  const bound = displayMoney({ amount: MAX_MINOR_UNITS, currency });
  if (!inRange(before)) {
    return {
      code: 'balance_out_of_range',
      detail: `account ${accountId} holds a balance of ${before} minor units, beyond the ±${bound} the ledger carries (written by another system or an older version); it takes only a posting that brings the balance back inside, and this one would leave ${after}`,
    };
  }
  const shown = (amount: bigint) => (amount <= BigInt(Number.MAX_SAFE_INTEGER) && amount >= -BigInt(Number.MAX_SAFE_INTEGER) ? displayMoney({ amount: Number(amount), currency }) : `${amount} minor units`);
  return {
    code: 'balance_out_of_range',
    detail: `this would take the balance of account ${accountId} from ${shown(before)} to ${shown(after)}, beyond the ${bound} a wallet may hold`,
  };
}

/**
 * Posts one transaction and moves the balance by its effect. Declined outgoing postings are
 * recorded as failed (the customer's history shows the attempt) and move nothing.
 */
export async function postTransaction(trx: Kysely<Database>, engine: Engine, posting: Posting, now: number): Promise<Posted> {
  const { account, balance } = await lockForPosting(trx, engine, posting.accountId);
  if (account.currency !== posting.currency) {
    throw unprocessable('currency_mismatch', `account ${account.id} holds ${account.currency}, not ${posting.currency}; amounts are minor units of the account's currency`);
  }
  if (account.status === 'closed') {
    throw conflict('account_closed', `account ${account.id} is closed; a closed wallet takes no transactions`);
  }
  if (!Number.isSafeInteger(posting.amount) || posting.amount < 1 || posting.amount > MAX_MINOR_UNITS) {
    throw unprocessable(
      'amount_out_of_range',
      `${posting.amount} minor units is beyond what the ledger carries: an amount is a whole number from 1 to ${MAX_MINOR_UNITS} (${displayMoney({ amount: MAX_MINOR_UNITS, currency: posting.currency })})`,
    );
  }
  const failure = declineReason(account.status, balance, posting.type, posting.amount);
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
    payment_method: posting.paymentMethod ?? null,
  };
  const effect = balanceEffect(posting.type, transaction.status as TransactionStatus, posting.amount);
  const problem = balanceProblem(account.id, posting.currency, balance, effect);
  if (problem) throw unprocessable(problem.code, problem.detail);
  await trx.insertInto('transactions').values(transaction).execute();
  if (effect !== 0) {
    await trx
      .updateTable('wallet_accounts')
      .set((eb) => ({ balance: eb('balance', '+', effect), updated_at: now }))
      .where('id', '=', account.id)
      .execute();
  }
  return { transaction, account: { ...account, balance: Number(balance + BigInt(effect)), updated_at: effect !== 0 ? now : account.updated_at }, effect };
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
      // A refund goes back to the wallet, whatever paid the payment.
      paymentMethod: 'wallet_balance',
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
