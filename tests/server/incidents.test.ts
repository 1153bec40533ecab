import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/api/enums.js';
import { SupportClient } from '../../src/client/support-client.js';
import { incidentBurst } from '../../src/server/demo/incident-burst.js';
import { Rng } from '../../src/server/demo/rng.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';
import { auditMark, auditSince, countRows } from '../helpers/workflow.js';

const HOUR = 3_600_000;
const TEXTS = { en: 'Payments at Kopi Kenangan are failing; we are on it.', zh: 'Kopi Kenangan 的付款暂时失败，我们正在处理。', id: 'Pembayaran di Kopi Kenangan gagal; kami sedang menanganinya.' };

/** Incidents through the client, on the engine of the project running this file. */
describe(`incidents (${ENGINE})`, () => {
  let server: TestServer;
  let agent: SupportClient;
  let lead: SupportClient;
  let admin: SupportClient;
  let customers = 0;

  beforeAll(async () => {
    server = await startTestServer({ demo: true, settings: { tokenTtlMs: 365 * 86_400_000 } });
    [agent, lead, admin] = (await Promise.all(['agent', 'lead', 'admin'].map((name) => server.login(`${name}@example.com`)))) as [SupportClient, SupportClient, SupportClient];
  });
  afterAll(() => server.close());

  const db = () => server.store.db;

  /** A new customer speaking `language` who writes in about `body`, with a failed payment to `merchant` when given. */
  async function customerWriting(language: Language, body: string, merchant?: string): Promise<number> {
    customers++;
    const id = `cus_INCIDENT${String(customers).padStart(4, '0')}`;
    await db().insertInto('customers').values({ id, name: `Customer ${customers}`, email: null, phone: null, language, kyc_level: 'full', two_factor_enabled: 1, created_at: server.clock.now }).execute();
    if (merchant) {
      const account = `wal_INCIDENT${String(customers).padStart(4, '0')}`;
      await db().insertInto('wallet_accounts').values({ id: account, customer_id: id, currency: 'IDR', balance: 100_000, status: 'active', created_at: server.clock.now, updated_at: server.clock.now }).execute();
      await db()
        .insertInto('transactions')
        .values({ id: `txn_INCIDENT${String(customers).padStart(4, '0')}`, account_id: account, type: 'payment', status: 'failed', amount: 25_000, currency: 'IDR', refunded_amount: 0, failure_reason: 'network_error', counterparty: merchant, description: 'Coffee', foreign_amount: null, foreign_currency: null, exchange_rate: null, created_at: server.clock.now })
        .execute();
    }
    const { conversation } = await admin.conversations.open({ customerId: id, channel: 'chat', category: 'other', priority: 'normal', subject: body.slice(0, 40), body });
    return conversation.id;
  }

  async function declare(extra: Partial<Parameters<SupportClient['incidents']['create']>[0]> = {}) {
    return lead.incidents.create({ title: 'Kopi Kenangan payments failing', description: 'Acquirer timeouts since 09:00', texts: TEXTS, startedAt: new Date(server.clock.now - HOUR).toISOString(), ...extra });
  }

  it('declares, changes with history, lists, shows and resolves once; agents read but do not write', async () => {
    const mark = await auditMark(db());
    const events = await countRows(db(), 'events');
    const incident = await declare({ expectedEndAt: new Date(server.clock.now + 2 * HOUR).toISOString(), affects: { categories: ['payment_failed'], counterparties: ['Kopi Kenangan'] } });
    expect(incident).toMatchObject({ status: 'active', title: 'Kopi Kenangan payments failing', texts: TEXTS, linkedCount: 0, latestUpdate: { kind: 'declared' } });

    const changed = await lead.incidents.update(incident.id, { expectedEndAt: new Date(server.clock.now + 3 * HOUR).toISOString(), texts: { en: 'Still failing, fix expected by noon.' }, note: 'acquirer says noon' });
    expect(changed.texts).toEqual({ ...TEXTS, en: 'Still failing, fix expected by noon.' });
    const shown = await agent.incidents.get(incident.id);
    expect(shown.updates.map((u) => u.kind)).toEqual(['declared', 'updated']);
    expect(Object.keys(shown.updates[1]!.changes).sort()).toEqual(['expectedEndAt', 'texts']);
    expect(shown.updates[1]!.note).toBe('acquirer says noon');
    expect((await agent.incidents.list({ status: 'active' })).data.map((i) => i.id)).toContain(incident.id);

    const denied = await apiFailure(agent.incidents.create({ title: 'x', description: 'y' }));
    expect(denied.status).toBe(403);
    expect((await apiFailure(agent.incidents.update(incident.id, { title: 'mine now' }))).status).toBe(403);

    const resolved = await lead.incidents.resolve(incident.id, { note: 'acquirer fixed it' });
    expect(resolved.incident).toMatchObject({ status: 'resolved', resolved: { by: { name: 'Wei Chen' } } });
    const before = await lead.incidents.get(incident.id);
    const twice = await apiFailure(lead.incidents.resolve(incident.id));
    expect([twice.status, twice.code]).toEqual([409, 'incident_resolved']);
    expect((await apiFailure(lead.incidents.update(incident.id, { title: 'again' }))).code).toBe('incident_resolved');
    expect(await lead.incidents.get(incident.id)).toEqual(before);

    const actions = (await auditSince(db(), mark)).filter(([outcome]) => outcome === 'succeeded').map(([, action]) => action);
    expect(actions).toEqual(['incident.created', 'incident.updated', 'incident.resolved']);
    const types = await db().selectFrom('events').select('type').where('id', '>', events).orderBy('id').execute();
    expect(types.map((t) => t.type)).toEqual(['incident.created', 'incident.updated', 'incident.updated']);
  });

  it('refuses an end before the start, blank titles and empty changes, and changes nothing', async () => {
    const count = async () => Number((await db().selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const n = await count();
    const backwards = await apiFailure(declare({ startedAt: new Date(server.clock.now).toISOString(), expectedEndAt: new Date(server.clock.now - HOUR).toISOString() }));
    expect(backwards.status).toBe(400);
    expect(backwards.message).toMatch(/expectedEndAt .* is not after startedAt/);
    expect((await apiFailure(declare({ title: '   ' }))).status).toBe(400);
    expect((await apiFailure(declare({ texts: { en: 'ok', xx: 'no' } as never }))).status).toBe(400);
    expect(await count()).toBe(n);

    const incident = await declare();
    const before = await lead.incidents.get(incident.id);
    expect((await apiFailure(lead.incidents.update(incident.id, { expectedEndAt: new Date(server.clock.now - 2 * HOUR).toISOString() }))).status).toBe(400);
    expect((await apiFailure(lead.incidents.update(incident.id, {}))).status).toBe(400);
    expect(await lead.incidents.get(incident.id)).toEqual(before);
    expect((await apiFailure(lead.incidents.get(999_999))).status).toBe(404);
    await lead.incidents.resolve(incident.id);
  });

  it('links and unlinks; a closed conversation or one of another incident refuses the whole link', async () => {
    const incident = await declare();
    const other = await declare({ title: 'Another outage' });
    const [a, b, c] = [await customerWriting('en', 'my payment failed'), await customerWriting('en', 'payment failed again'), await customerWriting('en', 'closed one')];
    await lead.conversations.resolve(c);
    await lead.conversations.close(c);

    const closed = await apiFailure(agent.incidents.link(incident.id, [a, c]));
    expect([closed.status, closed.code]).toEqual([409, 'conversation_closed']);
    expect((await agent.incidents.get(incident.id)).linkedCount).toBe(0);

    const linked = await agent.incidents.link(incident.id, [a]);
    expect(linked).toMatchObject({ linked: [a], alreadyLinked: [], incident: { linkedCount: 1, openLinkedCount: 1 } });
    expect((await agent.incidents.link(incident.id, [a, b])).alreadyLinked).toEqual([a]);
    const elsewhere = await apiFailure(agent.incidents.link(other.id, [a]));
    expect(elsewhere.code).toBe('conversation_linked_elsewhere');
    expect((await agent.incidents.get(other.id)).linkedCount).toBe(0);

    expect((await agent.incidents.unlink(incident.id, b)).linkedCount).toBe(1);
    expect((await apiFailure(agent.incidents.unlink(incident.id, b))).status).toBe(404);
    await lead.incidents.resolve(incident.id);
    await lead.incidents.resolve(other.id);
    expect((await apiFailure(agent.incidents.link(incident.id, [b]))).code).toBe('incident_resolved');
  });

  it('the queue filtered by incident: its linked conversations only, in queue order; a bad or unknown id is refused', async () => {
    const incident = await declare({ title: 'Queue filter outage' });
    const [a, b, c, d] = [
      await customerWriting('en', 'payment stuck'),
      await customerWriting('en', 'payment stuck too'),
      await customerWriting('en', 'not linked'),
      await customerWriting('en', 'linked then resolved'),
    ];
    await agent.incidents.link(incident.id, [a, b, d]);
    await lead.conversations.resolve(d);

    const expected = async (statuses: string[]) =>
      (
        await db()
          .selectFrom('incident_links')
          .innerJoin('conversations', 'conversations.id', 'incident_links.conversation_id')
          .select('conversations.id')
          .where('incident_links.incident_id', '=', incident.id)
          .where('conversations.status', 'in', statuses as never)
          .orderBy('conversations.due_at')
          .orderBy('conversations.priority_rank')
          .orderBy('conversations.created_at')
          .orderBy('conversations.id')
          .execute()
      ).map((r) => r.id);
    const open = (await agent.queue.listAll({ incident: incident.id })).map((s) => s.id);
    expect(open).toEqual(await expected(['open', 'pending']));
    expect(new Set(open)).toEqual(new Set([a, b]));
    expect(open).not.toContain(c);
    const all = (await agent.queue.listAll({ incident: incident.id, status: 'open,pending,resolved' })).map((s) => s.id);
    expect(all).toEqual(await expected(['open', 'pending', 'resolved']));
    expect(all).toContain(d);
    const paged = await agent.queue.list({ incident: incident.id, limit: 1 });
    expect(paged.data.map((s) => s.id)).toEqual(open.slice(0, 1));
    expect((await agent.queue.list({ incident: incident.id, cursor: paged.nextCursor! })).data.map((s) => s.id)).toEqual(open.slice(1));

    const mark = await auditMark(db());
    const unknown = await apiFailure(agent.queue.list({ incident: 2_000_000_000 }));
    expect([unknown.status, unknown.message]).toEqual([404, expect.stringMatching(/incident 2000000000/)]);
    for (const bad of [0, -1, 'abc', '3x', 2_147_483_648]) {
      const failure = await apiFailure(agent.queue.list({ incident: bad as never }));
      expect([failure.status, failure.message]).toEqual([400, expect.stringMatching(/incident/)]);
    }
    expect(await auditSince(db(), mark)).toEqual([]);
    expect((await agent.incidents.get(incident.id)).linkedCount).toBe(3);
    await lead.incidents.resolve(incident.id);
  });

  it('suggests conversations by category, counterparty, failure reason or words, and links them in one step', async () => {
    const byMerchant = await customerWriting('id', 'halo, ada masalah', 'KOPI KENANGAN Senopati');
    const byWords = await customerWriting('zh', '我在 Kopi Kenangan 付不了钱');
    const unrelated = await customerWriting('en', 'how do I change my email');
    const incident = await declare({ affects: { counterparties: ['kopi kenangan'], keywords: ['kopi kenangan'] } });
    const { data } = await lead.incidents.suggestions(incident.id);
    const found = new Map(data.map((s) => [s.conversation.id, s.reasons]));
    expect(found.get(byMerchant)).toEqual(['counterparty']);
    expect(found.get(byWords)).toEqual(['keyword']);
    expect(found.has(unrelated)).toBe(false);

    expect((await apiFailure(agent.incidents.linkSuggested(incident.id))).status).toBe(403);
    const linked = await lead.incidents.linkSuggested(incident.id);
    expect(linked.linked).toEqual(expect.arrayContaining([byMerchant, byWords]));
    expect((await lead.incidents.suggestions(incident.id)).data).toEqual([]);
    await lead.incidents.resolve(incident.id);
  });

  it('broadcasts each update once per conversation in its language, even with concurrent deliveries', async () => {
    const incident = await declare({ texts: { en: TEXTS.en } });
    const ids = await Promise.all((['en', 'zh', 'id', 'zh', 'en', 'id'] as Language[]).map((lang, i) => customerWriting(lang, `problem ${i}`)));
    await agent.incidents.link(incident.id, ids);

    const messages = await countRows(db(), 'messages');
    const missing = await apiFailure(lead.incidents.broadcast(incident.id));
    expect([missing.status, missing.code]).toEqual([422, 'incident_texts_missing']);
    expect(missing.message).toMatch(/zh \(2 customers\)/);
    expect(missing.message).toMatch(/id \(2 customers\)/);
    expect((await lead.incidents.get(incident.id)).updates.map((u) => u.kind)).toEqual(['declared']);
    expect(await countRows(db(), 'messages')).toBe(messages);

    const started = await lead.incidents.broadcast(incident.id, { en: 'Fixed soon', zh: '很快修复', id: 'Segera diperbaiki' });
    expect(started.total).toBe(6);
    // A run interrupted after its first batch, then the resume: what is left, and only that.
    const first = await lead.incidents.deliver(incident.id, started.update.id, 2);
    expect(first).toMatchObject({ sent: 2, remaining: 4 });
    expect(await lead.incidents.pendingBroadcast(incident.id)).toMatchObject({ update: { id: started.update.id }, remaining: 4 });
    // Four resumes at once, in batches of one, straight over HTTP (no client retry hides a failure):
    // every conversation gets the update once, and no run fails.
    const leadToken = (await new SupportClient({ baseUrl: server.url }).auth.login('lead@example.com', 'demo')).token;
    const deliverRaw = async () => {
      const res = await fetch(`${server.url}/v1/incidents/${incident.id}/broadcasts/${started.update.id}/deliver`, {
        method: 'POST',
        headers: { authorization: `Bearer ${leadToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ limit: 1 }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { sent: number; remaining: number };
    };
    const runs = await Promise.all(
      [0, 1, 2, 3].map(async () => {
        let sent = 0;
        for (;;) {
          const progress = await deliverRaw();
          sent += progress.sent;
          if (progress.remaining === 0) return sent;
        }
      }),
    );
    runs.push(first.sent);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(6);
    const sentRows = await db().selectFrom('messages').select(['conversation_id', 'body', 'author_type']).where('client_message_id', '=', `incident-update-${started.update.id}`).execute();
    expect(sentRows).toHaveLength(6);
    const languages = await db().selectFrom('conversations').innerJoin('customers', 'customers.id', 'conversations.customer_id').select(['conversations.id', 'customers.language']).where('conversations.id', 'in', ids).execute();
    const expected: Record<string, string> = { en: 'Fixed soon', zh: '很快修复', id: 'Segera diperbaiki' };
    for (const row of sentRows) expect(row.body).toBe(expected[languages.find((l) => l.id === row.conversation_id)!.language]);
    // Delivering again, or resuming, sends nothing.
    expect(await lead.incidents.deliver(incident.id, started.update.id)).toMatchObject({ sent: 0, remaining: 0 });
    expect(await lead.incidents.pendingBroadcast(incident.id)).toEqual({ update: null, remaining: 0 });
    // The broadcast does not make the conversations the supervisor's.
    const assigned = await db().selectFrom('conversations').select('assignee_id').where('id', 'in', ids).execute();
    expect(assigned.every((r) => r.assignee_id === null)).toBe(true);

    // The final message resolves those whose customer has not written since the update.
    server.clock.advance(60_000);
    await admin.conversations.inbound(ids[0]!, { body: 'still broken for me' });
    server.clock.advance(60_000);
    const final = await lead.incidents.resolve(incident.id, { messages: { en: 'Fixed', zh: '已修复', id: 'Sudah diperbaiki' }, resolveConversations: true });
    expect((await apiFailure(lead.incidents.broadcast(incident.id, { en: 'late' }))).code).toBe('incident_resolved');
    const progress = await lead.incidents.deliver(incident.id, final.update.id, 100);
    expect(progress).toMatchObject({ sent: 6, remaining: 0 });
    expect(progress.resolvedConversations.sort()).toEqual(ids.slice(1).sort());
    expect((await db().selectFrom('conversations').select('status').where('id', '=', ids[0]!).executeTakeFirstOrThrow()).status).toBe('open');
    expect((await apiFailure(lead.incidents.deliver(incident.id, started.update.id))).code).toBe('incident_resolved');
  });

  it('fills {{incident.title}}, {{incident.eta}} and {{incident.update}} in the customer’s language', async () => {
    const incident = await declare({ title: 'QRIS outage', expectedEndAt: new Date(Date.UTC(2036, 11, 3, 12, 0)).toISOString(), startedAt: new Date(server.clock.now - HOUR).toISOString() });
    const zh = await customerWriting('zh', '付不了钱');
    const unlinked = await customerWriting('en', 'unrelated');
    await agent.incidents.link(incident.id, [zh]);
    await admin.macros.create({ name: 'Incident update', shortcut: 'incident-update', bodies: { en: '{{incident.title}}: {{incident.update}} (ETA {{incident.eta}})', zh: '{{incident.title}}：{{incident.update}}（预计 {{incident.eta}}）' } });
    const rendered = await agent.macros.render('incident-update', { conversationId: zh });
    expect(rendered.text).toBe(`QRIS outage：${TEXTS.zh}（预计 2036年12月3日 12:00 UTC）`);
    await lead.incidents.broadcast(incident.id, { zh: '已在修复' });
    expect((await agent.macros.render('incident-update', { conversationId: zh })).text).toContain('已在修复');
    const unfillable = await apiFailure(agent.macros.render('incident-update', { conversationId: unlinked }));
    expect(unfillable.message).toMatch(/not linked to an incident/);
    await lead.incidents.resolve(incident.id);
  });

  it('the demo outage: failed payments at one merchant, customers writing in, found by the suggestions', async () => {
    const { merchant, conversationIds } = await incidentBurst(server.ctx, new Rng(11), 6);
    expect(conversationIds).toHaveLength(6);
    const incident = await declare({ title: `${merchant} down`, startedAt: new Date(server.clock.now - 1000).toISOString(), affects: { counterparties: [merchant], failureReasons: ['network_error'] } });
    const { data } = await lead.incidents.suggestions(incident.id);
    const found = new Map(data.map((s) => [s.conversation.id, s.reasons]));
    for (const id of conversationIds) expect(found.get(id)).toEqual(['counterparty', 'failure_reason']);
    const languages = await db().selectFrom('conversations').innerJoin('customers', 'customers.id', 'conversations.customer_id').select('customers.language').where('conversations.id', 'in', conversationIds).execute();
    expect(languages.length).toBe(6);
    await lead.incidents.resolve(incident.id);
  });
});
