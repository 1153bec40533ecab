import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { MoneyFixtures } from '../helpers/money.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * Every refusal of a change to money or an account leaves one `denied` audit entry naming who, what,
 * on what and why, whichever layer refuses it: the role check before the handler, the domain's rules
 * (four eyes, limits, state), or the ledger. Refused reads leave none.
 */
describe(`refusals are audited as denied (${ENGINE})`, () => {
  let server: TestServer;
  let agent: SupportClient;
  let lead: SupportClient;
  let admin: SupportClient;
  let fx: MoneyFixtures;
  let ids: Record<'agent' | 'lead' | 'admin', string>;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    [agent, lead, admin] = await Promise.all([server.login(), server.login('lead@example.com'), server.login('admin@example.com')]);
    fx = new MoneyFixtures(server, admin);
    const agents = await server.store.db.selectFrom('agents').select(['id', 'email']).execute();
    const idOf = (email: string) => agents.find((a) => a.email === email)!.id;
    ids = { agent: idOf('agent@example.com'), lead: idOf('lead@example.com'), admin: idOf('admin@example.com') };
  });
  afterAll(() => server.close());

  const auditCount = async () => Number((await server.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  /** The denied entries about one target: [action, actor, target type, refusal code], oldest first. */
  const deniedOn = async (targetId: string) =>
    (await server.store.db.selectFrom('audit_log').selectAll().where('target_id', '=', targetId).where('outcome', '=', 'denied').orderBy('id').execute()).map((a) => [
      a.action,
      a.actor_id,
      a.target_type,
      JSON.parse(a.after!).refused,
    ]);
  const accountRow = (id: string) => server.store.db.selectFrom('wallet_accounts').select(['status', 'balance']).where('id', '=', id).executeTakeFirstOrThrow();

  it('an agent refused by role (unfreeze, close, approve, reject, ledger) leaves a denied entry each, and nothing changes', async () => {
    const { id: accountId } = await fx.account('CNY');
    await agent.accounts.freeze(accountId, { reason: 'customer_request', note: 'Lost phone' });
    const payment = await fx.payment('CNY', 90_000);
    const { result: waiting } = await agent.refunds.create({ transactionId: payment.id, reason: 'service_issue' });
    expect(waiting.status).toBe('pending_approval');
    const account = await accountRow(accountId);

    for (const call of [
      () => agent.accounts.unfreeze(accountId, { verification: { method: 'id_document', reference: 'KTP 1' } }),
      () => agent.accounts.close(accountId, { reason: 'customer_request', note: 'Leaving' }),
      () => agent.accounts.postTransaction(accountId, { type: 'top_up', amount: 100, currency: 'CNY', counterparty: 'Me' }),
      () => agent.refunds.approve(waiting.id),
      () => agent.refunds.reject(waiting.id, { reason: 'no' }),
    ]) {
      const error = await apiFailure(call());
      expect([error.status, error.code]).toEqual([403, 'forbidden']);
    }
    expect(await deniedOn(accountId)).toEqual([
      ['account.unfreeze', ids.agent, 'account', 'forbidden'],
      ['account.close', ids.agent, 'account', 'forbidden'],
      ['ledger.post', ids.agent, 'account', 'forbidden'],
    ]);
    expect(await deniedOn(waiting.id)).toEqual([
      ['refund.approve', ids.agent, 'refund', 'forbidden'],
      ['refund.reject', ids.agent, 'refund', 'forbidden'],
    ]);
    const entry = await server.store.db.selectFrom('audit_log').selectAll().where('target_id', '=', waiting.id).where('outcome', '=', 'denied').orderBy('id').executeTakeFirstOrThrow();
    expect([entry.actor_role, entry.reason]).toEqual(['agent', 'your role (agent) cannot do this; it needs one of the roles supervisor, admin']);
    expect(entry.request_id).toMatch(/.+/);
    expect(await accountRow(accountId)).toEqual(account);
    expect((await fx.refundRows(payment.id)).map((r) => r.status)).toEqual(['pending_approval']);
  });

  it('a refused read leaves no entry', async () => {
    const before = await auditCount();
    const error = await apiFailure(agent.audit.listAll());
    expect([error.status, error.code]).toEqual([403, 'forbidden']);
    expect(await auditCount()).toBe(before);
  });

  it('refunds refused by their state or the payment are audited against the transaction', async () => {
    const topUp = (await admin.accounts.postTransaction((await fx.account('CNY')).id, { type: 'top_up', amount: 5_000, currency: 'CNY', counterparty: 'Bank' })).result.transaction;
    const notRefundable = await apiFailure(agent.refunds.create({ transactionId: topUp.id, reason: 'duplicate' }));
    expect(notRefundable.code).toBe('not_refundable');
    expect(await deniedOn(topUp.id)).toEqual([['refund.create', ids.agent, 'transaction', 'not_refundable']]);

    const payment = await fx.payment('CNY', 10_000);
    const tooMuch = await apiFailure(agent.refunds.create({ transactionId: payment.id, amount: 10_001, reason: 'duplicate' }));
    expect(tooMuch.code).toBe('refund_exceeds_refundable');
    await agent.refunds.create({ transactionId: payment.id, reason: 'duplicate' });
    const nothing = await apiFailure(agent.refunds.create({ transactionId: payment.id, reason: 'duplicate' }));
    expect(nothing.code).toBe('nothing_to_refund');

    const closed = await fx.payment('CNY', 10_000);
    await fx.drain(closed.accountId);
    await lead.accounts.close(closed.accountId, { reason: 'customer_request', note: 'Leaving' });
    const intoClosed = await apiFailure(agent.refunds.create({ transactionId: closed.id, reason: 'duplicate' }));
    expect(intoClosed.code).toBe('account_closed');
    expect([...(await deniedOn(payment.id)), ...(await deniedOn(closed.id))]).toEqual([
      ['refund.create', ids.agent, 'transaction', 'refund_exceeds_refundable'],
      ['refund.create', ids.agent, 'transaction', 'nothing_to_refund'],
      ['refund.create', ids.agent, 'transaction', 'account_closed'],
    ]);
  });

  it('approvals refused by the approver’s limit or the refund’s state are audited against the refund', async () => {
    // 6,000.00 CNY: above the agent's limit (it waits) and the supervisor's own 5,000.00 per refund.
    const payment = await fx.payment('CNY', 600_000);
    const { result: big } = await agent.refunds.create({ transactionId: payment.id, reason: 'fraudulent' });
    const beyond = await apiFailure(lead.refunds.approve(big.id));
    expect([beyond.status, beyond.code]).toEqual([403, 'approval_limit_exceeded']);
    await admin.refunds.reject(big.id, { reason: 'Not fraud' });
    const decided = await apiFailure(lead.refunds.approve(big.id));
    expect(decided.code).toBe('refund_not_pending');
    const again = await apiFailure(lead.refunds.reject(big.id, { reason: 'again' }));
    expect(again.code).toBe('refund_not_pending');
    expect(await deniedOn(big.id)).toEqual([
      ['refund.approve', ids.lead, 'refund', 'approval_limit_exceeded'],
      ['refund.approve', ids.lead, 'refund', 'refund_not_pending'],
      ['refund.reject', ids.lead, 'refund', 'refund_not_pending'],
    ]);
    expect(await fx.refunded(payment.id)).toBe(0);
  });

  it('account changes refused by the wallet’s state are audited, the ledger’s too', async () => {
    const { id, balance } = await fx.account('CNY');
    expect(balance).toBeGreaterThan(0);
    const notEmpty = await apiFailure(lead.accounts.close(id, { reason: 'customer_request', note: 'Leaving' }));
    expect(notEmpty.code).toBe('account_balance_not_zero');
    const otherCurrency = await apiFailure(admin.accounts.postTransaction(id, { type: 'top_up', amount: 100, currency: 'IDR', counterparty: 'Bank' }));
    expect([otherCurrency.status, otherCurrency.code]).toEqual([422, 'currency_mismatch']);
    await fx.drain(id);
    await lead.accounts.close(id, { reason: 'customer_request', note: 'Leaving' });
    const after = await accountRow(id);
    const intoClosed = await apiFailure(admin.accounts.postTransaction(id, { type: 'top_up', amount: 100, currency: 'CNY', counterparty: 'Bank' }));
    expect([intoClosed.status, intoClosed.code]).toEqual([409, 'account_closed']);
    expect(await accountRow(id)).toEqual(after);
    expect(await deniedOn(id)).toEqual([
      ['account.close', ids.lead, 'account', 'account_balance_not_zero'],
      ['ledger.post', ids.admin, 'account', 'currency_mismatch'],
      ['ledger.post', ids.admin, 'account', 'account_closed'],
    ]);
  });
  it('a refusal by the workflow rules (state) leaves a denied entry under the route\'s action; a missing target or a malformed body leaves none', async () => {
    const [first] = (await agent.queue.list({ limit: 1 })).data;
    const id = first!.id;
    await agent.conversations.resolve(id);
    const before = await auditCount();
    const refused = await apiFailure(agent.conversations.resolve(id));
    expect(refused.status).toBe(409);
    expect(await deniedOn(String(id))).toEqual([['conversation.resolve', ids.agent, 'conversation', refused.code]]);
    expect(await auditCount()).toBe(before + 1);
    const unknown = await apiFailure(agent.conversations.resolve(2_000_000_000));
    expect(unknown.status).toBe(404);
    const login = await fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'agent@example.com', password: 'demo' }) });
    const { token } = (await login.json()) as { token: string };
    const afterLogin = await auditCount();
    const response = await fetch(`${server.url}/v1/conversations/${id}/transfer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ toTeam: 42 }),
    });
    expect(response.status).toBe(400);
    expect(await auditCount()).toBe(afterLogin);
  });
});
