import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { auditMark, auditSince, countRows, openFresh, rowOf } from '../helpers/workflow.js';

describe('transfer, tags and presence', () => {
  let server: TestServer;
  let agent: SupportClient;
  let budi: SupportClient;
  let admin: SupportClient;
  let ids: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ inject: true, demo: true, settings: { sweepIntervalMs: 0, presenceTtlMs: 30_000 } });
    [agent, budi, admin] = await Promise.all([server.login('agent@example.com'), server.login('budi@example.com'), server.login('admin@example.com')]);
    ids = Object.fromEntries((await agent.agents.listAll()).map((a) => [a.email.split('@')[0]!, a.id]));
  });
  afterAll(() => server.close());

  const snapshot = async (id: number) => ({
    row: await rowOf(server, id),
    messages: await countRows(server.store.db, 'messages'),
    events: await countRows(server.store.db, 'events'),
  });

  it('transfers to an agent with the note stored as an internal note', async () => {
    const c = await openFresh(server, admin);
    const moved = await agent.conversations.transfer(c.id, { toAgentId: ids['budi']!, note: 'Customer speaks Indonesian; over to you' });
    expect(moved.assignee).toEqual({ id: ids['budi'], name: 'Budi Hartono' });
    const detail = await budi.conversations.get(c.id);
    const note = detail.messages.at(-1)!;
    expect(note).toMatchObject({ kind: 'note', author: { type: 'agent', id: ids['agent'] }, body: 'Transferred to Budi Hartono: Customer speaks Indonesian; over to you' });
    // A note is not a reply: the customer still waits, the preview is the customer's.
    expect(detail.conversation.sla.firstResponseDueAt).toBe(c.sla.firstResponseDueAt);
    expect(detail.conversation.lastMessagePreview).toBe(c.lastMessagePreview);
    const events = await server.store.db.selectFrom('events').select(['type', 'payload']).where('conversation_id', '=', c.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['conversation.created', 'message.created', 'conversation.assigned']);
    expect(JSON.parse(events[2]!.payload)).toMatchObject({ reason: 'transfer', from: null, to: { id: ids['budi'] }, by: { id: ids['agent'] } });
  });

  it('transfers to a team: back in the queue, for that team only', async () => {
    const c = await openFresh(server, admin);
    await agent.conversations.transfer(c.id, { toAgentId: ids['budi']! });
    const moved = await budi.conversations.transfer(c.id, { toTeam: 'security', note: 'possible takeover' });
    expect(moved).toMatchObject({ assignee: null, team: 'security' });
    const queue = await agent.queue.list({ team: 'security', limit: 200 });
    expect(queue.data.map((q) => q.id)).toContain(c.id);
  });

  it('refuses offline agents, unknown agents and teams, a transfer to where it is, and no target, changing nothing', async () => {
    const c = await openFresh(server, admin);
    await agent.conversations.transfer(c.id, { toAgentId: ids['budi']! });
    const before = await snapshot(c.id);
    const mark = await auditMark(server.store.db);
    const offline = await apiFailure(agent.conversations.transfer(c.id, { toAgentId: ids['admin']!, note: 'x' }));
    expect([offline.status, offline.code, offline.message]).toEqual([409, 'agent_unavailable', 'Sam Admin is offline; transfer to an online agent or to a team']);
    const nobody = await apiFailure(agent.conversations.transfer(c.id, { toAgentId: 'agt_NOSUCH01', note: 'x' }));
    expect([nobody.status, nobody.code]).toEqual([422, 'unknown_agent']);
    const noTeam = await apiFailure(agent.conversations.transfer(c.id, { toTeam: 'marketing', note: 'x' }));
    expect([noTeam.status, noTeam.code]).toEqual([422, 'unknown_team']);
    const same = await apiFailure(agent.conversations.transfer(c.id, { toAgentId: ids['budi']!, note: 'x' }));
    expect([same.status, same.code]).toEqual([409, 'already_assigned']);
    const neither = await apiFailure(agent.conversations.transfer(c.id, {}));
    expect([neither.status, neither.code]).toEqual([400, 'validation_failed']);
    const both = await apiFailure(agent.conversations.transfer(c.id, { toAgentId: ids['mei']!, toTeam: 'security' }));
    expect(both.code).toBe('validation_failed');
    expect(await snapshot(c.id)).toEqual(before);
    // Each refusal of the transfer is audited as denied; malformed bodies are not refusals and leave none.
    expect(await auditSince(server.store.db, mark)).toEqual(
      ['agent_unavailable', 'unknown_agent', 'unknown_team', 'already_assigned'].map((code) => ['denied', 'conversation.transfer', ids['agent'], code]),
    );
  });

  it('adds and removes tags on the server, replaces them, and refuses bad tags changing nothing', async () => {
    const c = await openFresh(server, admin);
    const [a, b] = await Promise.all([agent.conversations.update(c.id, { addTags: ['vip'] }), budi.conversations.update(c.id, { addTags: ['kyc'] })]);
    expect(new Set([...a.tags, ...b.tags])).toEqual(new Set(['vip', 'kyc']));
    expect((await agent.conversations.update(c.id, { removeTags: ['vip'] })).tags).toEqual(['kyc']);
    expect((await agent.conversations.update(c.id, { tags: ['peak-hour', 'vip'] })).tags).toEqual(['peak-hour', 'vip']);
    const before = await snapshot(c.id);
    const mark = await auditMark(server.store.db);
    // The same tags again: nothing to write, no event.
    await agent.conversations.update(c.id, { addTags: ['vip'] });
    expect(await snapshot(c.id)).toEqual(before);
    const bad = await apiFailure(agent.conversations.update(c.id, { addTags: ['VIP!'] }));
    expect(bad.fieldErrors).toEqual(['addTags.0: must be lowercase letters, digits, - or _, at most 32 long']);
    const mixed = await apiFailure(agent.conversations.update(c.id, { tags: ['a'], addTags: ['b'] }));
    expect(mixed.code).toBe('validation_failed');
    const empty = await apiFailure(agent.conversations.update(c.id, {}));
    expect(empty.code).toBe('validation_failed');
    expect(await snapshot(c.id)).toEqual(before);
    // Nothing written and nothing refused (malformed bodies are not refusals): the audit log is as it was.
    expect(await auditSince(server.store.db, mark)).toEqual([]);
  });

  it('shows who is viewing or typing, announces arrivals and changes, not every heartbeat', async () => {
    const c = await openFresh(server, admin);
    const presenceEvents = () => server.store.db.selectFrom('events').select('payload').where('conversation_id', '=', c.id).where('type', '=', 'presence').orderBy('id').execute();
    const t0 = server.clock.now;
    expect(await agent.conversations.presence(c.id, 'viewing')).toEqual([{ agent: { id: ids['agent'], name: 'Ayu Lestari' }, state: 'viewing', since: new Date(t0).toISOString(), expiresAt: new Date(t0 + 30_000).toISOString() }]);
    server.clock.advance(10_000);
    await agent.conversations.presence(c.id, 'viewing');
    await budi.conversations.presence(c.id, 'typing');
    expect((await presenceEvents()).length).toBe(2);
    const detail = await agent.conversations.get(c.id);
    expect(detail.presence.map((p) => [p.agent.name, p.state])).toEqual([
      ['Ayu Lestari', 'viewing'],
      ['Budi Hartono', 'typing'],
    ]);
    expect(detail.presence[0]!.expiresAt).toBe(new Date(t0 + 40_000).toISOString());
    const last = JSON.parse((await presenceEvents()).at(-1)!.payload) as { presence: { state: string }[] };
    expect(last.presence.map((p) => p.state)).toEqual(['viewing', 'typing']);

    // Budi leaves; Ayu's heartbeat stops and expires, which the sweeper announces.
    expect((await budi.conversations.leave(c.id)).map((p) => p.agent.name)).toEqual(['Ayu Lestari']);
    server.clock.advance(30_000);
    expect((await agent.conversations.get(c.id)).presence).toEqual([]);
    await server.sweeper.runOnce();
    const events = await presenceEvents();
    expect(events).toHaveLength(4);
    expect(JSON.parse(events[3]!.payload)).toEqual({ conversationId: c.id, presence: [] });
    expect(await server.store.db.selectFrom('presence').selectAll().where('conversation_id', '=', c.id).execute()).toEqual([]);
  });

  it('refuses presence on a missing conversation or in an unknown state', async () => {
    const missing = await apiFailure(agent.conversations.presence(999_999, 'viewing'));
    expect([missing.status, missing.code]).toEqual([404, 'not_found']);
    const bad = await apiFailure(agent.request('POST', 'v1/conversations/1/presence', { json: { state: 'lurking' } }));
    expect(bad.fieldErrors).toEqual(['state: must be one of: viewing, typing']);
  });
});
