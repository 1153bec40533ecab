import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefundableTransaction } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { MoneyFixtures } from '../helpers/money.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('GET /v1/customers/:id/transactions', () => {
  let server: TestServer;
  let agent: SupportClient;
  let admin: SupportClient;
  let fx: MoneyFixtures;

  beforeAll(async () => {
    server = await startTestServer({ inject: true, demo: true });
    agent = await server.login();
    admin = await server.login('admin@example.com');
    fx = new MoneyFixtures(server, admin);
  });
  afterAll(() => server.close());

  /** Every page of the list, `limit` at a time, as a refund picker reads it. */
  async function allPages(customerId: string, query: { refundable?: boolean }, limit: number): Promise<RefundableTransaction[]> {
    const seen: RefundableTransaction[] = [];
    let cursor: string | undefined;
    do {
      const page = await agent.customers.transactions(customerId, { ...query, limit, ...(cursor ? { cursor } : {}) });
      expect(page.data.length).toBeLessThanOrEqual(limit);
      seen.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return seen;
  }

  it('lists every refundable payment of the customer, newest first, page by page, beyond what the context shows', async () => {
    const wallet = await fx.account('CNY');
    const before = await allPages(wallet.customerId, { refundable: true }, 200);
    const made: RefundableTransaction[] = [];
    for (let i = 0; i < 12; i++) {
      server.clock.advance(60_000);
      made.push(await fx.payment('CNY', 1_000 + i * 100, wallet.id));
    }
    // Not refundable: refunded in full, a failed payment, a top-up.
    server.clock.advance(60_000);
    const refundedInFull = await fx.payment('CNY', 700, wallet.id);
    await agent.refunds.create({ transactionId: refundedInFull.id, reason: 'duplicate' });
    await fx.drain(wallet.id);
    const { result: failed } = await admin.accounts.postTransaction(wallet.id, { type: 'payment', amount: 500, currency: 'CNY', counterparty: 'Too much' });
    expect(failed.transaction.status).toBe('failed');
    // Partly refunded stays in, with what is left.
    await agent.refunds.create({ transactionId: made[0]!.id, amount: 400, reason: 'duplicate' });

    const listed = await allPages(wallet.customerId, { refundable: true }, 5);
    expect(listed.map((t) => t.id)).toEqual([...[...made].reverse().map((t) => t.id), ...before.map((t) => t.id)]);
    expect(listed.find((t) => t.id === made[0]!.id)!.refundable.amount).toBe(600);
    expect(listed.every((t) => t.type === 'payment' && t.status === 'succeeded' && t.refundable.amount > 0)).toBe(true);
    // The context caps what it shows; the list does not.
    const context = await agent.customers.get(wallet.customerId);
    expect(context.transactions.filter((t) => t.type === 'payment' && t.refundable.amount > 0).length).toBeLessThan(listed.length);

    const everything = await allPages(wallet.customerId, {}, 200);
    expect(everything.map((t) => t.id)).toEqual(expect.arrayContaining([refundedInFull.id, failed.transaction.id]));
    const times = everything.map((t) => t.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(everything.map((t) => t.id)).size).toBe(everything.length);
  });

  it('refuses an unknown customer, a bad cursor and a bad limit, and changes nothing', async () => {
    const wallet = await fx.account('IDR');
    const countBefore = (await server.store.db.selectFrom('transactions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const unknown = await apiFailure(agent.customers.transactions('cus_doesnotexist'));
    expect([unknown.status, unknown.message]).toEqual([404, 'customer cus_doesnotexist does not exist']);
    const cursor = await apiFailure(agent.customers.transactions(wallet.customerId, { cursor: 'bm90LWEtY3Vyc29y' }));
    expect(cursor.status).toBe(400);
    const limit = await apiFailure(agent.customers.transactions(wallet.customerId, { limit: 0 }));
    expect(limit.status).toBe(400);
    const notACustomer = await apiFailure(agent.customers.transactions('42'));
    expect(notACustomer.fieldErrors).toEqual(['id (path): must be an id starting with cus_']);
    const countAfter = (await server.store.db.selectFrom('transactions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    expect(Number(countAfter)).toBe(Number(countBefore));
  });
});
