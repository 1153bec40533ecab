import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { MoneyFixtures } from '../helpers/money.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';

/** 10^15 minor units: the most an amount or a balance may be (MAX_MINOR_UNITS, src/api/money.ts). */
const MAX = 1_000_000_000_000_000;

describe(`money bounds (${ENGINE})`, () => {
  let server: TestServer;
  let agent: SupportClient;
  let lead: SupportClient;
  let admin: SupportClient;
  let fx: MoneyFixtures;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    [agent, lead, admin] = await Promise.all([server.login(), server.login('lead@example.com'), server.login('admin@example.com')]);
    fx = new MoneyFixtures(server, admin);
  });
  afterAll(() => server.close());

  /** The stored balance as the database holds it, exactly, whatever it is. */
  const storedBalance = async (accountId: string) =>
    (await sql<{ b: string }>`select cast(balance as text) as b from wallet_accounts where id = ${accountId}`.execute(server.store.db)).rows[0]!.b;
  /** Writes a balance as another system feeding the table could: any bigint, exactly. */
  const plantBalance = (accountId: string, balance: string) => sql`update wallet_accounts set balance = cast(${balance} as bigint) where id = ${accountId}`.execute(server.store.db);
  const transactionCount = async (accountId: string) =>
    (await server.store.db.selectFrom('transactions').select('id').where('account_id', '=', accountId).execute()).length;
  const denied = async (targetId: string, action: string) =>
    (await server.store.db.selectFrom('audit_log').selectAll().where('target_id', '=', targetId).where('action', '=', action).where('outcome', '=', 'denied').orderBy('id').execute()).map(
      (e) => JSON.parse(e.after!).refused as string,
    );

  it('refuses a posting of 9007199254740991 (2^53 − 1) with 422 amount_out_of_range: nothing posted, the refusal audited', async () => {
    const account = await fx.account('IDR');
    const count = await transactionCount(account.id);
    const failure = await apiFailure(admin.accounts.postTransaction(account.id, { type: 'top_up', amount: 9007199254740991, currency: 'IDR', counterparty: 'Bank' }));
    expect([failure.status, failure.code, failure.message]).toEqual([
      422,
      'amount_out_of_range',
      '9007199254740991 minor units is beyond what the ledger carries: an amount is a whole number from 1 to 1000000000000000 (1,000,000,000,000,000 IDR)',
    ]);
    const over = await apiFailure(admin.accounts.postTransaction(account.id, { type: 'payment', amount: MAX + 1, currency: 'IDR', counterparty: 'Shop' }));
    expect([over.status, over.code]).toEqual([422, 'amount_out_of_range']);
    expect(await fx.balance(account.id)).toBe(account.balance);
    expect(await transactionCount(account.id)).toBe(count);
    expect(await denied(account.id, 'ledger.post')).toEqual(['amount_out_of_range', 'amount_out_of_range']);
    expect((await agent.accounts.get(account.id)).account.balance).toEqual({ amount: account.balance, currency: 'IDR' });
  });

  it('a wallet may hold exactly the bound; a posting past it is refused with 422 balance_out_of_range and the balance stays', async () => {
    const account = await fx.account('IDR');
    const { result } = await admin.accounts.postTransaction(account.id, { type: 'top_up', amount: MAX - account.balance, currency: 'IDR', counterparty: 'Bank' });
    expect(result.account.balance.amount).toBe(MAX);
    expect((await agent.accounts.get(account.id)).account.balance.amount).toBe(MAX);
    const count = await transactionCount(account.id);

    const failure = await apiFailure(admin.accounts.postTransaction(account.id, { type: 'transfer_in', amount: 1, currency: 'IDR', counterparty: 'A friend' }));
    expect([failure.status, failure.code, failure.message]).toEqual([
      422,
      'balance_out_of_range',
      `this would take the balance of account ${account.id} from 1,000,000,000,000,000 IDR to 1,000,000,000,000,001 IDR, beyond the 1,000,000,000,000,000 IDR a wallet may hold`,
    ]);
    expect(await fx.balance(account.id)).toBe(MAX);
    expect(await transactionCount(account.id)).toBe(count);
    expect(await denied(account.id, 'ledger.post')).toEqual(['balance_out_of_range']);
    // Money still goes out.
    const { result: out } = await admin.accounts.postTransaction(account.id, { type: 'withdrawal', amount: 1, currency: 'IDR', counterparty: 'Bank account' });
    expect(out.account.balance.amount).toBe(MAX - 1);
  });

  it('parallel postings that each fit but not together: one goes in, the others are refused, the balance never passes the bound', async () => {
    const account = await fx.account('IDR');
    await admin.accounts.postTransaction(account.id, { type: 'top_up', amount: MAX - 10 - account.balance, currency: 'IDR', counterparty: 'Bank' });
    const count = await transactionCount(account.id);
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => admin.accounts.postTransaction(account.id, { type: 'transfer_in', amount: 10, currency: 'IDR', counterparty: 'A friend' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code: string }).code] : []))).toEqual(['balance_out_of_range', 'balance_out_of_range', 'balance_out_of_range']);
    expect(await fx.balance(account.id)).toBe(MAX);
    expect(await transactionCount(account.id)).toBe(count + 1);
  });

  it('refuses a refund that would take the balance past the bound (422 balance_out_of_range, audited), when asked for and when approved', async () => {
    const payment = await fx.payment('IDR', 20_000_000);
    // Above the agent's own limit: it waits for a supervisor.
    const { result: pending } = await agent.refunds.create({ transactionId: payment.id, amount: 6_000_000, reason: 'failed_delivery', note: 'Never arrived' });
    expect(pending.status).toBe('pending_approval');
    const balance = await fx.balance(payment.accountId);
    await admin.accounts.postTransaction(payment.accountId, { type: 'top_up', amount: MAX - balance, currency: 'IDR', counterparty: 'Bank' });

    const asked = await apiFailure(admin.refunds.create({ transactionId: payment.id, amount: 1_000, reason: 'service_issue', note: 'Goodwill' }));
    expect([asked.status, asked.code]).toEqual([422, 'balance_out_of_range']);
    expect(asked.message).toContain(`beyond the 1,000,000,000,000,000 IDR a wallet may hold`);
    const approved = await apiFailure(lead.refunds.approve(pending.id));
    expect([approved.status, approved.code]).toEqual([422, 'balance_out_of_range']);

    expect(await fx.balance(payment.accountId)).toBe(MAX);
    expect(await fx.refunded(payment.id)).toBe(0);
    expect((await fx.refundRows(payment.id)).map((r) => [r.id, r.status])).toEqual([[pending.id, 'pending_approval']]);
    expect(await denied(payment.id, 'refund.create')).toEqual(['balance_out_of_range']);
    expect(await denied(pending.id, 'refund.approve')).toEqual(['balance_out_of_range']);
  });

  it('a balance stored beyond the bound is an explicit error on every read, and a correcting posting brings it back, frozen or not', async () => {
    const account = await fx.account('IDR');
    await agent.accounts.freeze(account.id, { reason: 'fraud_review', note: 'Balance fed by the core system looks wrong' });
    await plantBalance(account.id, String(MAX + 700));
    const count = await transactionCount(account.id);

    const detail = `account ${account.id} holds a balance of 1000000000000700 minor units, beyond the ±1000000000000000 (10^15) the API carries; an admin brings it back with a posting of at least 700 out (withdrawal) (POST /v1/accounts/${account.id}/transactions)`;
    for (const read of [() => agent.accounts.get(account.id), () => agent.customers.get(account.customerId)]) {
      const failure = await apiFailure(read());
      expect([failure.status, failure.code, failure.message]).toEqual([409, 'stored_value_out_of_range', detail]);
    }
    const close = await apiFailure(admin.accounts.close(account.id, { reason: 'customer_request', note: 'Leaving' }));
    expect([close.status, close.code, close.message]).toEqual([409, 'stored_value_out_of_range', detail]);
    expect(await denied(account.id, 'account.close')).toEqual(['stored_value_out_of_range']);

    // Postings that leave it outside are refused: money in, or too little out.
    for (const [type, amount] of [['top_up', 1], ['withdrawal', 699]] as const) {
      const failure = await apiFailure(admin.accounts.postTransaction(account.id, { type, amount, currency: 'IDR', counterparty: 'Core system' }));
      expect([failure.status, failure.code]).toEqual([422, 'balance_out_of_range']);
      expect(failure.message).toContain(`account ${account.id} holds a balance of 1000000000000700 minor units`);
    }
    expect(await storedBalance(account.id)).toBe(String(MAX + 700));
    expect(await transactionCount(account.id)).toBe(count);

    // The correction goes out although the wallet is frozen: it only repairs the balance.
    const { result } = await admin.accounts.postTransaction(account.id, { type: 'withdrawal', amount: 700, currency: 'IDR', counterparty: 'Core system correction' });
    expect([result.transaction.status, result.account.balance.amount, result.account.status]).toEqual(['succeeded', MAX, 'frozen']);
    expect((await agent.accounts.get(account.id)).account.balance.amount).toBe(MAX);
    expect((await agent.customers.get(account.customerId)).accounts.find((a) => a.id === account.id)?.balance.amount).toBe(MAX);
    // Frozen again means frozen: an ordinary payment out is declined.
    const { result: payment } = await admin.accounts.postTransaction(account.id, { type: 'payment', amount: 5, currency: 'IDR', counterparty: 'Shop' });
    expect([payment.transaction.status, payment.transaction.failureReason]).toEqual(['failed', 'account_frozen']);
  });

  it('refund limits are money too: above 10^15 is refused, nothing changes', async () => {
    const before = await admin.refunds.limits();
    const failure = await apiFailure(admin.refunds.setLimits({ limits: [{ role: 'agent', currency: 'IDR', perRefund: MAX + 1, perDay: MAX }] }));
    expect([failure.status, failure.code, failure.fieldErrors]).toEqual([400, 'validation_failed', ['limits.0.perRefund: must be <= 1000000000000000']]);
    expect((await admin.refunds.limits()).data).toEqual(before.data);
  });

  it('/openapi.json states the bound: Money amounts within ±10^15, request amounts refused above it', async () => {
    const doc = await (await fetch(`${server.url}/openapi.json`)).text();
    expect(doc).toContain('"minimum":-1000000000000000,"maximum":1000000000000000');
    expect(doc).toContain('at most 1000000000000000 (10^15): a larger amount is refused with 422 amount_out_of_range');
    expect(doc).toContain('No amount above 1000000000000000 (10^15) minor units (422 amount_out_of_range) and no balance beyond ±1000000000000000 (422 balance_out_of_range)');
  });

  it('a value stored past 2^53 is reported exactly, never rounded, and never a 500', async () => {
    const account = await fx.account('IDR');
    const other = await fx.payment('IDR', 1_000);
    await plantBalance(account.id, '9007199254740993');
    for (const read of [() => agent.accounts.get(account.id), () => agent.customers.get(account.customerId)]) {
      const failure = await apiFailure(read());
      expect([failure.status, failure.code, failure.message]).toEqual([
        409,
        'stored_value_out_of_range',
        `account ${account.id} holds a balance of 9007199254740993 minor units, beyond the ±1000000000000000 (10^15) the API carries, more than one posting can correct; correct it in the wallet system`,
      ]);
    }
    const correction = await apiFailure(admin.accounts.postTransaction(account.id, { type: 'withdrawal', amount: MAX, currency: 'IDR', counterparty: 'Core system' }));
    expect([correction.status, correction.code]).toEqual([422, 'balance_out_of_range']);
    expect(correction.message).toContain('this one would leave 8007199254740993');
    expect(await storedBalance(account.id)).toBe('9007199254740993');

    // A transaction amount planted the same way names the transaction.
    await sql`update transactions set amount = cast('9007199254740995' as bigint) where id = ${other.id}`.execute(server.store.db);
    const failure = await apiFailure(agent.transactions.get(other.id));
    expect([failure.status, failure.code, failure.message]).toEqual([
      409,
      'stored_value_out_of_range',
      `transaction ${other.id} holds an amount of 9007199254740995 minor units, beyond the ±1000000000000000 (10^15) the API carries; correct it in the wallet system`,
    ]);
  });
});
