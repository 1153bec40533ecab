import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYMENT_METHODS, type PaymentMethod } from '../../src/api/enums.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';

const HOUR = 3_600_000;

/** Transactions say how they were paid; an incident's criteria and its suggestions use it (issue 17). */
describe(`payment methods of transactions and incidents (${ENGINE})`, () => {
  let server: TestServer;
  let lead: SupportClient;
  let admin: SupportClient;
  let n = 0;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    [lead, admin] = await Promise.all([server.login('lead@example.com'), server.login('admin@example.com')]);
  });
  afterAll(() => server.close());

  const db = () => server.store.db;

  /** A customer with one transaction (method, status, when), who then writes in; the conversation's id. */
  async function customerWith(txn: { method: PaymentMethod | null; status: 'failed' | 'succeeded'; at: number }): Promise<{ conversationId: number; transactionId: string }> {
    n++;
    const suffix = String(n).padStart(4, '0');
    const customerId = `cus_PAYMETHOD${suffix}`;
    const account = `wal_PAYMETHOD${suffix}`;
    const transactionId = `txn_PAYMETHOD${suffix}`;
    await db().insertInto('customers').values({ id: customerId, name: `Payer ${n}`, email: null, phone: null, language: 'id', kyc_level: 'full', two_factor_enabled: 1, created_at: server.clock.now }).execute();
    await db().insertInto('wallet_accounts').values({ id: account, customer_id: customerId, currency: 'IDR', balance: 100_000, status: 'active', created_at: server.clock.now, updated_at: server.clock.now }).execute();
    await db()
      .insertInto('transactions')
      .values({
        id: transactionId, account_id: account, type: 'payment', status: txn.status, amount: 30_000, currency: 'IDR', refunded_amount: 0,
        failure_reason: txn.status === 'failed' ? 'network_error' : null, counterparty: 'Indomaret', description: 'Groceries',
        foreign_amount: null, foreign_currency: null, exchange_rate: null, created_at: txn.at,
        ...(txn.method ? { payment_method: txn.method } : {}),
      })
      .execute();
    const { conversation } = await admin.conversations.open({ customerId, channel: 'chat', category: 'other', priority: 'normal', subject: 'bayar gagal', body: 'pembayaran saya gagal' });
    return { conversationId: conversation.id, transactionId };
  }

  it('the transaction JSON and the customer views carry paymentMethod; rows from before are null; the demo has every method', async () => {
    const qris = await customerWith({ method: 'qris', status: 'failed', at: server.clock.now });
    const old = await customerWith({ method: null, status: 'succeeded', at: server.clock.now });
    expect((await admin.transactions.get(qris.transactionId)).transaction.paymentMethod).toBe('qris');
    expect((await admin.transactions.get(old.transactionId)).transaction.paymentMethod).toBeNull();
    const customer = await admin.customers.get('cus_PAYMETHOD0001');
    expect(customer.transactions.map((t) => t.paymentMethod)).toEqual(['qris']);
    expect((await admin.customers.transactions('cus_PAYMETHOD0002')).data.map((t) => t.paymentMethod)).toEqual([null]);

    const seeded = await db().selectFrom('transactions').select('payment_method').distinct().where('payment_method', 'is not', null).execute();
    expect(seeded.map((r) => r.payment_method).sort()).toEqual([...PAYMENT_METHODS].sort());
  });

  it('a posted transaction keeps the method it was given; an unknown one is refused naming the field', async () => {
    const account = (await db().selectFrom('wallet_accounts').select(['id', 'currency']).where('status', '=', 'active').where('currency', '=', 'IDR').orderBy('id').limit(1).executeTakeFirstOrThrow());
    const posted = await admin.accounts.postTransaction(account.id, { type: 'top_up', amount: 50_000, currency: 'IDR', counterparty: 'BCA VA 8800', paymentMethod: 'virtual_account' });
    expect(posted.result.transaction.paymentMethod).toBe('virtual_account');
    const rows = async () => (await db().selectFrom('transactions').select('id').where('account_id', '=', account.id).execute()).length;
    const before = await rows();
    const bad = await apiFailure(admin.accounts.postTransaction(account.id, { type: 'top_up', amount: 50_000, currency: 'IDR', counterparty: 'BCA VA 8800', paymentMethod: 'cash' as PaymentMethod }));
    expect(bad.status).toBe(400);
    expect(bad.fieldErrors.join('\n')).toMatch(/^paymentMethod: must be one of/m);
    expect(await rows()).toBe(before);
  });

  it('affects.paymentMethods: stored and shown; an unknown method is refused naming the field, and nothing changes', async () => {
    const count = async () => Number((await db().selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const refused = await apiFailure(lead.incidents.create({ title: 'QRIS', description: 'd', affects: { paymentMethods: ['qris', 'cash' as PaymentMethod] } }));
    expect(refused.status).toBe(400);
    expect(refused.fieldErrors.join('\n')).toMatch(/^affects\.paymentMethods\.1: must be one of: wallet_balance, card/m);
    const twice = await apiFailure(lead.incidents.create({ title: 'QRIS', description: 'd', affects: { paymentMethods: ['qris', 'qris'] } }));
    expect(twice.status).toBe(400);
    expect(await count()).toBe(before);

    const incident = await lead.incidents.create({ title: 'QRIS switch down', description: 'd', affects: { paymentMethods: ['qris'], categories: ['payment_failed'] } });
    expect(incident.affects).toEqual({ categories: ['payment_failed'], paymentMethods: ['qris'] });
    const shown = await lead.incidents.get(incident.id);
    const badUpdate = await apiFailure(lead.incidents.update(incident.id, { affects: { paymentMethods: ['bitcoin' as PaymentMethod] } }));
    expect([badUpdate.status, badUpdate.fieldErrors.join('\n')]).toEqual([400, expect.stringMatching(/^affects\.paymentMethods\.0: must be one of/m)]);
    expect(await lead.incidents.get(incident.id)).toEqual(shown);

    const changed = await lead.incidents.update(incident.id, { affects: { paymentMethods: ['qris', 'card'] } });
    expect(changed.affects).toEqual({ paymentMethods: ['qris', 'card'] });
    expect((await lead.incidents.get(incident.id)).updates.at(-1)!.changes['affects']).toEqual({ from: shown.affects, to: { paymentMethods: ['qris', 'card'] } });
    await lead.incidents.resolve(incident.id);
  });

  it('suggests the conversations of customers whose payments by that method failed since the incident started, and no others', async () => {
    const start = server.clock.now;
    server.clock.advance(60_000);
    const failedQris = await customerWith({ method: 'qris', status: 'failed', at: server.clock.now });
    const failedVa = await customerWith({ method: 'virtual_account', status: 'failed', at: server.clock.now });
    const failedCard = await customerWith({ method: 'card', status: 'failed', at: server.clock.now });
    const succeededQris = await customerWith({ method: 'qris', status: 'succeeded', at: server.clock.now });
    const before = await customerWith({ method: 'qris', status: 'failed', at: start - HOUR });
    const unknown = await customerWith({ method: null, status: 'failed', at: server.clock.now });

    const incident = await lead.incidents.create({ title: 'QRIS and VA down', description: 'd', startedAt: new Date(start).toISOString(), affects: { paymentMethods: ['qris', 'virtual_account'] } });
    const suggestions = (await lead.incidents.suggestions(incident.id)).data;
    const ours = [failedQris, failedVa, failedCard, succeededQris, before, unknown].map((c) => c.conversationId);
    const suggested = suggestions.filter((s) => ours.includes(s.conversation.id));
    expect(suggested.map((s) => [s.conversation.id, s.reasons])).toEqual([
      [failedQris.conversationId, ['payment_method']],
      [failedVa.conversationId, ['payment_method']],
    ]);
    // What the suggestions say is what the database holds: failed payments by those methods since the start.
    const expected = await db()
      .selectFrom('conversations')
      .innerJoin('wallet_accounts', 'wallet_accounts.customer_id', 'conversations.customer_id')
      .innerJoin('transactions', 'transactions.account_id', 'wallet_accounts.id')
      .select('conversations.id')
      .distinct()
      .where('conversations.created_at', '>=', start)
      .where('conversations.status', 'in', ['open', 'pending', 'snoozed'])
      .where('transactions.payment_method', 'in', ['qris', 'virtual_account'])
      .where('transactions.created_at', '>=', start)
      .where((eb) => eb.or([eb('transactions.status', '=', 'failed'), eb('transactions.failure_reason', 'is not', null)]))
      .orderBy('conversations.id')
      .execute();
    expect(suggestions.map((s) => s.conversation.id)).toEqual(expected.map((r) => r.id));

    const linked = await lead.incidents.linkSuggested(incident.id);
    expect(linked.linked).toEqual(expected.map((r) => r.id));
    await lead.incidents.resolve(incident.id);
  });
});
