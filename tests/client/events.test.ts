import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/api/events.js';
import type { StreamStateInfo } from '../../src/client/event-stream.js';
import { SupportClient } from '../../src/client/support-client.js';
import { cutProxy, type CutProxy } from '../helpers/cut-proxy.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';
import { openFresh } from '../helpers/workflow.js';

describe('the client’s event subscription', () => {
  let server: TestServer;
  let proxy: CutProxy;
  let agent: SupportClient;
  let admin: SupportClient;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer({ demo: true, settings: { sweepIntervalMs: 0 } });
    proxy = await cutProxy(server.url);
    [agent, admin] = await Promise.all([server.login('agent@example.com'), server.login('admin@example.com')]);
    token = (await new SupportClient({ baseUrl: server.url }).auth.login('agent@example.com', 'demo')).token;
  });
  afterAll(async () => {
    await proxy.close();
    await server.close();
  });

  const storedIds = async (after: number) =>
    (await server.store.db.selectFrom('events').select('id').where('id', '>', after).orderBy('id').execute()).map((e) => Number(e.id));
  const latest = async () => (await storedIds(0)).at(-1) ?? 0;

  /** Makes `n` events: notes on a conversation. */
  async function activity(id: number, n: number, label: string) {
    for (let i = 0; i < n; i++) await agent.conversations.send(id, { body: `${label} ${i}`, kind: 'note' });
  }

  it('resumes after a cut connection with no event missed or repeated, and reports its state', async () => {
    const c = await openFresh(server, admin);
    const start = await latest();
    const received: LiveEvent[] = [];
    const states: StreamStateInfo[] = [];
    const viaProxy = new SupportClient({ baseUrl: proxy.url, token });
    const subscription = viaProxy.events.subscribe({ onEvent: (e) => received.push(e), onState: (s) => states.push(s), backoff: { initialMs: 50, maxMs: 200 } });
    await waitFor(() => subscription.state === 'connected');

    await activity(c.id, 5, 'before');
    await waitFor(() => received.length === 5);

    // The link drops, and stays down while the desk keeps working.
    proxy.down = true;
    proxy.cut();
    await waitFor(() => subscription.state === 'reconnecting');
    await activity(c.id, 7, 'during');
    await waitFor(() => states.filter((s) => s.state === 'reconnecting').length >= 2);
    proxy.down = false;
    await waitFor(() => subscription.state === 'connected');

    // A second cut in the middle of a burst.
    const burst = activity(c.id, 10, 'burst');
    await waitFor(() => received.length > 14);
    proxy.cut();
    await burst;
    await activity(c.id, 3, 'after');

    const all = await storedIds(start);
    await waitFor(() => received.length >= all.length, { describe: () => `${received.length} of ${all.length}` });
    expect(received.map((e) => e.id)).toEqual(all);
    expect(subscription.lastEventId).toBe(all.at(-1));
    expect(received.filter((e) => e.type === 'message.created').map((e) => (e.data as { message: { body: string } }).message.body).slice(0, 6)).toEqual([
      'before 0', 'before 1', 'before 2', 'before 3', 'before 4', 'during 0',
    ]);
    const sequence = states.map((s) => s.state).filter((s, i, a) => s !== a[i - 1]);
    expect(sequence.slice(0, 5)).toEqual(['connecting', 'connected', 'reconnecting', 'connected', 'reconnecting']);
    expect(states.find((s) => s.state === 'reconnecting')).toMatchObject({ attempt: 1, retryInMs: expect.any(Number) });
    subscription.close();
    await subscription.closed;
    expect(subscription.state).toBe('closed');
  });

  it('notices a stalled link by its silence and reconnects', async () => {
    const start = await latest();
    const received: LiveEvent[] = [];
    const viaProxy = new SupportClient({ baseUrl: proxy.url, token });
    const subscription = viaProxy.events.subscribe({ onEvent: (e) => received.push(e), idleTimeoutMs: 300, backoff: { initialMs: 20, maxMs: 50 } });
    await waitFor(() => subscription.state === 'connected');
    const before = proxy.connections;
    proxy.stall = true;
    const c = await openFresh(server, admin);
    await waitFor(() => subscription.state === 'reconnecting');
    proxy.stall = false;
    await waitFor(() => proxy.connections > before && subscription.state === 'connected');
    await activity(c.id, 2, 'after stall');
    const all = await storedIds(start);
    await waitFor(() => received.length >= all.length);
    expect(received.map((e) => e.id)).toEqual(all);
    subscription.close();
  });

  it('resumes from `after`, and stops with the reason when the token is refused', async () => {
    const from = await latest();
    const c = await openFresh(server, admin);
    await activity(c.id, 2, 'old');
    const received: LiveEvent[] = [];
    const resumed = agent.events.subscribe({ after: from, onEvent: (e) => received.push(e) });
    const expected = await storedIds(from);
    await waitFor(() => received.length >= expected.length);
    expect(received.map((e) => e.id)).toEqual(expected);
    resumed.close();

    const states: StreamStateInfo[] = [];
    const refused = new SupportClient({ baseUrl: server.url, token: 'sup_not-a-real-token' }).events.subscribe({ onEvent: () => {}, onState: (s) => states.push(s) });
    await refused.closed;
    expect(states.at(-1)).toMatchObject({ state: 'closed', error: { code: 'unauthenticated', status: 401 } });
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const subscription = agent.events.subscribe({ onEvent: () => {}, signal: controller.signal });
    await waitFor(() => subscription.state === 'connected');
    controller.abort();
    await subscription.closed;
    expect(subscription.state).toBe('closed');
  });
});
