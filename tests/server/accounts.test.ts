import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { ACCOUNT_TRANSITIONS } from '../../src/server/domain/account-status.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { MoneyFixtures } from '../helpers/money.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('account states', () => {
  let server: TestServer;
  let agent: SupportClient;
  let lead: SupportClient;
  let admin: SupportClient;
  let fx: MoneyFixtures;
  let ids: { agent: string; lead: string; mei: string };

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    [agent, lead, admin] = await Promise.all([server.login(), server.login('lead@example.com'), server.login('admin@example.com')]);
    fx = new MoneyFixtures(server, admin);
    const agents = await server.store.db.selectFrom('agents').select(['id', 'email']).execute();
    const idOf = (email: string) => agents.find((a) => a.email === email)!.id;
    ids = { agent: idOf('agent@example.com'), lead: idOf('lead@example.com'), mei: idOf('mei@example.com') };
  });
  afterAll(() => server.close());

  const snapshot = async (accountId: string) => ({
    account: await server.store.db.selectFrom('wallet_accounts').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow(),
    changes: (await server.store.db.selectFrom('account_status_changes').select('id').where('account_id', '=', accountId).execute()).length,
  });
  const auditOf = (accountId: string) =>
    server.store.db.selectFrom('audit_log').selectAll().where('target_type', '=', 'account').where('target_id', '=', accountId).orderBy('id').execute();

  it('an agent freezes an active account with a reason and a note; the change is stored and audited', async () => {
    const { id } = await fx.account('IDR');
    const { result, idempotencyKey } = await agent.accounts.freeze(id, { reason: 'suspected_takeover', note: 'Customer reports payments they did not make' });
    expect(result.account.status).toBe('frozen');
    expect(result.change).toMatchObject({
      accountId: id,
      action: 'freeze',
      from: 'active',
      to: 'frozen',
      reason: 'suspected_takeover',
      note: 'Customer reports payments they did not make',
      verification: null,
      actor: { id: ids.agent, role: 'agent' },
    });
    const detail = await agent.accounts.get(id);
    expect(detail.account.status).toBe('frozen');
    expect(detail.history.map((h) => h.action)).toEqual(['freeze']);
    expect(detail.allowedActions).toEqual([]);
    expect((await lead.accounts.get(id)).allowedActions).toEqual(['unfreeze', 'close']);

    const [entry] = await auditOf(id);
    expect(entry).toMatchObject({ actor_id: ids.agent, actor_role: 'agent', action: 'account.freeze', outcome: 'succeeded', idempotency_key: idempotencyKey });
    expect(JSON.parse(entry!.before!)).toEqual({ status: 'active' });
    expect(JSON.parse(entry!.after!)).toMatchObject({ status: 'frozen' });
    expect(entry!.reason).toBe('suspected_takeover: Customer reports payments they did not make');
    expect(entry!.request_id).toMatch(/^req_/);
    const events = await server.store.db.selectFrom('events').select(['type', 'payload']).where('type', '=', 'account.status_changed').execute();
    expect(events.some((e) => e.payload.includes(id))).toBe(true);
  });

  it('refuses every transition the table does not list, and changes nothing', async () => {
    const frozen = (await fx.account('IDR')).id;
    await agent.accounts.freeze(frozen, { reason: 'fraud_review', note: 'Chargeback pattern' });
    const active = (await fx.account('IDR')).id;
    const closed = (await fx.account('IDR')).id;
    await fx.drain(closed);
    await lead.accounts.close(closed, { reason: 'customer_request', note: 'Customer asked to close' });

    const attempts: [string, () => Promise<unknown>, string][] = [
      [frozen, () => agent.accounts.freeze(frozen, { reason: 'compliance', note: 'again' }), `account ${frozen} is frozen already`],
      [active, () => lead.accounts.unfreeze(active, { verification: { method: 'video_call', reference: 'VC-1' } }), `account ${active} is active, not frozen: there is nothing to unfreeze`],
      [closed, () => agent.accounts.freeze(closed, { reason: 'compliance', note: 'x' }), `account ${closed} is closed, and closed is final: it cannot be frozen`],
      [closed, () => lead.accounts.unfreeze(closed, { verification: { method: 'video_call', reference: 'VC-2' } }), `account ${closed} is closed, and closed is final: it cannot be unfrozen`],
      [closed, () => lead.accounts.close(closed, { reason: 'compliance', note: 'x' }), `account ${closed} is closed, and closed is final: it cannot be closed again`],
    ];
    for (const [id, attempt, message] of attempts) {
      const before = await snapshot(id);
      const error = await apiFailure(attempt());
      expect([error.status, error.code, error.message]).toEqual([409, 'invalid_account_transition', message]);
      expect(await snapshot(id)).toEqual(before);
    }
    const denied = (await auditOf(closed)).filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => e.action)).toEqual(['account.freeze', 'account.unfreeze', 'account.close']);
    expect(denied.every((e) => JSON.parse(e.after!).refused === 'invalid_account_transition')).toBe(true);
  });

  it('the transition table is the routes’ access: agents may freeze, only supervisors and admins unfreeze and close', () => {
    expect(ACCOUNT_TRANSITIONS.freeze.roles).toEqual(['agent', 'supervisor', 'admin']);
    const table = server.app.accessTable;
    for (const action of ['freeze', 'unfreeze', 'close'] as const) {
      const route = table.find((r) => r.method === 'POST' && r.url === `/v1/accounts/:id/${action}`);
      expect(route?.access).toEqual(ACCOUNT_TRANSITIONS[action].roles);
    }
  });

  it('freeze without a valid reason or note is refused with the field named', async () => {
    const { id } = await fx.account('CNY');
    const before = await snapshot(id);
    const noNote = await apiFailure(agent.accounts.freeze(id, { reason: 'fraud_review' } as never));
    expect([noNote.status, noNote.code, noNote.fieldErrors]).toEqual([400, 'validation_failed', ['note: is required']]);
    const badReason = await apiFailure(agent.accounts.freeze(id, { reason: 'because', note: 'x' } as never));
    expect(badReason.fieldErrors).toEqual(['reason: must be one of: suspected_takeover, customer_request, fraud_review, compliance']);
    const emptyNote = await apiFailure(agent.accounts.freeze(id, { reason: 'compliance', note: '' }));
    expect(emptyNote.code).toBe('validation_failed');
    const unknown = await apiFailure(agent.accounts.freeze('wal_doesnotexist', { reason: 'compliance', note: 'x' }));
    expect([unknown.status, unknown.message]).toEqual([404, 'account wal_doesnotexist does not exist']);
    expect(await snapshot(id)).toEqual(before);
  });

  it('unfreeze without an identity verification is refused and audited; with one, the verification is recorded', async () => {
    const { id } = await fx.account('CNY');
    await agent.accounts.freeze(id, { reason: 'customer_request', note: 'Lost phone' });
    const before = await snapshot(id);

    const missing = await apiFailure(lead.accounts.unfreeze(id, { note: 'Customer called back' }));
    expect([missing.status, missing.code]).toEqual([422, 'identity_verification_required']);
    expect(missing.message).toContain('needs a recorded identity verification');
    const stranger = await apiFailure(lead.accounts.unfreeze(id, { verification: { method: 'id_document', reference: 'KTP 3171', verifiedBy: 'agt_nobody00' } }));
    expect([stranger.status, stranger.code]).toEqual([422, 'unknown_verifier']);
    expect(await snapshot(id)).toEqual(before);
    expect(await server.store.db.selectFrom('identity_verifications').select('id').where('account_id', '=', id).execute()).toEqual([]);
    const denied = (await auditOf(id)).filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => [e.action, e.actor_id, JSON.parse(e.after!).refused])).toEqual([
      ['account.unfreeze', ids.lead, 'identity_verification_required'],
      ['account.unfreeze', ids.lead, 'unknown_verifier'],
    ]);

    // Mei did the video call; the supervisor opens the wallet.
    const { result } = await lead.accounts.unfreeze(id, { verification: { method: 'video_call', reference: 'VC-2026-118', verifiedBy: ids.mei }, note: 'Face matches the KYC photo' });
    expect(result.account.status).toBe('active');
    expect(result.change).toMatchObject({ action: 'unfreeze', from: 'frozen', to: 'active', reason: null, note: 'Face matches the KYC photo', actor: { id: ids.lead, role: 'supervisor' } });
    expect(result.change.verification).toMatchObject({ method: 'video_call', reference: 'VC-2026-118', verifiedBy: { id: ids.mei, name: 'Mei Lin' } });
    const stored = await server.store.db.selectFrom('identity_verifications').selectAll().where('account_id', '=', id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ method: 'video_call', verified_by: ids.mei, recorded_by: ids.lead });

    // The history keeps who, when and why of every change, newest first.
    const history = (await agent.accounts.get(id)).history;
    expect(history.map((h) => [h.action, h.from, h.to, h.actor.id])).toEqual([
      ['unfreeze', 'frozen', 'active', ids.lead],
      ['freeze', 'active', 'frozen', ids.agent],
    ]);
    expect(history[1]!.reason).toBe('customer_request');
  });

  it('unfreeze without naming a verifier records the supervisor as the one who verified', async () => {
    const { id } = await fx.account('IDR');
    await agent.accounts.freeze(id, { reason: 'suspected_takeover', note: 'x' });
    const { result } = await lead.accounts.unfreeze(id, { verification: { method: 'security_questions', reference: 'ticket 4411' } });
    expect(result.change.verification?.verifiedBy.id).toBe(ids.lead);
  });

  it('close needs a zero balance; closed is final and takes no postings or refunds', async () => {
    const { id } = await fx.account('CNY');
    const payment = await fx.payment('CNY', 10_000, id);
    const before = await snapshot(id);
    const notEmpty = await apiFailure(lead.accounts.close(id, { reason: 'fraud_confirmed', note: 'Mule account' }));
    expect([notEmpty.status, notEmpty.code]).toEqual([409, 'account_balance_not_zero']);
    expect(notEmpty.message).toMatch(/still holds [\d,.]+ CNY; pay it out before closing/);
    expect(await snapshot(id)).toEqual(before);

    await fx.drain(id);
    const { result } = await lead.accounts.close(id, { reason: 'fraud_confirmed', note: 'Mule account' });
    expect(result.account.status).toBe('closed');
    expect((await admin.accounts.get(id)).allowedActions).toEqual([]);

    const topUp = await apiFailure(admin.accounts.postTransaction(id, { type: 'top_up', amount: 100, currency: 'CNY', counterparty: 'Bank' }));
    expect([topUp.status, topUp.code]).toEqual([409, 'account_closed']);
    const refund = await apiFailure(agent.refunds.create({ transactionId: payment.id, reason: 'service_issue' }));
    expect([refund.status, refund.code, refund.message]).toEqual([409, 'account_closed', `account ${id} is closed; a refund cannot land in a closed wallet`]);
    expect(await fx.balance(id)).toBe(0);
  });
});
