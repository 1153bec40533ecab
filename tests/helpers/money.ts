import { randomUUID } from 'node:crypto';
import type { Currency } from '../../src/api/currencies.js';
import type { RefundableTransaction } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import type { TestServer } from './test-server.js';

/**
 * Money set-ups through the real API: a wallet of the demo desk that no other test of the file uses,
 * and payments of exact amounts posted to it by an admin through the ledger endpoint (a top-up of the
 * same amount first, so that the payment succeeds).
 */
export class MoneyFixtures {
  readonly #server: TestServer;
  readonly #admin: SupportClient;
  readonly #used = new Set<string>();

  constructor(server: TestServer, admin: SupportClient) {
    this.#server = server;
    this.#admin = admin;
  }

  /** An active wallet in `currency` that this file has not used yet. */
  async account(currency: Currency): Promise<{ id: string; customerId: string; balance: number }> {
    const rows = await this.#server.store.db
      .selectFrom('wallet_accounts')
      .select(['id', 'customer_id', 'balance'])
      .where('currency', '=', currency)
      .where('status', '=', 'active')
      .orderBy('id')
      .execute();
    const row = rows.find((r) => !this.#used.has(r.id));
    if (!row) throw new Error(`no unused active ${currency} wallet left in the demo desk`);
    this.#used.add(row.id);
    return { id: row.id, customerId: row.customer_id, balance: row.balance };
  }

  /** A succeeded payment of exactly `amount` minor units from a fresh wallet (or the one given). */
  async payment(currency: Currency, amount: number, accountId?: string): Promise<RefundableTransaction> {
    const id = accountId ?? (await this.account(currency)).id;
    await this.#admin.accounts.postTransaction(id, { type: 'top_up', amount, currency, counterparty: 'Test top-up' });
    const { result } = await this.#admin.accounts.postTransaction(id, { type: 'payment', amount, currency, counterparty: 'Test merchant' });
    if (result.transaction.status !== 'succeeded') throw new Error(`test payment did not succeed: ${JSON.stringify(result.transaction)}`);
    return result.transaction;
  }

  async balance(accountId: string): Promise<number> {
    return (await this.#server.store.db.selectFrom('wallet_accounts').select('balance').where('id', '=', accountId).executeTakeFirstOrThrow()).balance;
  }

  async refunded(transactionId: string): Promise<number> {
    return (await this.#server.store.db.selectFrom('transactions').select('refunded_amount').where('id', '=', transactionId).executeTakeFirstOrThrow()).refunded_amount;
  }

  async refundRows(transactionId: string) {
    return this.#server.store.db.selectFrom('refunds').selectAll().where('transaction_id', '=', transactionId).orderBy('created_at').execute();
  }

  /** Pays the whole balance out (withdrawal), so that the wallet can be closed. */
  async drain(accountId: string): Promise<void> {
    const account = await this.#server.store.db.selectFrom('wallet_accounts').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
    if (account.balance > 0) {
      await this.#admin.accounts.postTransaction(accountId, { type: 'withdrawal', amount: account.balance, currency: account.currency as Currency, counterparty: 'Bank account' });
    }
  }
}

export const key = (): string => randomUUID();

/** Raw HTTP, for what the typed client never sends (no key, odd keys, reordered bodies). */
export async function rawPost(url: string, token: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

export async function tokenFor(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo' }) });
  return ((await res.json()) as { token: string }).token;
}
