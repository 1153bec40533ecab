import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { MoneyFixtures, tokenFor } from '../helpers/money.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('the audit log', () => {
  let server: TestServer;
  let agent: SupportClient;
  let lead: SupportClient;
  let admin: SupportClient;
  let fx: MoneyFixtures;
  let agentId: string;
  let accountId: string;
  let refundId: string;
  let start: number;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    [agent, lead, admin] = await Promise.all([server.login(), server.login('lead@example.com'), server.login('admin@example.com')]);
    fx = new MoneyFixtures(server, admin);
    agentId = (await agent.me.get()).agent.id;
    start = server.clock.now;
    // A small history: a payment, a refund that waits and is approved, a freeze refused then done.
    server.clock.advance(60_000);
    const payment = await fx.payment('CNY', 90_000);
    accountId = payment.accountId;
    refundId = (await agent.refunds.create({ transactionId: payment.id, reason: 'failed_delivery', note: 'Never shipped' })).result.id;
    server.clock.advance(60_000);
    await lead.refunds.approve(refundId, { note: 'ok' });
    await agent.accounts.freeze(accountId, { reason: 'suspected_takeover', note: 'New device' });
    await apiFailure(agent.accounts.freeze(accountId, { reason: 'suspected_takeover', note: 'Again' }));
  });
  afterAll(() => server.close());

  it('shows one target’s history, newest first, with actor, role, before, after, reason, request id, key and outcome', async () => {
    const { data } = await lead.audit.list({ targetType: 'refund', targetId: refundId });
    expect(data.map((r) => [r.action, r.actor?.role, r.outcome])).toEqual([
      ['refund.approve', 'supervisor', 'succeeded'],
      ['refund.create', 'agent', 'succeeded'],
    ]);
    const created = data[1]!;
    expect(created).toMatchObject({
      actor: { id: agentId, name: 'Ayu Lestari', role: 'agent' },
      target: { type: 'refund', id: refundId },
      reason: 'failed_delivery: Never shipped',
      after: { status: 'pending_approval', approvalReason: 'per_refund_limit' },
    });
    expect(created.requestId).toMatch(/^req_/);
    expect(created.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(data[0]!.at)).toBeGreaterThan(Date.parse(created.at));
  });

  it('filters by actor, action (exact or area.*), outcome and time', async () => {
    const byAgent = await lead.audit.listAll({ actor: agentId });
    expect(byAgent.length).toBeGreaterThan(0);
    expect(byAgent.every((r) => r.actor?.id === agentId)).toBe(true);

    const freezes = await lead.audit.listAll({ action: 'account.freeze', targetType: 'account', targetId: accountId });
    expect(freezes.map((r) => r.outcome)).toEqual(['denied', 'succeeded']);
    expect(freezes[0]!.after).toEqual({ refused: 'invalid_account_transition' });

    const refundActions = await lead.audit.listAll({ action: 'refund.*' });
    expect(new Set(refundActions.map((r) => r.action))).toEqual(new Set(['refund.create', 'refund.approve']));
    const denied = await lead.audit.listAll({ outcome: 'denied' });
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.map((r) => r.id)).toEqual((await lead.audit.listAll()).filter((r) => r.outcome === 'denied').map((r) => r.id));

    const first = new Date(start + 60_000).toISOString();
    const second = new Date(start + 120_000).toISOString();
    const window = await lead.audit.listAll({ since: first, until: second });
    expect(window.length).toBeGreaterThan(0);
    expect(window.every((r) => r.at >= first && r.at < second)).toBe(true);
    expect(window.some((r) => r.action === 'refund.create')).toBe(true);
    expect(window.some((r) => r.action === 'refund.approve')).toBe(false);
  });

  it('pages with cursors without gaps or repeats', async () => {
    const all = await admin.audit.listAll();
    const paged: AuditRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.audit.list({ limit: 4, ...(cursor ? { cursor } : {}) });
      paged.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged.map((r) => r.id)).toEqual(all.map((r) => r.id));
    expect([...all.map((r) => r.id)].sort((a, b) => b - a)).toEqual(all.map((r) => r.id));
  });

  it('refuses bad filters with the field named', async () => {
    const badAction = await apiFailure(lead.audit.list({ action: 'DROP TABLE' }));
    expect(badAction.fieldErrors).toEqual(['action (query): must be an action such as refund.approve, or refund.* for every refund action']);
    const badTime = await apiFailure(lead.audit.list({ since: 'yesterday' }));
    expect(badTime.code).toBe('validation_failed');
    expect(badTime.fieldErrors[0]).toMatch(/^since \(query\): /);
    const badActor = await apiFailure(lead.audit.list({ actor: 'bob' }));
    expect(badActor.fieldErrors).toEqual(['actor (query): must be an id starting with agt_']);
  });

  it('is for supervisors and admins only, and nothing can change or delete it', async () => {
    const forbidden = await apiFailure(agent.audit.list());
    expect([forbidden.status, forbidden.code]).toEqual([403, 'forbidden']);
    const token = await tokenFor(server.url, 'admin@example.com');
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await fetch(`${server.url}/v1/audit`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
      expect([method, res.status]).toEqual([method, 404]);
      const one = await fetch(`${server.url}/v1/audit/1`, { method, headers: { authorization: `Bearer ${token}` } });
      expect(one.status).toBe(404);
    }
    const db = server.store.db;
    const count = async () => Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    await expect(db.updateTable('audit_log').set({ outcome: 'succeeded' }).where('outcome', '=', 'denied').execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = 1`.execute(db)).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
  });
});
