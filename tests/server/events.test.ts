import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/api/events.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { openSse } from '../helpers/sse.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';
import { openFresh } from '../helpers/workflow.js';

const latestId = async (server: TestServer) => Number((await server.store.db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0);
const parse = (data: string) => JSON.parse(data) as LiveEvent;

describe('GET /v1/events (Server-Sent Events)', () => {
  let server: TestServer;
  let agent: SupportClient;
  let lead: SupportClient;
  let admin: SupportClient;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer({ demo: true, settings: { sweepIntervalMs: 0, eventsKeepAliveMs: 200 } });
    [agent, lead, admin] = await Promise.all([server.login('agent@example.com'), server.login('lead@example.com'), server.login('admin@example.com')]);
    const res = await fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'agent@example.com', password: 'demo' }) });
    token = ((await res.json()) as { token: string }).token;
  });
  afterAll(() => server.close());

  const auth = () => ({ authorization: `Bearer ${token}` });

  it('starts after the newest event and carries every event type, each once, in id order', async () => {
    const start = await latestId(server);
    const sse = await openSse(`${server.url}/v1/events`, auth());
    expect(sse.status).toBe(200);
    expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await waitFor(() => sse.ids.length > 0);
    expect(sse.ids[0]).toBe(String(start));

    const c = await openFresh(server, admin, { priority: 'urgent' });
    await agent.queue.claimNext().catch(() => undefined);
    await agent.conversations.transfer(c.id, { toAgentId: (await agent.me.get()).agent.id });
    await agent.conversations.send(c.id, { body: 'internal only', kind: 'note' });
    await agent.conversations.update(c.id, { addTags: ['vip'] });
    await lead.conversations.presence(c.id, 'typing');
    server.clock.advance(5 * 60_000);
    await server.sweeper.runOnce();
    const end = await latestId(server);
    await waitFor(() => sse.messages.some((m) => Number(m.id) === end), { describe: () => JSON.stringify(sse.messages.map((m) => m.id)) });

    const ids = sse.messages.map((m) => Number(m.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBeGreaterThan(start);
    const stored = await server.store.db.selectFrom('events').select('id').where('id', '>', start).where('id', '<=', end).orderBy('id').execute();
    expect(ids).toEqual(stored.map((e) => Number(e.id)));

    const mine = sse.messages.map((m) => ({ type: m.event, body: parse(m.data) })).filter((m) => m.body.conversationId === c.id);
    expect(mine.map((m) => m.type)).toEqual(expect.arrayContaining(['conversation.created', 'conversation.assigned', 'message.created', 'conversation.updated', 'presence', 'sla.breached']));
    for (const m of mine) expect(m.body.type).toBe(m.type);
    const note = mine.find((m) => m.type === 'message.created')!.body as Extract<LiveEvent, { type: 'message.created' }>;
    expect(note.data.message).toMatchObject({ kind: 'note', body: 'internal only' });
    await sse.close();
  });

  it('resumes after Last-Event-ID (or ?after=) with nothing missed or repeated', async () => {
    const from = await latestId(server);
    const c = await openFresh(server, admin);
    for (let i = 0; i < 5; i++) await agent.conversations.send(c.id, { body: `note ${i}`, kind: 'note' });
    const to = await latestId(server);
    const expected = (await server.store.db.selectFrom('events').select('id').where('id', '>', from).where('id', '<=', to).orderBy('id').execute()).map((e) => String(e.id));

    const byHeader = await openSse(`${server.url}/v1/events`, { ...auth(), 'last-event-id': String(from) });
    await waitFor(() => byHeader.messages.length >= expected.length);
    expect(byHeader.messages.map((m) => m.id)).toEqual(expected);

    const byQuery = await openSse(`${server.url}/v1/events?after=${from}`, auth());
    await waitFor(() => byQuery.messages.length >= expected.length);
    expect(byQuery.messages.map((m) => m.id)).toEqual(expected);

    // The header wins over the query.
    const both = await openSse(`${server.url}/v1/events?after=0`, { ...auth(), 'last-event-id': String(expected.at(-2)) });
    await waitFor(() => both.messages.length >= 1);
    expect(both.messages.map((m) => m.id)).toEqual([expected.at(-1)]);

    // Live events follow the replay without a gap.
    await agent.conversations.send(c.id, { body: 'live', kind: 'note' });
    await waitFor(() => byHeader.messages.length === expected.length + 1);
    // Ids are increasing, not consecutive (PostgreSQL gives them at commit, and rollbacks leave gaps).
    const next = await server.store.db.selectFrom('events').select('id').where('id', '>', Number(expected.at(-1))).execute();
    expect(byHeader.messages.at(-1)!.id).toBe(String(next[0]!.id));
    expect(next).toHaveLength(1);
    await Promise.all([byHeader.close(), byQuery.close(), both.close()]);
  });

  it('keeps idle streams alive with comments', async () => {
    const sse = await openSse(`${server.url}/v1/events`, auth());
    await waitFor(() => sse.comments.length >= 2);
    expect(sse.comments[0]).toBe('keep-alive');
    await sse.close();
  });

  it('refuses a bad Last-Event-ID (400) and a missing token (401) as problem+json', async () => {
    const bad = await fetch(`${server.url}/v1/events`, { headers: { ...auth(), 'last-event-id': 'yesterday' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('validation_failed');
    const anonymous = await fetch(`${server.url}/v1/events`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    await anonymous.body?.cancel();
  });

  it('ends the stream when its token is logged out', async () => {
    const res = await fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'budi@example.com', password: 'demo' }) });
    const budiToken = ((await res.json()) as { token: string }).token;
    const sse = await openSse(`${server.url}/v1/events`, { authorization: `Bearer ${budiToken}` });
    await waitFor(() => sse.ids.length > 0);
    await fetch(`${server.url}/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${budiToken}` } });
    await sse.ended;
  });

  it('ends open streams when the server shuts down, so that shutdown does not hang', async () => {
    const other = await startTestServer({ settings: { sweepIntervalMs: 0 } });
    const { addAgents } = await import('../helpers/workflow.js');
    const [{ client }] = await addAgents(other, [{ email: 'x@example.com' }]);
    const states: string[] = [];
    const subscription = client.events.subscribe({ onEvent: () => {}, onState: (s) => states.push(s.state), backoff: { initialMs: 60_000 } });
    await waitFor(() => subscription.state === 'connected');
    await other.close();
    await waitFor(() => states.includes('reconnecting'));
    subscription.close();
    await subscription.closed;
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'closed']);
  });
});
