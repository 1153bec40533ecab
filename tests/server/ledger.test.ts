import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransactionStatus, TransactionType } from '../../src/api/enums.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { balanceEffect } from '../../src/server/domain/ledger.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { MoneyFixtures } from '../helpers/money.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('the ledger', () => {
  let server: TestServer;
  let agent: SupportClient;
  let admin: SupportClient;
  let fx: MoneyFixtures;

  beforeAll(async () => {
    server = await startTestServer({ inject: true, demo: true });
    [agent, admin] = await Promise.all([server.login(), server.login('admin@example.com')]);
    fx = new MoneyFixtures(server, admin);
  });
  afterAll(() => server.close());

  const count = async (accountId: string) => (await server.store.db.selectFrom('transactions').select('id').where('account_id', '=', accountId).execute()).length;

  it('posts a top-up and moves the balance by it, audited', async () => {
    const account = await fx.account('IDR');
    const { result, idempotencyKey } = await admin.accounts.postTransaction(account.id, { type: 'top_up', amount: 250_000, currency: 'IDR', counterparty: 'Bank BCA', description: 'Top-up' });
    expect(result.transaction).toMatchObject({ type: 'top_up', status: 'succeeded', amount: { amount: 250_000, currency: 'IDR' }, failureReason: null, refundable: { amount: 0, currency: 'IDR' } });
    expect(result.account.balance).toEqual({ amount: account.balance + 250_000, currency: 'IDR' });
    expect(await fx.balance(account.id)).toBe(account.balance + 250_000);
    const entry = await server.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'ledger.post').where('idempotency_key', '=', idempotencyKey).executeTakeFirstOrThrow();
    expect(JSON.parse(entry.before!)).toEqual({ balance: account.balance });
    expect(JSON.parse(entry.after!)).toMatchObject({ transactionId: result.transaction.id, status: 'succeeded', balance: account.balance + 250_000 });
  });

  it('a frozen wallet sends no money out: payments, transfers and withdrawals are recorded as failed and move nothing', async () => {
    const account = await fx.account('CNY');
    const payment = await fx.payment('CNY', 80_000, account.id);
    await admin.accounts.postTransaction(account.id, { type: 'top_up', amount: 50_000, currency: 'CNY', counterparty: 'Bank' });
    await agent.accounts.freeze(account.id, { reason: 'suspected_takeover', note: 'Unknown device in Lagos' });
    const balance = await fx.balance(account.id);
    expect(balance).toBeGreaterThanOrEqual(50_000);

    for (const type of ['payment', 'transfer_out', 'withdrawal'] as const) {
      const { result } = await admin.accounts.postTransaction(account.id, { type, amount: 1_000, currency: 'CNY', counterparty: 'Someone' });
      expect([result.transaction.type, result.transaction.status, result.transaction.failureReason]).toEqual([type, 'failed', 'account_frozen']);
      expect(result.account.balance.amount).toBe(balance);
    }
    expect(await fx.balance(account.id)).toBe(balance);

    // Money still comes in: a transfer from a friend, and a refund of an earlier payment.
    const { result: incoming } = await admin.accounts.postTransaction(account.id, { type: 'transfer_in', amount: 2_000, currency: 'CNY', counterparty: 'A friend' });
    expect(incoming.transaction.status).toBe('succeeded');
    const { result: refund } = await agent.refunds.create({ transactionId: payment.id, amount: 30_000, reason: 'fraudulent', note: 'Paid by the fraudster' });
    expect(refund.status).toBe('succeeded');
    expect(await fx.balance(account.id)).toBe(balance + 2_000 + 30_000);
  });

  it('an outgoing posting above the balance fails with insufficient_balance', async () => {
    const account = await fx.account('IDR');
    const { result } = await admin.accounts.postTransaction(account.id, { type: 'payment', amount: account.balance + 1, currency: 'IDR', counterparty: 'Tokopedia' });
    expect([result.transaction.status, result.transaction.failureReason]).toEqual(['failed', 'insufficient_balance']);
    expect(await fx.balance(account.id)).toBe(account.balance);
  });

  it('refuses another currency and bad input, and posts nothing', async () => {
    const account = await fx.account('IDR');
    const before = await count(account.id);
    const wrong = await apiFailure(admin.accounts.postTransaction(account.id, { type: 'top_up', amount: 100, currency: 'CNY', counterparty: 'Bank' }));
    expect([wrong.status, wrong.code, wrong.message]).toEqual([422, 'currency_mismatch', `account ${account.id} holds IDR, not CNY; amounts are minor units of the account's currency`]);
    const refundType = await apiFailure(admin.accounts.postTransaction(account.id, { type: 'refund', amount: 100, currency: 'IDR', counterparty: 'x' } as never));
    expect(refundType.fieldErrors).toEqual(['type: must be one of: top_up, payment, transfer_out, transfer_in, withdrawal']);
    const fraction = await apiFailure(admin.accounts.postTransaction(account.id, { type: 'top_up', amount: 12.5, currency: 'IDR', counterparty: 'Bank' }));
    expect(fraction.fieldErrors).toEqual(['amount: must be integer']);
    const zero = await apiFailure(admin.accounts.postTransaction(account.id, { type: 'top_up', amount: 0, currency: 'IDR', counterparty: 'Bank' }));
    expect(zero.code).toBe('validation_failed');
    expect(await count(account.id)).toBe(before);
    expect(await fx.balance(account.id)).toBe(account.balance);
  });

  it('only admins post to the ledger', async () => {
    const account = await fx.account('IDR');
    for (const who of [agent, await server.login('lead@example.com')]) {
      const error = await apiFailure(who.accounts.postTransaction(account.id, { type: 'top_up', amount: 100, currency: 'IDR', counterparty: 'Bank' }));
      expect([error.status, error.code]).toEqual([403, 'forbidden']);
    }
    expect(await fx.balance(account.id)).toBe(account.balance);
  });

  it('keeps every balance equal to the sum of its transactions after all of the above', async () => {
    const accounts = await server.store.db.selectFrom('wallet_accounts').select(['id', 'balance']).execute();
    const txns = await server.store.db.selectFrom('transactions').select(['account_id', 'type', 'status', 'amount']).execute();
    const sums = new Map<string, number>();
    for (const t of txns) sums.set(t.account_id, (sums.get(t.account_id) ?? 0) + balanceEffect(t.type as TransactionType, t.status as TransactionStatus, t.amount));
    for (const account of accounts) expect(account.balance, account.id).toBe(sums.get(account.id) ?? 0);
  });
});
