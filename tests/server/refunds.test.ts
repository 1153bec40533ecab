import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Refund } from '../../src/api/types.js';
import type { ApiError } from '../../src/client/errors.js';
import type { Idempotent } from '../../src/client/money-api.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { MoneyFixtures } from '../helpers/money.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';

describe(`refunds (${ENGINE})`, () => {
  let server: TestServer;
  let agent: SupportClient;
  let lead: SupportClient;
  let admin: SupportClient;
  let fx: MoneyFixtures;
  let ids: Record<'agent' | 'lead' | 'admin', string>;

  beforeAll(async () => {
    server = await startTestServer({ inject: true, demo: true });
    [agent, lead, admin] = await Promise.all([server.login(), server.login('lead@example.com'), server.login('admin@example.com')]);
    fx = new MoneyFixtures(server, admin);
    const agents = await server.store.db.selectFrom('agents').select(['id', 'email']).execute();
    const idOf = (email: string) => agents.find((a) => a.email === email)!.id;
    ids = { agent: idOf('agent@example.com'), lead: idOf('lead@example.com'), admin: idOf('admin@example.com') };
  });
  afterAll(() => server.close());

  const state = async (transactionId: string, accountId: string) => ({
    balance: await fx.balance(accountId),
    refunded: await fx.refunded(transactionId),
    refunds: (await fx.refundRows(transactionId)).map((r) => [r.id, r.status]),
  });

  it('refunds the whole rest when no amount is given, crediting the wallet through the ledger', async () => {
    const payment = await fx.payment('CNY', 12_000);
    const balance = await fx.balance(payment.accountId);
    const { result: refund } = await agent.refunds.create({ transactionId: payment.id, reason: 'failed_delivery', note: 'Parcel never arrived' });
    expect(refund).toMatchObject({
      transactionId: payment.id,
      accountId: payment.accountId,
      amount: { amount: 12_000, currency: 'CNY' },
      reason: 'failed_delivery',
      note: 'Parcel never arrived',
      status: 'succeeded',
      approvalReason: null,
      requestedBy: { id: ids.agent, name: 'Ayu Lestari' },
      decidedBy: null,
    });
    expect(await fx.balance(payment.accountId)).toBe(balance + 12_000);
    expect(await fx.refunded(payment.id)).toBe(12_000);
    const credit = await server.store.db.selectFrom('transactions').selectAll().where('id', '=', refund.refundTransactionId!).executeTakeFirstOrThrow();
    expect(credit).toMatchObject({ type: 'refund', status: 'succeeded', amount: 12_000, currency: 'CNY', account_id: payment.accountId, description: `Refund of ${payment.id}` });

    const detail = await agent.transactions.get(payment.id);
    expect(detail.transaction).toMatchObject({ refunded: { amount: 12_000, currency: 'CNY' }, refundable: { amount: 0, currency: 'CNY' }, refundPending: { amount: 0, currency: 'CNY' } });
    expect(detail.refunds.map((r) => r.id)).toEqual([refund.id]);

    const before = await state(payment.id, payment.accountId);
    const again = await apiFailure(agent.refunds.create({ transactionId: payment.id, reason: 'duplicate' }));
    expect([again.status, again.code, again.message]).toEqual([422, 'nothing_to_refund', `payment ${payment.id} has nothing left to refund: 120.00 CNY of 120.00 CNY refunded already`]);
    expect(await state(payment.id, payment.accountId)).toEqual(before);
  });

  it('takes partial refunds up to the captured amount and refuses more, naming what is left', async () => {
    const payment = await fx.payment('IDR', 300_000);
    const balance = await fx.balance(payment.accountId);
    await agent.refunds.create({ transactionId: payment.id, amount: 100_000, reason: 'service_issue' });
    await agent.refunds.create({ transactionId: payment.id, amount: 150_000, reason: 'service_issue' });
    const before = await state(payment.id, payment.accountId);
    const over = await apiFailure(agent.refunds.create({ transactionId: payment.id, amount: 60_000, reason: 'service_issue' }));
    expect([over.status, over.code]).toEqual([422, 'refund_exceeds_refundable']);
    expect(over.message).toBe(`60,000 IDR is more than the 50,000 IDR left to refund of payment ${payment.id} (300,000 IDR captured, 250,000 IDR refunded, 0 IDR awaiting approval)`);
    expect(await state(payment.id, payment.accountId)).toEqual(before);
    const { result: last } = await agent.refunds.create({ transactionId: payment.id, reason: 'service_issue' });
    expect(last.amount).toEqual({ amount: 50_000, currency: 'IDR' });
    expect(await fx.balance(payment.accountId)).toBe(balance + 300_000);
    expect(await fx.refunded(payment.id)).toBe(300_000);
  });

  it('refunds only succeeded payments, and refuses bad input with nothing changed', async () => {
    const db = server.store.db;
    const failed = await db.selectFrom('transactions').selectAll().where('type', '=', 'payment').where('status', '=', 'failed').where('failure_reason', '=', 'insufficient_balance').limit(1).executeTakeFirstOrThrow();
    const pending = await db.selectFrom('transactions').selectAll().where('type', '=', 'transfer_out').where('status', '=', 'pending').limit(1).executeTakeFirstOrThrow();
    const topUp = await db.selectFrom('transactions').selectAll().where('type', '=', 'top_up').limit(1).executeTakeFirstOrThrow();
    const refundsBefore = (await db.selectFrom('refunds').select('id').execute()).length;

    const cases: [string, () => Promise<unknown>, number, string, string | undefined][] = [
      ['failed payment', () => agent.refunds.create({ transactionId: failed.id, reason: 'duplicate' }), 422, 'not_refundable', `payment ${failed.id} failed (insufficient_balance), so nothing was taken; only succeeded payments can be refunded`],
      ['pending transfer', () => agent.refunds.create({ transactionId: pending.id, reason: 'duplicate' }), 422, 'not_refundable', `transaction ${pending.id} is a transfer out, not a payment; only payments can be refunded`],
      ['top-up', () => agent.refunds.create({ transactionId: topUp.id, reason: 'duplicate' }), 422, 'not_refundable', `transaction ${topUp.id} is a top up, not a payment; only payments can be refunded`],
      ['unknown', () => agent.refunds.create({ transactionId: 'txn_doesnotexist', reason: 'duplicate' }), 404, 'not_found', 'transaction txn_doesnotexist does not exist'],
      ['zero', () => agent.refunds.create({ transactionId: topUp.id, amount: 0, reason: 'duplicate' }), 400, 'validation_failed', undefined],
      ['fraction', () => agent.refunds.create({ transactionId: topUp.id, amount: 1.5, reason: 'duplicate' }), 400, 'validation_failed', undefined],
      ['reason', () => agent.refunds.create({ transactionId: topUp.id, reason: 'goodwill' } as never), 400, 'validation_failed', undefined],
      ['currency', () => agent.refunds.create({ transactionId: topUp.id, amount: 10, currency: 'USD', reason: 'duplicate' } as never), 400, 'validation_failed', undefined],
    ];
    for (const [name, call, status, code, message] of cases) {
      const error = await apiFailure(call());
      expect([name, error.status, error.code], error.message).toEqual([name, status, code]);
      if (message) expect(error.message).toBe(message);
    }
    expect((await db.selectFrom('refunds').select('id').execute()).length).toBe(refundsBefore);
  });

  it('above the agent’s limit per refund the refund waits for approval and holds its amount back', async () => {
    const payment = await fx.payment('CNY', 100_000);
    const balance = await fx.balance(payment.accountId);
    const preview = await agent.refunds.preview({ transactionId: payment.id, amount: 50_001 });
    expect(preview).toMatchObject({ amount: { amount: 50_001, currency: 'CNY' }, approvalRequired: true, approvalReason: 'per_refund_limit', allowance: { perRefund: { amount: 50_000, currency: 'CNY' } } });
    expect((await agent.refunds.preview({ transactionId: payment.id, amount: 50_000 })).approvalRequired).toBe(false);

    const { result: waiting } = await agent.refunds.create({ transactionId: payment.id, amount: 50_001, reason: 'requested_by_customer' });
    expect([waiting.status, waiting.approvalReason, waiting.refundTransactionId]).toEqual(['pending_approval', 'per_refund_limit', null]);
    expect(await fx.balance(payment.accountId)).toBe(balance);
    expect((await agent.transactions.get(payment.id)).transaction).toMatchObject({ refunded: { amount: 0 }, refundable: { amount: 49_999 }, refundPending: { amount: 50_001 } });

    const held = await apiFailure(agent.refunds.create({ transactionId: payment.id, amount: 50_000, reason: 'requested_by_customer' }));
    expect(held.code).toBe('refund_exceeds_refundable');
    expect(held.message).toContain('500.01 CNY awaiting approval');
    const { result: rest } = await agent.refunds.create({ transactionId: payment.id, reason: 'requested_by_customer' });
    expect([rest.status, rest.amount.amount]).toEqual(['succeeded', 49_999]);
  });

  it('four eyes: nobody approves their own refund; an agent approves nothing; another supervisor or admin does', async () => {
    const payment = await fx.payment('CNY', 600_000);
    const balance = await fx.balance(payment.accountId);
    // 6,000.00 CNY is above the supervisor's own 5,000.00 limit: the lead's refund waits too.
    const { result: mine } = await lead.refunds.create({ transactionId: payment.id, reason: 'fraudulent' });
    expect([mine.status, mine.approvalReason]).toEqual(['pending_approval', 'per_refund_limit']);

    expect((await lead.refunds.get(mine.id)).approvalCheck).toMatchObject({ allowed: false, code: 'four_eyes_required' });
    const own = await apiFailure(lead.refunds.approve(mine.id));
    expect([own.status, own.code, own.message]).toEqual([403, 'four_eyes_required', `you asked for refund ${mine.id}; another supervisor or admin must approve it (four eyes)`]);
    const byAgent = await apiFailure(agent.refunds.approve(mine.id));
    expect([byAgent.status, byAgent.code]).toEqual([403, 'forbidden']);
    expect(await fx.balance(payment.accountId)).toBe(balance);
    // Both refusals are audited: four eyes by the domain, the agent's role before the handler runs.
    const denied = await server.store.db.selectFrom('audit_log').selectAll().where('target_id', '=', mine.id).where('outcome', '=', 'denied').orderBy('id').execute();
    expect(denied.map((d) => [d.action, d.actor_id, JSON.parse(d.after!).refused])).toEqual([
      ['refund.approve', ids.lead, 'four_eyes_required'],
      ['refund.approve', ids.agent, 'forbidden'],
    ]);

    expect((await admin.refunds.get(mine.id)).approvalCheck).toEqual({ allowed: true, code: null, detail: null });
    const { result: approved } = await admin.refunds.approve(mine.id, { note: 'Fraud confirmed by the risk team' });
    expect(approved).toMatchObject({ status: 'succeeded', decidedBy: { id: ids.admin }, decisionNote: 'Fraud confirmed by the risk team' });
    expect(approved.refundTransactionId).toMatch(/^txn_/);
    expect(await fx.balance(payment.accountId)).toBe(balance + 600_000);
    expect(await fx.refunded(payment.id)).toBe(600_000);
    expect((await admin.refunds.get(mine.id)).approvalCheck).toBeNull();
  });

  it('a supervisor approves an agent’s refund; create and approve are both audited', async () => {
    const payment = await fx.payment('CNY', 80_000);
    const balance = await fx.balance(payment.accountId);
    const { result: waiting, idempotencyKey: createKey } = await agent.refunds.create({ transactionId: payment.id, reason: 'duplicate', note: 'Charged twice' });
    expect((await agent.refunds.get(waiting.id)).approvalCheck).toMatchObject({ allowed: false, code: 'forbidden' });
    const { result: approved, idempotencyKey: approveKey } = await lead.refunds.approve(waiting.id);
    expect(approved).toMatchObject({ status: 'succeeded', requestedBy: { id: ids.agent }, decidedBy: { id: ids.lead, name: 'Wei Chen' } });
    expect(await fx.balance(payment.accountId)).toBe(balance + 80_000);

    const audit = await server.store.db.selectFrom('audit_log').selectAll().where('target_type', '=', 'refund').where('target_id', '=', waiting.id).orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.actor_id, a.actor_role, a.outcome, a.idempotency_key])).toEqual([
      ['refund.create', ids.agent, 'agent', 'succeeded', createKey],
      ['refund.approve', ids.lead, 'supervisor', 'succeeded', approveKey],
    ]);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ status: 'pending_approval', amount: { amount: 80_000, currency: 'CNY' } });
    expect(audit[0]!.reason).toBe('duplicate: Charged twice');
    expect(JSON.parse(audit[1]!.before!)).toEqual({ status: 'pending_approval', refunded: 0 });
    expect(JSON.parse(audit[1]!.after!)).toMatchObject({ status: 'succeeded', refunded: 80_000 });
    const events = await server.store.db.selectFrom('events').select(['type', 'payload']).where('type', 'in', ['refund.created', 'refund.updated']).orderBy('id').execute();
    expect(events.filter((e) => e.payload.includes(waiting.id)).map((e) => e.type)).toEqual(['refund.created', 'refund.updated']);
  });

  it('a rejection needs a reason, moves nothing and frees the held amount; decided refunds stay decided', async () => {
    const payment = await fx.payment('CNY', 70_000);
    const balance = await fx.balance(payment.accountId);
    const { result: waiting } = await agent.refunds.create({ transactionId: payment.id, reason: 'requested_by_customer' });
    const noReason = await apiFailure(lead.refunds.reject(waiting.id, {} as never));
    expect(noReason.fieldErrors).toEqual(['reason: is required']);
    const { result: rejected } = await lead.refunds.reject(waiting.id, { reason: 'Outside the 30-day window' });
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: { id: ids.lead }, decisionNote: 'Outside the 30-day window', refundTransactionId: null });
    expect(await fx.balance(payment.accountId)).toBe(balance);
    expect((await agent.transactions.get(payment.id)).transaction.refundable.amount).toBe(70_000);

    const approve = await apiFailure(admin.refunds.approve(waiting.id));
    expect([approve.status, approve.code, approve.message]).toEqual([409, 'refund_not_pending', `refund ${waiting.id} is rejected already; only refunds awaiting approval can be decided`]);
    const reject = await apiFailure(admin.refunds.reject(waiting.id, { reason: 'again' }));
    expect([reject.status, reject.code]).toEqual([409, 'refund_not_pending']);
    expect(await fx.balance(payment.accountId)).toBe(balance);
  });

  it('approval re-checks the account: a wallet closed in the meantime takes no refund', async () => {
    const payment = await fx.payment('CNY', 90_000);
    const { result: waiting } = await agent.refunds.create({ transactionId: payment.id, reason: 'service_issue' });
    await fx.drain(payment.accountId);
    await lead.accounts.close(payment.accountId, { reason: 'customer_request', note: 'Customer left' });
    expect((await lead.refunds.get(waiting.id)).approvalCheck).toMatchObject({ allowed: false, code: 'account_closed' });
    const error = await apiFailure(lead.refunds.approve(waiting.id));
    expect([error.status, error.code]).toEqual([409, 'account_closed']);
    expect((await fx.refundRows(payment.id)).map((r) => r.status)).toEqual(['pending_approval']);
    expect(await fx.balance(payment.accountId)).toBe(0);
    expect(await fx.refunded(payment.id)).toBe(0);
    const { result } = await lead.refunds.reject(waiting.id, { reason: 'Account closed' });
    expect(result.status).toBe('rejected');
  });

  it('approval re-checks the rest: money refunded elsewhere in the meantime is not refunded twice', async () => {
    const payment = await fx.payment('CNY', 100_000);
    const { result: waiting } = await agent.refunds.create({ transactionId: payment.id, amount: 60_000, reason: 'service_issue' });
    // The wallet backend settled a chargeback of 500.00 on its own: the payment's refunded amount grew
    // outside this API (no endpoint does that, so the test writes it as the backend would).
    await server.store.db.updateTable('transactions').set({ refunded_amount: 50_000 }).where('id', '=', payment.id).execute();
    const balance = await fx.balance(payment.accountId);
    const error = await apiFailure(lead.refunds.approve(waiting.id));
    expect([error.status, error.code]).toEqual([422, 'refund_exceeds_refundable']);
    expect(error.message).toBe(`only 500.00 CNY of payment ${payment.id} is left to refund now (500.00 CNY refunded since); this 600.00 CNY refund cannot be approved: reject it`);
    expect(await fx.balance(payment.accountId)).toBe(balance);
    expect(await fx.refunded(payment.id)).toBe(50_000);
  });

  it('approval re-checks the approver’s own limit, which admins set', async () => {
    const payment = await fx.payment('CNY', 60_000);
    const { result: waiting } = await agent.refunds.create({ transactionId: payment.id, reason: 'service_issue' });
    const limits = await admin.refunds.setLimits({ limits: [{ role: 'supervisor', currency: 'CNY', perRefund: 10_000, perDay: 2_000_000 }] });
    expect(limits.data.find((l) => l.role === 'supervisor' && l.currency === 'CNY')).toMatchObject({ perRefund: { amount: 10_000 }, updatedBy: { id: ids.admin } });
    try {
      const error = await apiFailure(lead.refunds.approve(waiting.id));
      expect([error.status, error.code, error.message]).toEqual([403, 'approval_limit_exceeded', '600.00 CNY is above your limit of 100.00 CNY per refund; an admin must approve it']);
      const { result } = await admin.refunds.approve(waiting.id);
      expect(result.status).toBe('succeeded');
    } finally {
      await admin.refunds.setLimits({ limits: [{ role: 'supervisor', currency: 'CNY', perRefund: 500_000, perDay: 2_000_000 }] });
    }
    const audit = await server.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'refund_limits.update').orderBy('id').execute();
    expect(audit.map((a) => [a.target_id, JSON.parse(a.after!)])).toEqual([
      ['supervisor:CNY', { perRefund: 10_000, perDay: 2_000_000 }],
      ['supervisor:CNY', { perRefund: 500_000, perDay: 2_000_000 }],
    ]);
  });

  it('20 concurrent partial refunds never refund more than was captured', async () => {
    const payment = await fx.payment('IDR', 1_000_000);
    const balance = await fx.balance(payment.accountId);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => agent.refunds.create({ transactionId: payment.id, amount: 150_000, reason: 'duplicate' })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as ApiError).code);
    expect(ok).toHaveLength(6);
    expect(new Set(refused)).toEqual(new Set(['refund_exceeds_refundable']));
    expect(await fx.refunded(payment.id)).toBe(900_000);
    expect(await fx.balance(payment.accountId)).toBe(balance + 900_000);
    const credits = await server.store.db.selectFrom('transactions').select('amount').where('account_id', '=', payment.accountId).where('type', '=', 'refund').execute();
    expect(credits.reduce((sum, c) => sum + c.amount, 0)).toBe(900_000);
  });

  it('20 concurrent refunds awaiting approval, then concurrent approvals by two people, never over-refund', async () => {
    const payment = await fx.payment('CNY', 600_000);
    const balance = await fx.balance(payment.accountId);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => agent.refunds.create({ transactionId: payment.id, amount: 70_000, reason: 'duplicate' })),
    );
    const waiting = results.filter((r): r is PromiseFulfilledResult<Idempotent<Refund>> => r.status === 'fulfilled').map((r) => r.value.result);
    expect(waiting).toHaveLength(8);
    expect(waiting.every((r) => r.status === 'pending_approval')).toBe(true);
    expect((await agent.transactions.get(payment.id)).transaction).toMatchObject({ refundable: { amount: 40_000 }, refundPending: { amount: 560_000 } });

    // Lead and admin race to approve every one of them.
    const approvals = await Promise.allSettled(waiting.flatMap((r) => [lead.refunds.approve(r.id), admin.refunds.approve(r.id)]));
    const approved = approvals.filter((a) => a.status === 'fulfilled');
    const lost = approvals.filter((a): a is PromiseRejectedResult => a.status === 'rejected').map((a) => (a.reason as ApiError).code);
    expect(approved).toHaveLength(8);
    expect(new Set(lost)).toEqual(new Set(['refund_not_pending']));
    expect(await fx.refunded(payment.id)).toBe(560_000);
    expect(await fx.balance(payment.accountId)).toBe(balance + 560_000);
  });

  it('lists refunds newest first with filters and cursors', async () => {
    const payment = await fx.payment('CNY', 300_000);
    const a = (await agent.refunds.create({ transactionId: payment.id, amount: 60_000, reason: 'duplicate' })).result;
    server.clock.advance(1);
    const b = (await lead.refunds.create({ transactionId: payment.id, amount: 10_000, reason: 'duplicate' })).result;
    server.clock.advance(1);
    const c = (await agent.refunds.create({ transactionId: payment.id, amount: 70_000, reason: 'duplicate' })).result;
    expect([a.status, b.status, c.status]).toEqual(['pending_approval', 'succeeded', 'pending_approval']);

    const ofPayment = await agent.refunds.list({ transactionId: payment.id });
    expect(ofPayment.data.map((r) => r.id)).toEqual([c.id, b.id, a.id]);
    const pending = await lead.refunds.listAll({ status: 'pending_approval' });
    expect(pending.every((r) => r.status === 'pending_approval')).toBe(true);
    expect(pending.map((r) => r.id)).toEqual(expect.arrayContaining([a.id, c.id]));
    // The demo desk has two refunds waiting for approval from the start.
    expect(pending.some((r) => r.note === 'Merchant confirmed the order was never shipped.')).toBe(true);
    const approvableByAgent = await agent.refunds.listAll({ approvable: true, transactionId: payment.id });
    expect(approvableByAgent).toEqual([]);
    const approvableByLead = await lead.refunds.listAll({ approvable: true, transactionId: payment.id });
    expect(new Set(approvableByLead.map((r) => r.id))).toEqual(new Set([a.id, c.id]));
    const mine = await lead.refunds.listAll({ requestedBy: 'me', transactionId: payment.id });
    expect(mine.map((r) => r.id)).toEqual([b.id]);

    const all = await admin.refunds.listAll();
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.refunds.list({ limit: 3, ...(cursor ? { cursor } : {}) });
      paged.push(...page.data.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all.map((r) => r.id));
    expect(new Set(paged).size).toBe(paged.length);
    const times = all.map((r) => Date.parse(r.createdAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);

    const bad = await apiFailure(admin.refunds.list({ cursor: 'bm9wZQ' }));
    expect(bad.code).toBe('bad_cursor');
    const unknown = await apiFailure(admin.refunds.get('rfd_doesnotexist'));
    expect([unknown.status, unknown.message]).toEqual([404, 'refund rfd_doesnotexist does not exist']);
  });

  it('limits: everyone reads them and their own allowance; only admins set them', async () => {
    const limits = await agent.refunds.limits();
    expect(limits.data.map((l) => [l.role, l.currency, l.perRefund.amount, l.perDay.amount])).toEqual([
      ['admin', 'CNY', 5_000_000, 20_000_000],
      ['admin', 'IDR', 500_000_000, 2_000_000_000],
      ['agent', 'CNY', 50_000, 200_000],
      ['agent', 'IDR', 5_000_000, 20_000_000],
      ['supervisor', 'CNY', 500_000, 2_000_000],
      ['supervisor', 'IDR', 50_000_000, 200_000_000],
    ]);
    expect(limits.mine.role).toBe('agent');
    expect(limits.mine.allowances.map((a) => a.currency)).toEqual(['CNY', 'IDR']);
    const cny = limits.mine.allowances[0]!;
    expect(cny.remainingLast24h.amount).toBe(cny.perDay.amount - cny.usedLast24h.amount);

    const byLead = await apiFailure(lead.refunds.setLimits({ limits: [{ role: 'agent', currency: 'CNY', perRefund: 1, perDay: 1 }] }));
    expect([byLead.status, byLead.code]).toEqual([403, 'forbidden']);
    const negative = await apiFailure(admin.refunds.setLimits({ limits: [{ role: 'agent', currency: 'CNY', perRefund: -1, perDay: 1 }] }));
    expect(negative.code).toBe('validation_failed');
    const empty = await apiFailure(admin.refunds.setLimits({ limits: [] }));
    expect(empty.code).toBe('validation_failed');
    expect((await agent.refunds.limits()).data).toEqual(limits.data);
  });

  // Last: it moves the server's clock a day on, past every token.
  it('the daily limit counts what an agent authorised in the last 24 hours', async () => {
    let budi = await server.login('budi@example.com');
    const payment = await fx.payment('CNY', 210_000);
    for (let i = 0; i < 4; i++) {
      const { result } = await budi.refunds.create({ transactionId: payment.id, amount: 50_000, reason: 'service_issue' });
      expect(result.status).toBe('succeeded');
    }
    const { result: fifth } = await budi.refunds.create({ transactionId: payment.id, amount: 5_000, reason: 'service_issue' });
    expect([fifth.status, fifth.approvalReason]).toEqual(['pending_approval', 'daily_limit']);
    expect((await budi.refunds.limits()).mine.allowances[0]).toMatchObject({ currency: 'CNY', usedLast24h: { amount: 200_000 }, remainingLast24h: { amount: 0 } });

    server.clock.advance(24 * 60 * 60 * 1000 + 1);
    budi = await server.login('budi@example.com');
    const { result: nextDay } = await budi.refunds.create({ transactionId: payment.id, amount: 5_000, reason: 'service_issue' });
    expect(nextDay.status).toBe('succeeded');
  });
});
