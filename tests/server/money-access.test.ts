import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/api/enums.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { MoneyFixtures } from '../helpers/money.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * What each role may do with money and accounts, beyond the route matrix of access.test.ts (which
 * checks every route against every role from the route table): the cases where a role may call an
 * endpoint but not for everything, and the actions a role may do end to end.
 */
describe('roles and money', () => {
  let server: TestServer;
  let as: Record<Role, SupportClient>;
  let fx: MoneyFixtures;

  beforeAll(async () => {
    server = await startTestServer({ inject: true, demo: true });
    const [agent, supervisor, admin] = await Promise.all([server.login(), server.login('lead@example.com'), server.login('admin@example.com')]);
    as = { agent: agent!, supervisor: supervisor!, admin: admin! };
    fx = new MoneyFixtures(server, as.admin);
  });
  afterAll(() => server.close());

  const code = async (call: Promise<unknown>) => {
    try {
      await call;
      return 'ok';
    } catch (error) {
      return (await apiFailure(Promise.reject(error))).code;
    }
  };

  it('freeze: every role; unfreeze and close: supervisors and admins', async () => {
    const results: Record<string, string[]> = {};
    for (const role of ['agent', 'supervisor', 'admin'] as const) {
      const { id } = await fx.account('IDR');
      // Emptied first: a frozen wallet pays nothing out, and only an empty wallet can be closed.
      await fx.drain(id);
      results[role] = [
        await code(as[role].accounts.freeze(id, { reason: 'fraud_review', note: 'x' })),
        await code(as[role].accounts.unfreeze(id, { verification: { method: 'id_document', reference: 'KTP 1' } })),
        await code(as[role].accounts.freeze(id, { reason: 'fraud_review', note: 'x' })),
      ];
      results[role].push(await code(as[role].accounts.close(id, { reason: 'compliance', note: 'x' })));
    }
    expect(results).toEqual({
      agent: ['ok', 'forbidden', 'invalid_account_transition', 'forbidden'],
      supervisor: ['ok', 'ok', 'ok', 'ok'],
      admin: ['ok', 'ok', 'ok', 'ok'],
    });
  });

  it('refunds: every role asks; only supervisors and admins decide, never their own', async () => {
    const payment = await fx.payment('CNY', 2_000_000);
    const asked: Record<Role, string> = { agent: '', supervisor: '', admin: '' };
    // 6,000.00 CNY each: above the agent's and the supervisor's own limits, within the admin's.
    for (const role of ['agent', 'supervisor'] as const) asked[role] = (await as[role].refunds.create({ transactionId: payment.id, amount: 600_000, reason: 'duplicate' })).result.id;
    const adminOwn = await as.admin.refunds.create({ transactionId: payment.id, amount: 600_000, reason: 'duplicate' });
    expect(adminOwn.result.status).toBe('succeeded');

    expect(await code(as.agent.refunds.approve(asked.supervisor))).toBe('forbidden');
    expect(await code(as.agent.refunds.reject(asked.supervisor, { reason: 'no' }))).toBe('forbidden');
    expect(await code(as.supervisor.refunds.approve(asked.supervisor))).toBe('four_eyes_required');
    expect(await code(as.admin.refunds.approve(asked.supervisor))).toBe('ok');
    // 6,000.00 CNY is above the supervisor's own approval limit too; the admin's covers it.
    expect(await code(as.supervisor.refunds.approve(asked.agent))).toBe('approval_limit_exceeded');
    expect(await code(as.admin.refunds.approve(asked.agent))).toBe('ok');
  });

  it('the requester may withdraw their own refund; another agent may not reject at all', async () => {
    const payment = await fx.payment('CNY', 700_000);
    const mine = (await as.supervisor.refunds.create({ transactionId: payment.id, reason: 'duplicate' })).result;
    expect(mine.status).toBe('pending_approval');
    expect(await code(as.agent.refunds.reject(mine.id, { reason: 'no' }))).toBe('forbidden');
    expect(await code(as.supervisor.refunds.reject(mine.id, { reason: 'Asked by mistake' }))).toBe('ok');
  });

  it('limits, the ledger and the audit log', async () => {
    const { id } = await fx.account('IDR');
    const limit = { limits: [{ role: 'agent' as const, currency: 'IDR' as const, perRefund: 5_000_000, perDay: 20_000_000 }] };
    const post = (role: Role) => as[role].accounts.postTransaction(id, { type: 'top_up', amount: 100, currency: 'IDR', counterparty: 'Bank' });
    const matrix: Record<Role, string[]> = { agent: [], supervisor: [], admin: [] };
    for (const role of ['agent', 'supervisor', 'admin'] as const) {
      matrix[role] = [
        await code(as[role].refunds.limits()),
        await code(as[role].refunds.setLimits(limit)),
        await code(post(role)),
        await code(as[role].audit.list({ limit: 1 })),
        await code(as[role].customers.get((await as.admin.accounts.get(id)).customer.id)),
        await code(as[role].customers.transactions((await as.admin.accounts.get(id)).customer.id, { refundable: true, limit: 1 })),
      ];
    }
    expect(matrix).toEqual({
      agent: ['ok', 'forbidden', 'forbidden', 'forbidden', 'ok', 'ok'],
      supervisor: ['ok', 'forbidden', 'forbidden', 'ok', 'ok', 'ok'],
      admin: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
    });
  });
});
