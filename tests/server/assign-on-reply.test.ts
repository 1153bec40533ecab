import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { addAgents, addCustomer, openFresh, rowOf } from '../helpers/workflow.js';

const auditOf = (server: TestServer, id: number) =>
  server.store.db.selectFrom('audit_log').select(['action', 'actor_id', 'before', 'after']).where('target_id', '=', String(id)).where('action', '=', 'conversation.assign').execute();

const assignedEvents = async (server: TestServer, id: number) =>
  (await server.store.db.selectFrom('events').select('payload').where('type', '=', 'conversation.assigned').where('conversation_id', '=', id).execute()).map(
    (e) => JSON.parse(e.payload) as { reason: string; from: unknown; to: { id: string } | null; by: { id: string } | null },
  );

describe('replying to an unassigned conversation assigns it to the replier', () => {
  let server: TestServer;
  let admin: SupportClient;
  let mei: { id: string; client: SupportClient };
  let raka: { id: string; client: SupportClient };

  beforeAll(async () => {
    server = await startTestServer({ inject: true });
    await addCustomer(server);
    [{ client: admin }, mei, raka] = await addAgents(server, [
      { email: 'assign-admin@example.com', role: 'admin' },
      { email: 'mei@example.com', name: 'Mei' },
      { email: 'raka@example.com', name: 'Raka' },
    ]);
  });
  afterAll(() => server.close());

  it('makes the conversation the replier’s, with an audit entry and a live event like a claim', async () => {
    const c = await openFresh(server, admin);
    const sent = await mei.client.conversations.send(c.id, { body: 'Looking into it now', kind: 'reply', clientMessageId: 'assign-1' });
    expect(sent.conversation.assignee).toEqual({ id: mei.id, name: 'Mei' });
    expect((await rowOf(server, c.id)).assignee_id).toBe(mei.id);
    const audit = await auditOf(server, c.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: mei.id });
    expect(JSON.parse(String(audit[0]!.after))).toEqual({ assigneeId: mei.id });
    expect(await assignedEvents(server, c.id)).toEqual([expect.objectContaining({ reason: 'reply', from: null, to: { id: mei.id, name: 'Mei' }, by: { id: mei.id, name: 'Mei' } })]);
  });

  it('leaves an assigned conversation with its assignee, and a note assigns nothing', async () => {
    const c = await openFresh(server, admin);
    await mei.client.conversations.send(c.id, { body: 'Only a note', kind: 'note', clientMessageId: 'assign-note' });
    expect((await rowOf(server, c.id)).assignee_id).toBeNull();
    await mei.client.conversations.send(c.id, { body: 'Mine now', kind: 'reply', clientMessageId: 'assign-2' });
    const other = await raka.client.conversations.send(c.id, { body: 'Helping out', kind: 'reply', clientMessageId: 'assign-3' });
    expect(other.conversation.assignee?.id).toBe(mei.id);
    expect(await auditOf(server, c.id)).toHaveLength(1);
    expect(await assignedEvents(server, c.id)).toHaveLength(1);
  });

  it('a replayed reply (same clientMessageId) assigns nothing twice', async () => {
    const c = await openFresh(server, admin);
    const body = { body: 'Once', kind: 'reply' as const, clientMessageId: 'assign-replay' };
    await mei.client.conversations.send(c.id, body);
    await mei.client.conversations.send(c.id, body);
    expect(await auditOf(server, c.id)).toHaveLength(1);
  });

  it('two agents replying at once: exactly one of them gets it, once', async () => {
    for (let round = 0; round < 5; round++) {
      const c = await openFresh(server, admin);
      const results = await Promise.allSettled([
        mei.client.conversations.send(c.id, { body: 'me first', kind: 'reply', clientMessageId: `race-m-${round}` }),
        raka.client.conversations.send(c.id, { body: 'no, me', kind: 'reply', clientMessageId: `race-r-${round}` }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      const row = await rowOf(server, c.id);
      expect([mei.id, raka.id]).toContain(row.assignee_id);
      const audit = await auditOf(server, c.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actor_id).toBe(row.assignee_id);
      expect(await assignedEvents(server, c.id)).toHaveLength(1);
    }
  });
});

describe('with the desk setting off (support server --no-assign-on-reply)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ inject: true, settings: { assignOnReply: false } });
    await addCustomer(server);
  });
  afterAll(() => server.close());

  it('a reply leaves the conversation unassigned, and nothing is recorded as an assignment', async () => {
    const [{ client: admin }, mei] = await addAgents(server, [{ email: 'off-admin@example.com', role: 'admin' }, { email: 'mei@example.com' }]);
    const c = await openFresh(server, admin);
    const sent = await mei.client.conversations.send(c.id, { body: 'Answered', kind: 'reply', clientMessageId: 'off-reply-1' });
    expect(sent.conversation.assignee).toBeNull();
    expect((await rowOf(server, c.id)).assignee_id).toBeNull();
    expect(await auditOf(server, c.id)).toHaveLength(0);
    expect(await assignedEvents(server, c.id)).toHaveLength(0);
  });
});
