import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { auditMark, auditSince, countRows, openFresh, rowOf, someCustomerId } from '../helpers/workflow.js';

const MIN = 60_000;

describe('customers’ messages from channels', () => {
  let server: TestServer;
  let agent: SupportClient;
  let lead: SupportClient;
  let admin: SupportClient;
  let ids: Record<'agent' | 'lead' | 'admin', string>;

  beforeAll(async () => {
    server = await startTestServer({ inject: true, demo: true, settings: { sweepIntervalMs: 0 } });
    [agent, lead, admin] = await Promise.all([server.login('agent@example.com'), server.login('lead@example.com'), server.login('admin@example.com')]);
    const all = await admin.agents.listAll();
    const idOf = (email: string) => all.find((a) => a.email === email)!.id;
    ids = { agent: idOf('agent@example.com'), lead: idOf('lead@example.com'), admin: idOf('admin@example.com') };
  });
  afterAll(() => server.close());

  /** Everything a refused delivery must leave as it was; the audit log gains its denied entries (auditSince). */
  const counts = async () => ({
    conversations: await countRows(server.store.db, 'conversations'),
    messages: await countRows(server.store.db, 'messages'),
    events: await countRows(server.store.db, 'events'),
  });

  it('opens a conversation: open, unassigned, the customer’s message first, clocks running, announced', async () => {
    const customerId = await someCustomerId(server);
    const t0 = server.clock.now;
    const opened = await admin.conversations.open({ customerId, channel: 'email', category: 'refund', priority: 'high', subject: '退款', body: '我的退款还没到账 😤', tags: ['vip'] });
    expect(opened.replayed).toBe(false);
    expect(opened.conversation).toMatchObject({ status: 'open', assignee: null, team: null, priority: 'high', channel: 'email', tags: ['vip'], messageCount: 1, lastMessagePreview: '我的退款还没到账 😤' });
    expect(opened.conversation.sla).toMatchObject({ clock: 'first_response', dueAt: new Date(t0 + 30 * MIN).toISOString(), resolutionDueAt: new Date(t0 + 8 * 60 * MIN).toISOString() });
    expect(opened.message).toMatchObject({ kind: 'reply', author: { type: 'customer', id: customerId }, body: '我的退款还没到账 😤' });
    const event = await server.store.db.selectFrom('events').select(['type', 'payload']).where('conversation_id', '=', opened.conversation.id).executeTakeFirstOrThrow();
    expect(event.type).toBe('conversation.created');
    expect(JSON.parse(event.payload)).toMatchObject({ conversation: { id: opened.conversation.id }, message: { id: opened.message.id } });
  });

  it('opens a conversation once per externalId, however often the channel delivers it', async () => {
    const customerId = await someCustomerId(server);
    const input = { customerId, channel: 'chat' as const, category: 'login' as const, subject: 'cannot log in', body: 'help', externalId: `chat-thread-${randomUUID()}` };
    const first = await admin.conversations.open(input);
    const before = await counts();
    const mark = await auditMark(server.store.db);
    const again = await admin.conversations.open(input);
    expect(again.replayed).toBe(true);
    expect(again.conversation.id).toBe(first.conversation.id);
    expect(again.message.id).toBe(first.message.id);
    expect(await counts()).toEqual(before);
    const other = await server.store.db.selectFrom('customers').select('id').where('id', '!=', customerId).limit(1).executeTakeFirstOrThrow();
    const stolen = await apiFailure(admin.conversations.open({ ...input, customerId: other.id }));
    expect([stolen.status, stolen.code]).toEqual([409, 'external_id_reused']);
    // Nothing stored; the replay wrote nothing and the refusal is audited (denied).
    expect(await counts()).toEqual(before);
    expect(await auditSince(server.store.db, mark)).toEqual([['denied', 'conversation.create', ids.admin, 'external_id_reused']]);
  });

  it('opens one conversation when the channel delivers the same externalId concurrently', async () => {
    const customerId = await someCustomerId(server);
    const input = { customerId, channel: 'social' as const, category: 'other' as const, subject: 'dm', body: 'hi', externalId: `dm-${randomUUID()}` };
    const before = await counts();
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => admin.conversations.open(input)));
    expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const after = await counts();
    expect(after.conversations).toBe(before.conversations + 1);
    expect(after.messages).toBe(before.messages + 1);
  });

  it('recognises the database’s own unique-key refusal, which a concurrent delivery turns into a replay', async () => {
    const { isUniqueViolation } = await import('../../src/server/store/constraint.js');
    const taken = await server.store.db.selectFrom('conversations').select('external_id').where('external_id', 'is not', null).executeTakeFirstOrThrow();
    const duplicate = await server.store.db
      .updateTable('conversations')
      .set({ external_id: taken.external_id })
      .where('external_id', 'is', null)
      .where('id', '=', 1)
      .execute()
      .then(() => undefined, (error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isUniqueViolation(new Error('connection reset'))).toBe(false);
  });

  it('refuses unknown customers and teams, bad fields and agents, creating nothing', async () => {
    const customerId = await someCustomerId(server);
    const base = { customerId, channel: 'chat' as const, category: 'other' as const, subject: 's', body: 'b' };
    const before = await counts();
    const mark = await auditMark(server.store.db);
    const noCustomer = await apiFailure(admin.conversations.open({ ...base, customerId: 'cus_NOSUCHONE1' }));
    expect([noCustomer.status, noCustomer.code]).toEqual([422, 'unknown_customer']);
    const noTeam = await apiFailure(admin.conversations.open({ ...base, team: 'nobody-here' }));
    expect([noTeam.status, noTeam.code]).toEqual([422, 'unknown_team']);
    const badChannel = await apiFailure(admin.request('POST', 'v1/conversations', { json: { ...base, channel: 'fax' } }));
    expect(badChannel.fieldErrors).toEqual(['channel: must be one of: chat, email, phone, social']);
    for (const who of [agent, lead]) {
      const denied = await apiFailure(who.conversations.open(base));
      expect([denied.status, denied.code]).toEqual([403, 'forbidden']);
      const inbound = await apiFailure(who.conversations.inbound(1, { body: 'x' }));
      expect(inbound.code).toBe('forbidden');
    }
    // Unknown customer and team are refusals of the admin's change; the bad field is malformed and leaves none.
    expect(await auditSince(server.store.db, mark)).toEqual([
      ['denied', 'conversation.create', ids.admin, 'unknown_customer'],
      ['denied', 'conversation.create', ids.admin, 'unknown_team'],
      ...(['agent', 'lead'] as const).flatMap((who) => [
        ['denied', 'conversation.create', ids[who], 'forbidden'],
        ['denied', 'conversation.inbound', ids[who], 'forbidden'],
      ]),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('reopens a resolved conversation and starts the next-response clock', async () => {
    const c = await openFresh(server, admin, { priority: 'urgent' });
    await agent.conversations.send(c.id, { body: 'done, refunded' });
    await agent.conversations.resolve(c.id);
    server.clock.advance(30 * MIN);
    const t = server.clock.now;
    const { conversation, message } = await admin.conversations.inbound(c.id, { body: 'it has not arrived 😡' });
    expect(conversation.status).toBe('open');
    expect(conversation.sla).toMatchObject({ clock: 'next_response', nextResponseDueAt: new Date(t + 10 * MIN).toISOString(), clockStartedAt: new Date(t).toISOString() });
    expect(message).toMatchObject({ kind: 'reply', author: { type: 'customer' } });
    expect((await rowOf(server, c.id)).resolved_at).toBeNull();
    const types = await server.store.db.selectFrom('events').select('type').where('conversation_id', '=', c.id).where('id', '>', 0).orderBy('id', 'desc').limit(2).execute();
    expect(types.map((e) => e.type).sort()).toEqual(['conversation.updated', 'message.created']);
  });

  it('wakes a snoozed conversation', async () => {
    const c = await openFresh(server, admin);
    await agent.conversations.snooze(c.id, server.clock.now + 8 * 60 * MIN);
    const { conversation } = await admin.conversations.inbound(c.id, { body: 'any update?' });
    expect(conversation).toMatchObject({ status: 'open', snoozedUntil: null });
  });

  it('keeps the clock already owed: a second customer message does not restart it', async () => {
    const c = await openFresh(server, admin, { priority: 'urgent' });
    server.clock.advance(2 * MIN);
    const { conversation } = await admin.conversations.inbound(c.id, { body: 'hello??' });
    expect(conversation.sla.firstResponseDueAt).toBe(c.sla.firstResponseDueAt);
    expect(conversation.sla.nextResponseDueAt).toBeNull();
  });

  it('refuses messages to a closed conversation, storing nothing', async () => {
    const c = await openFresh(server, admin);
    await agent.conversations.resolve(c.id);
    await lead.conversations.close(c.id);
    const before = await counts();
    const mark = await auditMark(server.store.db);
    const error = await apiFailure(admin.conversations.inbound(c.id, { body: 'hello?' }));
    expect([error.status, error.code]).toEqual([409, 'conversation_closed']);
    expect(await counts()).toEqual(before);
    expect(await auditSince(server.store.db, mark)).toEqual([['denied', 'conversation.inbound', ids.admin, 'conversation_closed']]);
  });

  it('stores a customer message once per clientMessageId, under concurrent retries', async () => {
    const c = await openFresh(server, admin);
    const clientMessageId = `wa-${randomUUID()}`;
    const results = await Promise.all([1, 2, 3, 4].map(() => admin.conversations.inbound(c.id, { body: 'sent once', clientMessageId })));
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await agent.conversations.get(c.id)).messages.filter((m) => m.clientMessageId === clientMessageId)).toHaveLength(1);
    const reused = await apiFailure(admin.conversations.inbound(c.id, { body: 'something else', clientMessageId }));
    expect([reused.status, reused.code]).toEqual([409, 'client_message_id_reused']);
  });
});
