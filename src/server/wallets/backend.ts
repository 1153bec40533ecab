import type { Kysely } from 'kysely';
import type { AccountStatus } from '../../api/enums.js';
import type { Posted, Posting } from '../domain/ledger.js';
import type { Database, TransactionsTable, WalletAccountsTable } from '../store/tables.js';

export type { Posted, Posting };

/**
 * One wallet operation as the support desk asks for it. `trx` is the desk's own database transaction:
 * the audit entry, the refund row and the live event commit with it, so a backend that writes
 * elsewhere must make its call safe to repeat (pass `idempotencyKey` on, as Stripe does) and should
 * fail before the desk commits rather than after.
 */
export interface WalletCall {
  trx: Kysely<Database>;
  now: number;
  /** The client's Idempotency-Key for this change (null for internal calls); forward it. */
  idempotencyKey: string | null;
  requestId: string | null;
}

/**
 * Everything the support desk does to wallets, in one place: the seam where a company puts its own
 * wallet backend. The reference server's implementation is the local ledger (wallets/local-ledger.ts,
 * over the wallet_accounts and transactions tables); start the server with another object that keeps
 * this contract (StartOptions.wallets) and freezes, refunds and postings go to it instead.
 *
 * Contract: lockAccount/findTransaction with `lock` hold the row until the change commits, so that two
 * refunds of one payment cannot both fit; post() never lets an outgoing posting take a frozen wallet
 * or the balance below zero (it records it as failed instead); refund() never refunds more than was
 * paid. Amounts are integer minor units of the wallet's currency. Neither produces an amount above
 * MAX_MINOR_UNITS (10^15, src/api/money.ts) or a balance beyond ±MAX_MINOR_UNITS: they refuse with a
 * 422 ProblemError, amount_out_of_range or balance_out_of_range, before anything changes. Rows the
 * desk reads with a value beyond it fail that read (409 stored_value_out_of_range, store/stored-range.ts).
 */
export interface WalletBackend {
  /** The wallet (balance, status, currency), held until the change commits; 404 problem if unknown. */
  lockAccount(call: WalletCall, accountId: string): Promise<WalletAccountsTable>;
  /** The wallet without holding it, or undefined. */
  findAccount(call: WalletCall, accountId: string): Promise<WalletAccountsTable | undefined>;
  /** A transaction (a payment to refund), held until commit when `lock`, or undefined. */
  findTransaction(call: WalletCall, transactionId: string, options: { lock: boolean }): Promise<TransactionsTable | undefined>;
  /** Freezes, unfreezes or closes: the desk has checked the transition and holds the lock. */
  setStatus(call: WalletCall, account: WalletAccountsTable, status: AccountStatus): Promise<void>;
  /** Posts a top-up, payment, transfer or withdrawal and moves the balance. */
  post(call: WalletCall, posting: Posting): Promise<Posted>;
  /** Credits `amount` of `payment` back to its wallet and counts it on the payment. */
  refund(call: WalletCall, payment: TransactionsTable, amount: number): Promise<Posted>;
}
