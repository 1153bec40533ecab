import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { ProblemError } from '../../src/server/domain/errors.js';
import type { WalletBackend, WalletCall } from '../../src/server/wallets/backend.js';
import { LocalLedger } from '../../src/server/wallets/local-ledger.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { MoneyFixtures } from '../helpers/money.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';

type Method = keyof WalletBackend;

/** A company's wallet backend, as the desk sees it: here the local ledger, watched, and able to refuse. */
class WatchedBackend implements WalletBackend {
  readonly calls: { method: Method; idempotencyKey: string | null }[] = [];
  refuseRefunds = false;
  readonly #inner: LocalLedger;

  constructor(inner: LocalLedger) {
    this.#inner = inner;
  }

  #note(method: Method, call: WalletCall) {
    this.calls.push({ method, idempotencyKey: call.idempotencyKey });
  }
  lockAccount(call: WalletCall, id: string) {
    this.#note('lockAccount', call);
    return this.#inner.lockAccount(call, id);
  }
  findAccount(call: WalletCall, id: string) {
    this.#note('findAccount', call);
    return this.#inner.findAccount(call, id);
  }
  findTransaction(call: WalletCall, id: string, options: { lock: boolean }) {
    this.#note('findTransaction', call);
    return this.#inner.findTransaction(call, id, options);
  }
  setStatus(...args: Parameters<WalletBackend['setStatus']>) {
    this.#note('setStatus', args[0]);
    return this.#inner.setStatus(...args);
  }
  post(...args: Parameters<WalletBackend['post']>) {
    this.#note('post', args[0]);
    return this.#inner.post(...args);
  }
  async refund(...args: Parameters<WalletBackend['refund']>) {
    this.#note('refund', args[0]);
    if (this.refuseRefunds) throw new ProblemError('wallet_backend_unavailable', 'the wallet backend did not answer; nothing was refunded, retry with the same key', { status: 503 });
    return this.#inner.refund(...args);
  }
}

describe(`the wallet backend seam (${ENGINE})`, () => {
  let server: TestServer;
  let backend: WatchedBackend;
  let agent: SupportClient;
  let admin: SupportClient;
  let fx: MoneyFixtures;

  beforeAll(async () => {
    server = await startTestServer({ inject: true, demo: true, wallets: (store) => (backend = new WatchedBackend(new LocalLedger(store.engine))) });
    [agent, admin] = await Promise.all([server.login(), server.login('admin@example.com')]);
    fx = new MoneyFixtures(server, admin);
  });
  afterAll(() => server.close());

  it('freezes, postings and refunds go through the backend, with the client’s Idempotency-Key', async () => {
    const payment = await fx.payment('IDR', 20_000);
    backend.calls.length = 0;
    const refundKey = randomUUID();
    const { result: refund } = await agent.refunds.create({ transactionId: payment.id, amount: 5_000, reason: 'duplicate' }, { idempotencyKey: refundKey });
    expect(refund.status).toBe('succeeded');
    expect(backend.calls.filter((c) => c.method === 'refund')).toEqual([{ method: 'refund', idempotencyKey: refundKey }]);
    expect(backend.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['findTransaction', 'findAccount', 'refund']));

    backend.calls.length = 0;
    const freezeKey = randomUUID();
    await agent.accounts.freeze(payment.accountId, { reason: 'suspected_takeover', note: 'through the seam' }, { idempotencyKey: freezeKey });
    expect(backend.calls).toEqual([
      { method: 'lockAccount', idempotencyKey: freezeKey },
      { method: 'setStatus', idempotencyKey: freezeKey },
    ]);

    backend.calls.length = 0;
    await admin.accounts.postTransaction(payment.accountId, { type: 'top_up', amount: 1_000, currency: 'IDR', counterparty: 'Seam top-up' });
    expect(backend.calls.map((c) => c.method)).toEqual(['post']);
  });

  it('when the backend refuses, the desk records nothing: no refund row, no money moved, the key can be retried', async () => {
    const payment = await fx.payment('IDR', 30_000);
    const balance = await fx.balance(payment.accountId);
    const successes = async () =>
      (await server.store.db.selectFrom('audit_log').select('id').where('action', '=', 'refund.create').where('outcome', '=', 'succeeded').where('before', 'like', `%${payment.id}%`).execute()).length;
    const key = randomUUID();
    backend.refuseRefunds = true;
    try {
      const failure = await apiFailure(agent.refunds.create({ transactionId: payment.id, amount: 7_000, reason: 'duplicate' }, { idempotencyKey: key }));
      expect([failure.status, failure.code]).toEqual([503, 'wallet_backend_unavailable']);
    } finally {
      backend.refuseRefunds = false;
    }
    expect(await fx.refundRows(payment.id)).toEqual([]);
    expect(await fx.refunded(payment.id)).toBe(0);
    expect(await fx.balance(payment.accountId)).toBe(balance);
    expect(await successes()).toBe(0);

    const { result } = await agent.refunds.create({ transactionId: payment.id, amount: 7_000, reason: 'duplicate' }, { idempotencyKey: key });
    expect(result.status).toBe('succeeded');
    expect(await fx.balance(payment.accountId)).toBe(balance + 7_000);
    expect(await successes()).toBe(1);
  });
});
