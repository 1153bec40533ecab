import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { PRIORITIES } from '../../src/api/enums.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** The queue's documented order: due time, then priority, then age. */
function sortKey(c: ConversationSummary) {
  return [c.sla.dueAt ? Date.parse(c.sla.dueAt) : Number.MAX_SAFE_INTEGER, PRIORITIES.indexOf(c.priority), Date.parse(c.createdAt), c.id];
}

function inOrder(a: ConversationSummary, b: ConversationSummary): boolean {
  const ka = sortKey(a);
  const kb = sortKey(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]!;
  return true;
}

describe('queue and conversations through the client', () => {
  let server: TestServer;
  let agent: SupportClient;
  let agentId: string;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    agent = await server.login();
    agentId = (await agent.me.get()).agent.id;
  });
  afterAll(() => server.close());

  it('lists open and pending conversations in SLA order by default', async () => {
    const all = await agent.queue.listAll();
    expect(all.length).toBeGreaterThan(100);
    expect(new Set(all.map((c) => c.status))).toEqual(new Set(['open', 'pending']));
    for (let i = 1; i < all.length; i++) expect(inOrder(all[i - 1]!, all[i]!)).toBe(true);
  });

  it('pages with cursors without gaps or repeats', async () => {
    const whole = await agent.queue.list({ limit: 200, status: 'open,pending,snoozed,resolved,closed' });
    const paged: ConversationSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await agent.queue.list({ limit: 7, status: 'open,pending,snoozed,resolved,closed', ...(cursor ? { cursor } : {}) });
      expect(page.data.length).toBeLessThanOrEqual(7);
      paged.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && paged.length < 200);
    expect(paged.slice(0, 200).map((c) => c.id)).toEqual(whole.data.map((c) => c.id));
  });

  it('filters by status, channel, priority, category, assignee and text', async () => {
    const resolved = await agent.queue.list({ status: 'resolved', limit: 200 });
    expect(resolved.data.length).toBeGreaterThan(0);
    expect(resolved.data.every((c) => c.status === 'resolved' && c.sla.dueAt === null)).toBe(true);

    const email = await agent.queue.list({ channel: 'email', limit: 200 });
    expect(email.data.length).toBeGreaterThan(0);
    expect(email.data.every((c) => c.channel === 'email')).toBe(true);

    const urgent = await agent.queue.list({ priority: 'urgent', limit: 200 });
    expect(urgent.data.length).toBeGreaterThan(0);
    expect(urgent.data.every((c) => c.priority === 'urgent')).toBe(true);

    const security = await agent.queue.list({ category: 'account_security', limit: 200 });
    expect(security.data.length).toBeGreaterThan(0);
    expect(security.data.every((c) => c.category === 'account_security')).toBe(true);

    const unassigned = await agent.queue.list({ assignee: 'unassigned', limit: 200 });
    expect(unassigned.data.length).toBeGreaterThan(0);
    expect(unassigned.data.every((c) => c.assignee === null)).toBe(true);

    const mine = await agent.queue.list({ assignee: 'me', status: 'open,pending,snoozed,resolved,closed', limit: 200 });
    expect(mine.data.length).toBeGreaterThan(0);
    expect(mine.data.every((c) => c.assignee?.id === agentId)).toBe(true);

    const sample = unassigned.data[0]!;
    const byName = await agent.queue.list({ q: sample.customer.name.slice(0, 3), status: 'open,pending,snoozed,resolved,closed', limit: 200 });
    expect(byName.data.some((c) => c.id === sample.id)).toBe(true);
    const byId = await agent.queue.list({ q: `#${sample.id}`, limit: 200 });
    expect(byId.data.map((c) => c.id)).toContain(sample.id);
    const none = await agent.queue.list({ q: '%_no such text_%' });
    expect(none.data).toEqual([]);
    // % and _ are matched literally, on both engines.
    await server.store.db.updateTable('conversations').set({ subject: 'Refund 100% of order_77' }).where('id', '=', sample.id).execute();
    expect((await agent.queue.list({ q: '100%', limit: 200 })).data.map((c) => c.id)).toEqual([sample.id]);
    expect((await agent.queue.list({ q: 'order_77', limit: 200 })).data.map((c) => c.id)).toEqual([sample.id]);
    expect((await agent.queue.list({ q: 'order_7_', limit: 200 })).data).toEqual([]);
  });

  it('refuses bad filters and a foreign cursor with a 400 that names the field', async () => {
    const badStatus = await apiFailure(agent.queue.list({ status: 'opened' }));
    expect([badStatus.status, badStatus.code]).toEqual([400, 'validation_failed']);
    expect(badStatus.fieldErrors[0]).toMatch(/^status \(query\): must be one or more of open, pending/);
    const badLimit = await apiFailure(agent.queue.list({ limit: 0 }));
    expect(badLimit.fieldErrors[0]).toMatch(/^limit \(query\)/);
    const badCursor = await apiFailure(agent.queue.list({ cursor: 'bm9wZQ' }));
    expect([badCursor.status, badCursor.code]).toEqual([400, 'bad_cursor']);
  });

  it('shows a conversation with its customer, wallets, transactions and messages', async () => {
    const [first] = (await agent.queue.list({ category: 'payment_failed', limit: 1 })).data;
    const detail = await agent.conversations.get(first!.id);
    expect(detail.conversation.id).toBe(first!.id);
    expect(detail.customer.id).toBe(first!.customer.id);
    expect(detail.accounts.length).toBeGreaterThan(0);
    expect(detail.accounts.every((a) => a.customerId === detail.customer.id && Number.isInteger(a.balance.amount))).toBe(true);
    expect(detail.recentTransactions.length).toBeGreaterThan(0);
    expect(detail.recentTransactions.some((t) => t.status === 'failed' && t.failureReason !== null)).toBe(true);
    expect(detail.messages[0]!.author.type).toBe('customer');
    expect(detail.messages.length).toBe(detail.conversation.messageCount);
  });

  it('answers 404 not_found for a conversation that does not exist, 400 for a bad id', async () => {
    const missing = await apiFailure(agent.conversations.get(999_999));
    expect([missing.status, missing.code]).toEqual([404, 'not_found']);
    const bad = await apiFailure(agent.request('GET', 'v1/conversations/abc'));
    expect([bad.status, bad.code]).toEqual([400, 'validation_failed']);
  });

  it('sends a reply: stored once, the first response recorded, the SLA clock moved', async () => {
    const [target] = (await agent.queue.list({ assignee: 'unassigned', status: 'open', limit: 200 })).data.filter((c) => c.messageCount === 1);
    expect(target).toBeDefined();
    const before = await agent.conversations.get(target!.id);
    expect(before.conversation.sla.firstResponseDueAt).not.toBeNull();

    const sent = await agent.conversations.send(target!.id, { body: 'Halo, saya cek dulu ya 🙏', kind: 'reply' });
    expect(sent.replayed).toBe(false);
    expect(sent.message).toMatchObject({ kind: 'reply', body: 'Halo, saya cek dulu ya 🙏', author: { type: 'agent', id: agentId } });
    expect(sent.conversation.sla.firstResponseDueAt).toBeNull();
    expect(sent.conversation.messageCount).toBe(2);
    expect(sent.conversation.lastMessagePreview).toBe('Halo, saya cek dulu ya 🙏');

    const after = await agent.conversations.get(target!.id);
    expect(after.messages.at(-1)!.id).toBe(sent.message.id);
  });

  it('stores a message once per clientMessageId, however often it is sent', async () => {
    const id = (await agent.queue.list({ limit: 1 })).data[0]!.id;
    const clientMessageId = randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => agent.conversations.send(id, { body: 'once only', clientMessageId })));
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const detail = await agent.conversations.get(id);
    expect(detail.messages.filter((m) => m.clientMessageId === clientMessageId)).toHaveLength(1);
  });

  it('refuses a reused clientMessageId with another body (409) and changes nothing', async () => {
    const id = (await agent.queue.list({ limit: 1 })).data[0]!.id;
    const clientMessageId = randomUUID();
    await agent.conversations.send(id, { body: 'first', clientMessageId });
    const count = (await agent.conversations.get(id)).conversation.messageCount;
    const error = await apiFailure(agent.conversations.send(id, { body: 'second', clientMessageId }));
    expect([error.status, error.code]).toEqual([409, 'client_message_id_reused']);
    expect((await agent.conversations.get(id)).conversation.messageCount).toBe(count);
  });

  it('keeps internal notes apart from replies and out of the preview', async () => {
    const id = (await agent.queue.list({ limit: 1 })).data[0]!.id;
    const before = await agent.conversations.get(id);
    const sent = await agent.conversations.send(id, { body: 'internal: checked ledger', kind: 'note' });
    expect(sent.message.kind).toBe('note');
    expect(sent.conversation.lastMessagePreview).toBe(before.conversation.lastMessagePreview);
    expect(sent.conversation.sla.dueAt).toBe(before.conversation.sla.dueAt);
  });

  it('refuses messages to a closed conversation with 409 and stores nothing', async () => {
    const closed = (await agent.queue.list({ status: 'closed', limit: 1 })).data[0]!;
    const error = await apiFailure(agent.conversations.send(closed.id, { body: 'hello?' }));
    expect([error.status, error.code]).toEqual([409, 'conversation_closed']);
    expect((await agent.conversations.get(closed.id)).conversation.messageCount).toBe(closed.messageCount);
  });

  it('refuses an empty or oversized message body', async () => {
    const id = (await agent.queue.list({ limit: 1 })).data[0]!.id;
    const empty = await apiFailure(agent.conversations.send(id, { body: '' }));
    expect(empty.code).toBe('validation_failed');
    const long = await apiFailure(agent.conversations.send(id, { body: 'x'.repeat(20_001) }));
    expect(long.code).toBe('validation_failed');
    const kind = await apiFailure(agent.request('POST', `v1/conversations/${id}/messages`, { json: { body: 'x', kind: 'shout' } }));
    expect(kind.fieldErrors).toEqual(['kind: must be one of: reply, note']);
  });

  it('pages back through a long history in reading order', async () => {
    const id = (await agent.queue.list({ limit: 1 })).data[0]!.id;
    for (let i = 0; i < 120; i++) await agent.conversations.send(id, { body: `history ${i}`, kind: 'note' });
    const detail = await agent.conversations.get(id);
    expect(detail.messages).toHaveLength(100);
    expect(detail.olderMessagesCursor).not.toBeNull();
    const older: number[] = [];
    let cursor = detail.olderMessagesCursor;
    while (cursor) {
      const page = await agent.conversations.messages(id, { cursor, limit: 30 });
      older.unshift(...page.data.map((m) => m.id));
      cursor = page.nextCursor;
    }
    const ids = [...older, ...detail.messages.map((m) => m.id)];
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids).toHaveLength(detail.conversation.messageCount);
  });

  it('records every reply and note in the audit log', async () => {
    const rows = await server.store.db.selectFrom('audit_log').select(['action', 'actor_id', 'request_id']).where('action', 'in', ['conversation.reply', 'conversation.note']).execute();
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.every((r) => r.actor_id === agentId && r.request_id?.startsWith('req_'))).toBe(true);
  });
});
