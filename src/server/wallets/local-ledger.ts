import type { AccountStatus } from '../../api/enums.js';
import { lockAccount, postRefund, postTransaction, type Posted, type Posting } from '../domain/ledger.js';
import type { Engine } from '../store/engine.js';
import { forUpdate } from '../store/locking.js';
import type { TransactionsTable, WalletAccountsTable } from '../store/tables.js';
import type { WalletBackend, WalletCall } from './backend.js';

/**
 * The reference server's wallet backend: balances and transactions kept in the desk's own database
 * (wallet_accounts, transactions), moved only by the ledger (domain/ledger.ts) under row locks, in the
 * same transaction as the audit entry. Replace this object to drive a real wallet system.
 */
export class LocalLedger implements WalletBackend {
  readonly #engine: Engine;

  constructor(engine: Engine) {
    this.#engine = engine;
  }

  lockAccount(call: WalletCall, accountId: string): Promise<WalletAccountsTable> {
    return lockAccount(call.trx, this.#engine, accountId);
  }

  findAccount(call: WalletCall, accountId: string): Promise<WalletAccountsTable | undefined> {
    return call.trx.selectFrom('wallet_accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
  }

  findTransaction(call: WalletCall, transactionId: string, options: { lock: boolean }): Promise<TransactionsTable | undefined> {
    const query = call.trx.selectFrom('transactions').selectAll().where('id', '=', transactionId);
    return (options.lock ? forUpdate(query, this.#engine) : query).executeTakeFirst();
  }

  async setStatus(call: WalletCall, account: WalletAccountsTable, status: AccountStatus): Promise<void> {
    await call.trx.updateTable('wallet_accounts').set({ status, updated_at: call.now }).where('id', '=', account.id).execute();
  }

  post(call: WalletCall, posting: Posting): Promise<Posted> {
    return postTransaction(call.trx, this.#engine, posting, call.now);
  }

  refund(call: WalletCall, payment: TransactionsTable, amount: number): Promise<Posted> {
    return postRefund(call.trx, this.#engine, payment, amount, call.now);
  }
}
