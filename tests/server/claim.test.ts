import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { addAgents, addCustomer, auditMark, auditSince, countRows } from '../helpers/workflow.js';

const MIN = 60_000;

describe('claim-next rules', () => {
  let server: TestServer;
  let admin: SupportClient;
  let customerId: string;

  beforeAll(async () => {
    server = await startTestServer({ inject: true, settings: { sweepIntervalMs: 0 } });
    customerId = await addCustomer(server);
    [{ client: admin }] = await addAgents(server, [{ email: 'integration@example.com', role: 'admin', availability: 'offline' }]);
  });
  afterAll(() => server.close());

  let n = 0;
  const open = (o: { priority?: 'urgent' | 'high' | 'normal' | 'low'; channel?: 'chat' | 'email' | 'phone' | 'social'; category?: 'refund' | 'login' | 'other'; team?: string } = {}) =>
    admin
      .conversations.open({
        customerId,
        channel: o.channel ?? 'chat',
        category: o.category ?? 'other',
        priority: o.priority ?? 'normal',
        subject: `claim test ${++n}`,
        body: 'hello',
        ...(o.team ? { team: o.team } : {}),
      })
      .then((r) => r.conversation);

  /** Everything a refused claim must leave as it was (the audit log gains its denied entry: see auditSince). */
  const snapshot = async () => ({
    assigned: await server.store.db.selectFrom('conversations').select(['id', 'assignee_id']).orderBy('id').execute(),
    events: await countRows(server.store.db, 'events'),
  });

  /** Resolves whatever is still open, so that each test starts from an empty queue. */
  async function clearQueue(): Promise<void> {
    await server.store.db.updateTable('conversations').set({ status: 'closed' }).where('status', '=', 'open').execute();
  }

  it('takes the next conversation in queue order and announces it', async () => {
    await clearQueue();
    const [{ id: meId, client: me }] = await addAgents(server, [{ email: 'order@example.com', capacity: 10 }]);
    const normal = await open({ priority: 'normal' });
    server.clock.advance(MIN);
    const urgent = await open({ priority: 'urgent' });
    const high = await open({ priority: 'high' });
    const first = await me.queue.claimNext();
    expect(first.id).toBe(urgent.id);
    expect(first.assignee).toEqual({ id: meId, name: 'order' });
    expect((await me.queue.claimNext()).id).toBe(high.id);
    expect((await me.queue.claimNext()).id).toBe(normal.id);
    const event = await server.store.db.selectFrom('events').select('payload').where('type', '=', 'conversation.assigned').where('conversation_id', '=', urgent.id).executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload)).toMatchObject({ reason: 'claim', from: null, to: { id: meId }, conversation: { id: urgent.id, assignee: { id: meId } } });
    const audit = await server.store.db.selectFrom('audit_log').select(['actor_id', 'after']).where('action', '=', 'conversation.claim').where('target_id', '=', String(urgent.id)).executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(meId);
  });

  it('takes only the channels and categories the agent works, and teams they are in', async () => {
    await clearQueue();
    const [{ client: emailRefunds }, { client: security }] = await addAgents(server, [
      { email: 'refunds@example.com', channels: ['email'], categories: ['refund'], capacity: 10 },
      { email: 'sec@example.com', teams: ['security'], capacity: 10 },
    ]);
    const chatRefund = await open({ priority: 'urgent', channel: 'chat', category: 'refund' });
    const emailLogin = await open({ priority: 'urgent', channel: 'email', category: 'login' });
    const emailRefund = await open({ priority: 'low', channel: 'email', category: 'refund' });
    const forSecurity = await open({ priority: 'urgent', team: 'security', channel: 'email', category: 'refund' });
    // The urgent email refund is routed to team security: not for this agent, who gets the low one.
    expect((await emailRefunds.queue.claimNext()).id).toBe(emailRefund.id);
    const none = await apiFailure(emailRefunds.queue.claimNext());
    expect([none.status, none.code]).toEqual([409, 'queue_empty']);
    const forTeam = [(await security.queue.claimNext()).id, (await security.queue.claimNext()).id, (await security.queue.claimNext()).id];
    expect(forTeam).toEqual([chatRefund.id, emailLogin.id, forSecurity.id]);
  });

  it('stops at capacity (open conversations only) and says so, changing nothing', async () => {
    await clearQueue();
    const [{ id: meId, client: me }] = await addAgents(server, [{ email: 'cap@example.com', capacity: 2 }]);
    for (let i = 0; i < 4; i++) await open();
    const a = await me.queue.claimNext();
    await me.queue.claimNext();
    const before = await snapshot();
    const mark = await auditMark(server.store.db);
    const full = await apiFailure(me.queue.claimNext());
    expect([full.status, full.code]).toEqual([409, 'at_capacity']);
    expect(full.message).toBe('you hold 2 open conversations and your capacity is 2; resolve, snooze or transfer one first');
    expect(await snapshot()).toEqual(before);
    expect(await auditSince(server.store.db, mark)).toEqual([['denied', 'conversation.claim', meId, 'at_capacity']]);
    // Waiting on the customer frees a place: capacity counts open conversations.
    await me.conversations.setPending(a.id);
    await me.queue.claimNext();
  });

  it('refuses offline agents (away may claim) and agents with no capacity, changing nothing', async () => {
    await clearQueue();
    await open();
    const [{ id: offlineId, client: offline }, { client: away }, { id: zeroId, client: zero }] = await addAgents(server, [
      { email: 'off@example.com', availability: 'offline' },
      { email: 'away@example.com', availability: 'away' },
      { email: 'zero@example.com', capacity: 0 },
    ]);
    const before = await snapshot();
    const mark = await auditMark(server.store.db);
    const unavailable = await apiFailure(offline.queue.claimNext());
    expect([unavailable.status, unavailable.code]).toEqual([409, 'agent_unavailable']);
    expect(unavailable.message).toContain('offline');
    const noRoom = await apiFailure(zero.queue.claimNext());
    expect(noRoom.code).toBe('at_capacity');
    expect(await snapshot()).toEqual(before);
    expect(await auditSince(server.store.db, mark)).toEqual([
      ['denied', 'conversation.claim', offlineId, 'agent_unavailable'],
      ['denied', 'conversation.claim', zeroId, 'at_capacity'],
    ]);
    await away.queue.claimNext();
    // Back online, the offline agent claims.
    await open();
    await offline.me.setAvailability('online');
    await offline.queue.claimNext();
  });

  it('says the queue is empty when nothing waits, and never hands out assigned or snoozed conversations', async () => {
    await clearQueue();
    const [{ client: me }, { id: otherId, client: other }] = await addAgents(server, [{ email: 'empty@example.com' }, { email: 'other@example.com' }]);
    const snoozed = await open();
    await other.conversations.snooze(snoozed.id, server.clock.now + 60 * MIN);
    const taken = await open();
    await other.conversations.transfer(taken.id, { toAgentId: otherId });
    const mark = await auditMark(server.store.db);
    const error = await apiFailure(me.queue.claimNext());
    expect([error.status, error.code]).toEqual([409, 'queue_empty']);
    expect(error.message).toMatch(/^no open, unassigned conversation waits in your channels and categories/);
    // Finding nothing is an answer, not a refusal: idle agents ask often, and the audit log stays quiet.
    expect(await auditSince(server.store.db, mark)).toEqual([]);
  });

  it('resolve and claim next: one call resolves this one and returns the next', async () => {
    await clearQueue();
    const [{ client: me }] = await addAgents(server, [{ email: 'flow@example.com', capacity: 1 }]);
    const first = await open({ priority: 'urgent' });
    const second = await open({ priority: 'high' });
    expect((await me.queue.claimNext()).id).toBe(first.id);
    const result = await me.conversations.resolve(first.id, { claimNext: true });
    expect(result.conversation).toMatchObject({ id: first.id, status: 'resolved' });
    expect(result.next?.id).toBe(second.id);
    expect(result.nextError).toBeNull();
    // Nothing left: the resolve stands and the reason comes back.
    const last = await me.conversations.resolve(second.id, { claimNext: true });
    expect(last.conversation.status).toBe('resolved');
    expect(last.next).toBeNull();
    expect(last.nextError?.code).toBe('queue_empty');
    // Without claimNext nobody is moved on by surprise.
    const third = await open();
    const plain = await me.conversations.resolve((await me.queue.claimNext()).id);
    expect(plain.next).toBeNull();
    expect(plain.nextError).toBeNull();
    expect(third.id).toBe(plain.conversation.id);
  });
});
