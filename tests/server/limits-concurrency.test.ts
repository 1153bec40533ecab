import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefundableTransaction } from '../../src/api/types.js';
import { ApiError } from '../../src/client/errors.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { MoneyFixtures } from '../helpers/money.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';
import { addAgents, bulkInsertConversations, someCustomerId } from '../helpers/workflow.js';

/**
 * Every per-actor limit is one decision per actor, however many requests arrive at once. On
 * PostgreSQL the requests below run in parallel transactions (a pool of 10); on SQLite writers
 * serialise, so the same file checks the rule holds there too.
 */
const PARALLEL = 30;
const REFUND = 100_000;
const PER_DAY = 300_000;
const ALLOWED = PER_DAY / REFUND;

/** Runs every call at once and sorts the outcomes into results and refusal codes. */
async function allAtOnce<T>(calls: (() => Promise<T>)[]): Promise<{ ok: T[]; refused: string[] }> {
  const settled = await Promise.allSettled(calls.map((call) => call()));
  const ok: T[] = [];
  const refused: string[] = [];
  for (const s of settled) {
    if (s.status === 'fulfilled') ok.push(s.value);
    else if (s.reason instanceof ApiError) refused.push(s.reason.code);
    else throw s.reason;
  }
  return { ok, refused };
}

describe(`per-actor limits under ${PARALLEL} parallel requests (${ENGINE})`, () => {
  let server: TestServer;
  let admin: SupportClient;
  let fx: MoneyFixtures;
  let refunder: { id: string; client: SupportClient };
  let approver: { id: string; client: SupportClient };

  /** One payment per refund: refunds of one payment queue on its row anyway; the allowance must hold across payments. */
  async function payments(): Promise<RefundableTransaction[]> {
    const made: RefundableTransaction[] = [];
    for (let i = 0; i < PARALLEL; i++) made.push(await fx.payment('IDR', REFUND));
    return made;
  }

  beforeAll(async () => {
    server = await startTestServer({ inject: true, demo: true });
    admin = await server.login('admin@example.com');
    fx = new MoneyFixtures(server, admin);
    // New agents: nothing they authorised in the demo desk's last 24 hours counts against them.
    [refunder, approver] = await addAgents(server, [
      { email: 'refunder@example.com', role: 'agent' },
      { email: 'approver@example.com', role: 'supervisor' },
    ]);
    await admin.refunds.setLimits({
      limits: [
        { role: 'agent', currency: 'IDR', perRefund: 5_000_000, perDay: PER_DAY },
        { role: 'supervisor', currency: 'IDR', perRefund: 50_000_000, perDay: PER_DAY },
      ],
    });
  }, 120_000);
  afterAll(() => server.close());

  it('refunds: exactly the daily allowance succeeds at once, the rest waits for approval', async () => {
    const { ok, refused } = await allAtOnce((await payments()).map((p) => () => refunder.client.refunds.create({ transactionId: p.id, amount: REFUND, reason: 'service_issue' })));
    expect(refused).toEqual([]);
    const statuses = ok.map((r) => r.result.status);
    expect(statuses.filter((s) => s === 'succeeded')).toHaveLength(ALLOWED);
    expect(statuses.filter((s) => s === 'pending_approval')).toHaveLength(PARALLEL - ALLOWED);
    expect(ok.filter((r) => r.result.status === 'pending_approval').every((r) => r.result.approvalReason === 'daily_limit')).toBe(true);

    // The database agrees: what the agent authorised in 24 hours is exactly their limit.
    const authorised = await server.store.db.selectFrom('refunds').select(['amount']).where('authorized_by', '=', refunder.id).execute();
    expect(authorised.reduce((sum, r) => sum + r.amount, 0)).toBe(PER_DAY);
    const allowance = (await refunder.client.refunds.limits()).mine.allowances.find((a) => a.currency === 'IDR');
    expect(allowance?.remainingLast24h.amount).toBe(0);
  }, 120_000);

  it('approvals: one supervisor approves exactly their own daily allowance; each refusal is audited', async () => {
    // Refunds that wait: while agents have no daily allowance in IDR, every refund goes to approval.
    const [requester] = await addAgents(server, [{ email: 'requester@example.com', role: 'agent' }]);
    await admin.refunds.setLimits({ limits: [{ role: 'agent', currency: 'IDR', perRefund: 5_000_000, perDay: 0 }] });
    const waiting = [];
    for (const p of await payments()) waiting.push((await requester.client.refunds.create({ transactionId: p.id, amount: REFUND, reason: 'service_issue' })).result);
    await admin.refunds.setLimits({ limits: [{ role: 'agent', currency: 'IDR', perRefund: 5_000_000, perDay: PER_DAY }] });
    expect(waiting.every((r) => r.status === 'pending_approval')).toBe(true);

    const { ok, refused } = await allAtOnce(waiting.map((r) => () => approver.client.refunds.approve(r.id, { note: 'checked' })));
    expect(ok).toHaveLength(ALLOWED);
    expect(ok.every((r) => r.result.status === 'succeeded')).toBe(true);
    expect(refused).toEqual(Array.from({ length: PARALLEL - ALLOWED }, () => 'approval_limit_exceeded'));

    const approved = await server.store.db.selectFrom('refunds').select(['amount']).where('authorized_by', '=', approver.id).where('status', '=', 'succeeded').execute();
    expect(approved.reduce((sum, r) => sum + r.amount, 0)).toBe(PER_DAY);
    const audit = await server.store.db.selectFrom('audit_log').selectAll().where('actor_id', '=', approver.id).where('action', '=', 'refund.approve').execute();
    expect(audit.filter((a) => a.outcome === 'succeeded')).toHaveLength(ALLOWED);
    const denied = audit.filter((a) => a.outcome === 'denied');
    expect(denied).toHaveLength(PARALLEL - ALLOWED);
    expect(denied.every((a) => a.target_type === 'refund' && JSON.parse(a.after!).refused === 'approval_limit_exceeded')).toBe(true);
    // The refused ones still wait, untouched.
    const still = await server.store.db.selectFrom('refunds').select('id').where('requested_by', '=', requester.id).where('status', '=', 'pending_approval').execute();
    expect(still).toHaveLength(PARALLEL - ALLOWED);
  }, 120_000);

  it('claims: one agent claiming at once never holds more than their capacity', async () => {
    const capacity = 3;
    const [claimer] = await addAgents(server, [{ email: 'claimer@example.com', capacity }]);
    await bulkInsertConversations(server.store.db, await someCustomerId(server), PARALLEL, server.clock.now);
    const { ok, refused } = await allAtOnce(Array.from({ length: PARALLEL }, () => () => claimer.client.queue.claimNext()));
    expect(ok).toHaveLength(capacity);
    expect(refused).toEqual(Array.from({ length: PARALLEL - capacity }, () => 'at_capacity'));
    const held = await server.store.db.selectFrom('conversations').select('id').where('assignee_id', '=', claimer.id).where('status', '=', 'open').execute();
    expect(held).toHaveLength(capacity);
  }, 120_000);
});
