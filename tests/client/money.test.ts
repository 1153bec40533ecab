import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newIdempotencyKey } from '../../src/client/money-api.js';
import { SupportClient } from '../../src/client/support-client.js';
import { droppingProxy, type DroppingProxy } from '../helpers/dropping-proxy.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { MoneyFixtures, tokenFor } from '../helpers/money.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('money calls through the client: keys and retries', () => {
  let server: TestServer;
  let proxy: DroppingProxy;
  let viaProxy: SupportClient;
  let lead: SupportClient;
  let fx: MoneyFixtures;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    fx = new MoneyFixtures(server, await server.login('admin@example.com'));
    lead = await server.login('lead@example.com');
    proxy = await droppingProxy(server.url);
    viaProxy = new SupportClient({ baseUrl: proxy.url, token: await tokenFor(server.url, 'agent@example.com') });
  });
  afterEach(() => proxy.dropNext(0));
  afterAll(async () => {
    await proxy.close();
    await server.close();
  });

  it('a refund whose answer is lost on the way back is retried with the same key: it exists once, the balance moved once', async () => {
    const payment = await fx.payment('CNY', 20_000);
    const balance = await fx.balance(payment.accountId);
    const answers = proxy.answers;
    proxy.dropNext(1);
    const { result, replayed, idempotencyKey } = await viaProxy.refunds.create({ transactionId: payment.id, amount: 12_500, reason: 'failed_delivery' });
    expect(proxy.answers - answers).toBe(2);
    expect(replayed).toBe(true);
    expect(result).toMatchObject({ status: 'succeeded', amount: { amount: 12_500, currency: 'CNY' } });
    const rows = await fx.refundRows(payment.id);
    expect(rows.map((r) => r.id)).toEqual([result.id]);
    expect(await fx.balance(payment.accountId)).toBe(balance + 12_500);
    const audit = await server.store.db.selectFrom('audit_log').select(['action', 'idempotency_key']).where('target_id', '=', result.id).execute();
    expect(audit).toEqual([{ action: 'refund.create', idempotency_key: idempotencyKey }]);
  });

  it('a freeze and an approval whose answers are lost are done once too', async () => {
    const payment = await fx.payment('CNY', 80_000);
    const waiting = (await viaProxy.refunds.create({ transactionId: payment.id, reason: 'duplicate' })).result;
    expect(waiting.status).toBe('pending_approval');
    const leadViaProxy = new SupportClient({ baseUrl: proxy.url, token: await tokenFor(server.url, 'lead@example.com') });
    const balance = await fx.balance(payment.accountId);
    proxy.dropNext(1);
    const approved = await leadViaProxy.refunds.approve(waiting.id);
    expect([approved.replayed, approved.result.status]).toEqual([true, 'succeeded']);
    expect(await fx.balance(payment.accountId)).toBe(balance + 80_000);

    proxy.dropNext(1);
    const frozen = await viaProxy.accounts.freeze(payment.accountId, { reason: 'fraud_review', note: 'Lost answer test' });
    expect([frozen.replayed, frozen.result.account.status]).toEqual([true, 'frozen']);
    expect((await lead.accounts.get(payment.accountId)).history.map((h) => h.action)).toEqual(['freeze']);
  });

  it('after the client gives up, the caller retries with the same key and gets the first answer, not a second refund', async () => {
    const payment = await fx.payment('IDR', 500_000);
    const balance = await fx.balance(payment.accountId);
    const operation = newIdempotencyKey();
    proxy.dropNext(3); // the first attempt and both of got's retries lose their answers
    const lost = await apiFailure(viaProxy.refunds.create({ transactionId: payment.id, amount: 200_000, reason: 'service_issue' }, { idempotencyKey: operation }));
    expect(lost.isNetwork).toBe(true);
    expect(await fx.balance(payment.accountId)).toBe(balance + 200_000);

    const again = await viaProxy.refunds.create({ transactionId: payment.id, amount: 200_000, reason: 'service_issue' }, { idempotencyKey: operation });
    expect([again.replayed, again.idempotencyKey]).toEqual([true, operation]);
    expect((await fx.refundRows(payment.id)).map((r) => r.id)).toEqual([again.result.id]);
    expect(await fx.balance(payment.accountId)).toBe(balance + 200_000);
  });

  it('a POST without a key is never retried', async () => {
    const answers = proxy.answers;
    proxy.dropNext(1);
    const error = await apiFailure(viaProxy.request('POST', 'v1/auth/login', { json: { email: 'mei@example.com', password: 'demo' } }));
    expect(error.isNetwork).toBe(true);
    expect(proxy.answers - answers).toBe(1);
  });

  it('each operation gets its own key; a key given is sent as is', async () => {
    const payment = await fx.payment('IDR', 90_000);
    const a = await viaProxy.refunds.create({ transactionId: payment.id, amount: 10_000, reason: 'duplicate' });
    const b = await viaProxy.refunds.create({ transactionId: payment.id, amount: 10_000, reason: 'duplicate' });
    expect(a.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(b.idempotencyKey).not.toBe(a.idempotencyKey);
    expect(a.result.id).not.toBe(b.result.id);
    const mine = await viaProxy.refunds.create({ transactionId: payment.id, amount: 10_000, reason: 'duplicate' }, { idempotencyKey: 'batch-7-row-12' });
    const stored = await server.store.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'batch-7-row-12').execute();
    expect([mine.replayed, stored.length]).toEqual([false, 1]);
    expect(await fx.refunded(payment.id)).toBe(30_000);
  });
});
