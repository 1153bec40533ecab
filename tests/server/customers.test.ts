import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { MoneyFixtures } from '../helpers/money.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('customer context', () => {
  let server: TestServer;
  let agent: SupportClient;
  let fx: MoneyFixtures;

  beforeAll(async () => {
    server = await startTestServer({ inject: true, demo: true });
    agent = await server.login();
    fx = new MoneyFixtures(server, await server.login('admin@example.com'));
  });
  afterAll(() => server.close());

  it('gives KYC, 2FA, recent logins and devices, wallets, transactions with refundable rest, refunds and conversations', async () => {
    const conversation = await server.store.db.selectFrom('conversations').select(['id', 'customer_id']).where('category', '=', 'account_security').orderBy('id').executeTakeFirstOrThrow();
    const customerId = conversation.customer_id;
    const account = (await server.store.db.selectFrom('wallet_accounts').select(['id', 'currency']).where('customer_id', '=', customerId).executeTakeFirstOrThrow());
    const payment = await fx.payment(account.currency as 'IDR' | 'CNY', 30_000, account.id);
    await agent.refunds.create({ transactionId: payment.id, amount: 10_000, reason: 'fraudulent' });

    const context = await agent.customers.get(customerId);
    expect(context.customer.id).toBe(customerId);
    expect(['none', 'basic', 'full']).toContain(context.customer.kycLevel);
    expect(context.security.twoFactorEnabled).toBe(context.customer.twoFactorEnabled);
    if (context.security.twoFactorEnabled) expect(['sms', 'totp', 'app_push']).toContain(context.security.twoFactorMethod);
    else expect(context.security.twoFactorMethod).toBeNull();

    const logins = context.security.recentLogins;
    expect(logins.length).toBeGreaterThan(0);
    expect(logins.length).toBeLessThanOrEqual(10);
    expect([...logins].sort((a, b) => b.at.localeCompare(a.at))).toEqual(logins);
    // This customer wrote about account security: the demo shows the takeover, a new device far away.
    const strangerDevice = context.security.devices.find((d) => !d.trusted && logins.some((l) => l.device?.id === d.id && l.outcome === 'succeeded' && !/, (ID|CN|SG|MY)$/.test(l.location)));
    expect(strangerDevice).toBeDefined();
    expect(logins.some((l) => l.outcome === 'failed')).toBe(true);
    expect(context.security.devices.every((d) => d.id.startsWith('dev_') && d.lastSeenAt >= d.firstSeenAt)).toBe(true);

    expect(context.accounts.map((a) => a.id)).toContain(account.id);
    expect(context.accounts.every((a) => a.customerId === customerId)).toBe(true);
    const latest = context.transactions.find((t) => t.id === payment.id)!;
    expect(latest).toMatchObject({ status: 'succeeded', refunded: { amount: 10_000 }, refundable: { amount: 20_000 }, refundPending: { amount: 0 } });
    const times = context.transactions.map((t) => t.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const failed = context.transactions.filter((t) => t.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.filter((t) => t.failureReason === null || t.refundable.amount !== 0)).toEqual([]);
    expect(context.refunds.map((r) => r.transactionId)).toContain(payment.id);
    expect(context.conversations.map((c) => c.id)).toContain(conversation.id);
    expect(context.conversations.every((c) => c.customer.id === customerId)).toBe(true);
  });

  it('answers 404 for an unknown customer and 400 for something that is not a customer id', async () => {
    const unknown = await apiFailure(agent.customers.get('cus_doesnotexist'));
    expect([unknown.status, unknown.message]).toEqual([404, 'customer cus_doesnotexist does not exist']);
    const bad = await apiFailure(agent.customers.get('42'));
    expect(bad.fieldErrors).toEqual(['id (path): must be an id starting with cus_']);
  });
});
