import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSATION_STATUSES, type ConversationStatus } from '../../src/api/enums.js';
import { statusAfter, type ConversationAction } from '../../src/api/transitions.js';
import type { ConversationSummary } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { auditMark, auditSince, countRows, openFresh, rowOf } from '../helpers/workflow.js';

/**
 * Every status against every action an agent can take: allowed moves land where the table says,
 * refused ones answer 409 and leave the conversation, its messages, the events and the audit log as
 * they were.
 */
describe('conversation status transitions', () => {
  let server: TestServer;
  let agent: SupportClient;
  let lead: SupportClient;
  let admin: SupportClient;
  let budiId: string;
  let ids: Record<'agent' | 'lead' | 'admin', string>;

  beforeAll(async () => {
    // No background sweeps: counting events and audit rows must see only what the test did.
    server = await startTestServer({ inject: true, demo: true, settings: { sweepIntervalMs: 0 } });
    [agent, lead, admin] = await Promise.all([server.login('agent@example.com'), server.login('lead@example.com'), server.login('admin@example.com')]);
    const all = await agent.agents.listAll();
    const idOf = (email: string) => all.find((a) => a.email === email)!.id;
    budiId = idOf('budi@example.com');
    ids = { agent: idOf('agent@example.com'), lead: idOf('lead@example.com'), admin: idOf('admin@example.com') };
  });
  afterAll(() => server.close());

  const later = () => server.clock.now + 3_600_000;

  async function inStatus(status: ConversationStatus): Promise<ConversationSummary> {
    const c = await openFresh(server, admin);
    switch (status) {
      case 'open':
        return c;
      case 'pending':
        return agent.conversations.setPending(c.id);
      case 'snoozed':
        return agent.conversations.snooze(c.id, later());
      case 'resolved':
        return (await agent.conversations.resolve(c.id)).conversation;
      case 'closed':
        await agent.conversations.resolve(c.id);
        return lead.conversations.close(c.id);
    }
  }

  /** Each action's audit name (its route's) and who the test has try it. */
  const AUDITED_AS: Partial<Record<ConversationAction, [string, 'agent' | 'lead' | 'admin']>> = {
    set_pending: ['conversation.set_pending', 'agent'],
    snooze: ['conversation.snooze', 'agent'],
    resolve: ['conversation.resolve', 'agent'],
    reopen: ['conversation.reopen', 'agent'],
    close: ['conversation.close', 'lead'],
    transfer: ['conversation.transfer', 'agent'],
    update: ['conversation.update', 'agent'],
    agent_message: ['conversation.message', 'agent'],
    customer_message: ['conversation.inbound', 'admin'],
  };

  const ACTIONS: [ConversationAction, (id: number) => Promise<{ status: string }>][] = [
    ['set_pending', (id) => agent.conversations.setPending(id)],
    ['snooze', (id) => agent.conversations.snooze(id, later())],
    ['resolve', async (id) => (await agent.conversations.resolve(id)).conversation],
    ['reopen', (id) => agent.conversations.reopen(id)],
    ['close', (id) => lead.conversations.close(id)],
    ['transfer', (id) => agent.conversations.transfer(id, { toAgentId: budiId, note: 'over to you' })],
    ['update', (id) => agent.conversations.update(id, { addTags: ['vip'] })],
    ['agent_message', async (id) => (await agent.conversations.send(id, { body: 'a reply' })).conversation],
    ['customer_message', async (id) => (await admin.conversations.inbound(id, { body: 'hello again' })).conversation],
  ];

  for (const from of CONVERSATION_STATUSES) {
    for (const [action, run] of ACTIONS) {
      const to = statusAfter(action, from);
      if (to !== null) {
        it(`${from} → ${action} → ${to}`, async () => {
          const c = await inStatus(from);
          const result = await run(c.id);
          expect(result.status).toBe(to);
          expect((await rowOf(server, c.id)).status).toBe(to);
        });
      } else {
        it(`${from} refuses ${action}, changing nothing`, async () => {
          const c = await inStatus(from);
          const db = server.store.db;
          const before = { row: await rowOf(server, c.id), events: await countRows(db, 'events'), messages: await countRows(db, 'messages') };
          const mark = await auditMark(db);
          const error = await apiFailure(run(c.id));
          expect(error.status).toBe(409);
          expect(error.code).toBe(from === 'closed' ? 'conversation_closed' : 'invalid_transition');
          expect(error.message).toContain(`conversation ${c.id} is ${from}`);
          const after = { row: await rowOf(server, c.id), events: await countRows(db, 'events'), messages: await countRows(db, 'messages') };
          expect(after).toEqual(before);
          // The only trace of a refusal: one denied entry naming who tried what and why it was refused.
          const [route, actor] = AUDITED_AS[action]!;
          expect(await auditSince(db, mark)).toEqual([['denied', route, ids[actor], error.code]]);
        });
      }
    }
  }

  it('records every move in the audit log with before and after', async () => {
    const c = await openFresh(server, admin);
    await agent.conversations.setPending(c.id);
    await agent.conversations.reopen(c.id);
    const rows = await server.store.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after', 'outcome'])
      .where('target_type', '=', 'conversation')
      .where('target_id', '=', String(c.id))
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['conversation.create', 'conversation.set_pending', 'conversation.reopen']);
    expect(JSON.parse(rows[1]!.before!)).toMatchObject({ status: 'open' });
    expect(JSON.parse(rows[1]!.after!)).toMatchObject({ status: 'pending' });
  });

  it('refuses a snooze in the past or beyond a year (422), and a malformed time (400)', async () => {
    const c = await openFresh(server, admin);
    const before = await rowOf(server, c.id);
    const past = await apiFailure(agent.conversations.snooze(c.id, server.clock.now - 1000));
    expect([past.status, past.code]).toEqual([422, 'snooze_in_past']);
    const now = await apiFailure(agent.conversations.snooze(c.id, server.clock.now));
    expect(now.code).toBe('snooze_in_past');
    const far = await apiFailure(agent.conversations.snooze(c.id, server.clock.now + 400 * 86_400_000));
    expect([far.status, far.code]).toEqual([422, 'snooze_too_long']);
    const malformed = await apiFailure(agent.conversations.snooze(c.id, 'next tuesday'));
    expect([malformed.status, malformed.code]).toEqual([400, 'validation_failed']);
    expect(await rowOf(server, c.id)).toEqual(before);
  });

  it('lets only supervisors and admins close', async () => {
    const c = await inStatus('resolved');
    const denied = await apiFailure(agent.conversations.close(c.id));
    expect([denied.status, denied.code]).toEqual([403, 'forbidden']);
    expect((await rowOf(server, c.id)).status).toBe('resolved');
  });

  it('answers 404 for a conversation that does not exist', async () => {
    // One at a time: calls started together reject while the loop still awaits an earlier one (unhandled).
    for (const call of [() => agent.conversations.resolve(999_999), () => agent.conversations.reopen(999_999), () => agent.conversations.snooze(999_999, later()), () => agent.conversations.setPending(999_999)]) {
      const error = await apiFailure(call());
      expect([error.status, error.code]).toEqual([404, 'not_found']);
    }
  });
});
