import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/api/events.js';
import { ApiError } from '../../src/client/errors.js';
import { SupportClient } from '../../src/client/support-client.js';
import type { RunningServer } from '../../src/server/start.js';
import { appendEvent } from '../../src/server/store/events.js';
import { MoneyFixtures, rawPost, tokenFor } from '../helpers/money.js';
import { startSecondInstance } from '../helpers/second-instance.js';
import { openSse } from '../helpers/sse.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';
import { addAgents, addCustomer, bulkInsertConversations, openFresh } from '../helpers/workflow.js';

// Long enough that no test here can pass by the poll: on PostgreSQL events cross instances by NOTIFY.
// SQLite has no NOTIFY; there the instances find each other's rows by a short poll.
const POLL_MS = ENGINE === 'postgres' ? 10 * 60_000 : 100;
const parse = (data: string) => JSON.parse(data) as LiveEvent;

describe(`two server instances on one database (${ENGINE})`, () => {
  let a: TestServer;
  let b: RunningServer;

  beforeAll(async () => {
    a = await startTestServer({
      demo: true,
      settings: { eventsPollMs: POLL_MS, loginLimitPerEmail: { max: 3, windowMs: 60_000 }, loginLimitPerIp: { max: 1000, windowMs: 60_000 } },
    });
    b = await startSecondInstance(a, { eventsPollMs: POLL_MS, loginLimitPerEmail: { max: 3, windowMs: 60_000 }, loginLimitPerIp: { max: 1000, windowMs: 60_000 } });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('an event written through A reaches a stream on B, and B resumes by Last-Event-ID after events from A', async () => {
    const token = await tokenFor(b.url, 'agent@example.com');
    const admin = await a.login('admin@example.com');
    const sse = await openSse(`${b.url}/v1/events`, { authorization: `Bearer ${token}` });
    await waitFor(() => sse.ids.length > 0);
    const c = await openFresh(a, admin, { subject: 'written through A' });
    const created = await waitFor(() => sse.messages.find((m) => m.event === 'conversation.created' && parse(m.data).conversationId === c.id));
    await sse.close();

    // Missed while disconnected, all written through A: a resume on B gets each once, in order.
    const agentOnA = await a.login('agent@example.com');
    await agentOnA.conversations.send(c.id, { body: 'first while away', kind: 'note' });
    await agentOnA.conversations.send(c.id, { body: 'second while away', kind: 'note' });
    const stored = (await a.store.db.selectFrom('events').select('id').where('id', '>', Number(created.id)).orderBy('id').execute()).map((e) => Number(e.id));
    expect(stored.length).toBeGreaterThanOrEqual(2);
    const resumed = await openSse(`${b.url}/v1/events`, { authorization: `Bearer ${token}`, 'last-event-id': created.id! });
    await waitFor(() => resumed.messages.length >= stored.length, { describe: () => JSON.stringify(resumed.messages.map((m) => m.id)) });
    expect(resumed.messages.map((m) => Number(m.id))).toEqual(stored);
    expect(resumed.messages.filter((m) => m.event === 'message.created').map((m) => (parse(m.data) as Extract<LiveEvent, { type: 'message.created' }>).data.message.body)).toEqual([
      'first while away',
      'second while away',
    ]);
    await resumed.close();
  });

  it('counts failed logins across instances: the limit is reached whichever instance is asked', async () => {
    const attempt = (url: string) =>
      fetch(`${url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lead@example.com', password: 'wrong' }) });
    const statuses = [];
    for (const url of [a.url, b.url, a.url]) statuses.push((await attempt(url)).status);
    expect(statuses).toEqual([401, 401, 401]);
    const limited = await attempt(b.url);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { code: string }).code).toBe('rate_limited');
    // Even the right password is refused now, on either instance; no token was issued.
    const tokensBefore = await a.store.db.selectFrom('tokens').select('token_hash').execute();
    const right = await fetch(`${a.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lead@example.com', password: 'demo' }) });
    expect(right.status).toBe(429);
    expect(await a.store.db.selectFrom('tokens').select('token_hash').execute()).toHaveLength(tokensBefore.length);
  });

  it('the same Idempotency-Key on A then B returns the first result and moves money once', async () => {
    const admin = await a.login('admin@example.com');
    const fx = new MoneyFixtures(a, admin);
    const payment = await fx.payment('IDR', 30_000);
    const balance = await fx.balance(payment.accountId);
    const body = { transactionId: payment.id, amount: 12_000, reason: 'duplicate', note: 'across instances' };
    const k = randomUUID();
    const first = await rawPost(`${a.url}/v1/refunds`, await tokenFor(a.url, 'agent@example.com'), body, { 'idempotency-key': k });
    const second = await rawPost(`${b.url}/v1/refunds`, await tokenFor(b.url, 'agent@example.com'), body, { 'idempotency-key': k });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.text).toBe(first.text);
    expect(await fx.refundRows(payment.id)).toHaveLength(1);
    expect(await fx.balance(payment.accountId)).toBe(balance + 12_000);
  });

  it('concurrent claims split across both instances never give a conversation twice', async () => {
    const customer = await addCustomer(a, 'cus_MULTIINST01');
    await bulkInsertConversations(a.store.db, customer, 300, a.clock.now);
    const open = (await a.store.db.selectFrom('conversations').select('id').where('status', '=', 'open').where('assignee_id', 'is', null).execute()).length;
    const agents = await addAgents(
      a,
      Array.from({ length: 12 }, (_, i) => ({ email: `multi${i}@example.com`, capacity: 1000 })),
    );
    const claimed: number[] = [];
    await Promise.all(
      agents.map(async ({ client, token }, i) => {
        // Half the agents talk to A, half to B, with the same tokens (tokens live in the database).
        const via = i % 2 === 0 ? client : new SupportClient({ baseUrl: b.url, token });
        for (;;) {
          try {
            claimed.push((await via.queue.claimNext()).id);
          } catch (error) {
            if (error instanceof ApiError && error.code === 'queue_empty') return;
            throw error;
          }
        }
      }),
    );
    expect(claimed).toHaveLength(open);
    expect(new Set(claimed).size).toBe(open);
    const assigned = await a.store.db
      .selectFrom('audit_log')
      .select((eb) => ['target_id', eb.fn.countAll<number>().as('n')])
      .where('action', '=', 'conversation.claim')
      .groupBy('target_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(assigned).toEqual([]);
  });

  it.runIf(ENGINE === 'postgres')('when B loses its LISTEN connection it reconnects, and events from A reach B again', async () => {
    const token = await tokenFor(b.url, 'agent@example.com');
    const admin = await a.login('admin@example.com');
    const sse = await openSse(`${b.url}/v1/events`, { authorization: `Bearer ${token}` });
    await waitFor(() => sse.ids.length > 0);
    const listener = b.listener!;
    const connects = listener.connects;
    // pg's Client knows its backend's pid but does not declare it in its types.
    const pid = (listener.client as unknown as { processID: number }).processID;
    await sql`select pg_terminate_backend(${pid})`.execute(a.store.db);
    // Written while B may still be disconnected: the wake after reconnecting finds it.
    const c = await openFresh(a, admin, { subject: 'after the cut' });
    await waitFor(() => listener.connects > connects);
    await waitFor(() => sse.messages.find((m) => m.event === 'conversation.created' && parse(m.data).conversationId === c.id));
    const d = await openFresh(a, admin, { subject: 'after the reconnect' });
    await waitFor(() => sse.messages.find((m) => m.event === 'conversation.created' && parse(m.data).conversationId === d.id));
    await sse.close();
  });

  it.runIf(ENGINE === 'postgres')('a transaction that appends an event first but commits last is still delivered: ids follow commit order', async () => {
    const token = await tokenFor(b.url, 'agent@example.com');
    const admin = await a.login('admin@example.com');
    const sse = await openSse(`${b.url}/v1/events`, { authorization: `Bearer ${token}` });
    await waitFor(() => sse.ids.length > 0);
    const c = await openFresh(a, admin, { subject: 'ordering' });
    const before = Number((await a.store.db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id);

    // A slow writer on A: appends an event (taking a sequence number first) and holds its transaction open.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let appended = false;
    const marker = { conversationId: c.id, presence: [], slowWriter: true };
    const slow = a.store.db.transaction().execute(async (trx) => {
      await appendEvent(trx, 'postgres', { type: 'presence', conversationId: c.id, payload: marker, at: a.clock.now });
      appended = true;
      await held;
    });
    try {
      await waitFor(() => appended);
      // Meanwhile a fast writer on B commits, and its event reaches the stream.
      const note = await new SupportClient({ baseUrl: b.url, token }).conversations.send(c.id, { body: 'fast writer', kind: 'note' });
      await waitFor(() => sse.messages.find((m) => m.event === 'message.created' && (parse(m.data) as Extract<LiveEvent, { type: 'message.created' }>).data.message.id === note.message.id));
    } finally {
      release();
      await slow;
    }
    // The slow event, committed last, got a later id than everything already delivered, so it arrives.
    const slowEvent = await waitFor(() => sse.messages.find((m) => m.event === 'presence' && (parse(m.data).data as { slowWriter?: boolean }).slowWriter));
    const ids = sse.messages.map((m) => Number(m.id));
    expect(Number(slowEvent.id)).toBe(Math.max(...ids));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    const stored = (await a.store.db.selectFrom('events').select('id').where('id', '>', before).orderBy('id').execute()).map((e) => Number(e.id));
    expect(ids.filter((id) => id > before)).toEqual(stored);
    await sse.close();
  });

  it.runIf(ENGINE === 'postgres')('many concurrent writers on both instances: a stream on each sees every stored event, once, in id order', async () => {
    const tokenA = await tokenFor(a.url, 'agent@example.com');
    const tokenB = await tokenFor(b.url, 'agent@example.com');
    const admin = await a.login('admin@example.com');
    const c = await openFresh(a, admin, { subject: 'many writers' });
    const start = Number((await a.store.db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id);
    const onA = await openSse(`${a.url}/v1/events`, { authorization: `Bearer ${tokenA}`, 'last-event-id': String(start) });
    const onB = await openSse(`${b.url}/v1/events`, { authorization: `Bearer ${tokenB}`, 'last-event-id': String(start) });
    const clients = [new SupportClient({ baseUrl: a.url, token: tokenA }), new SupportClient({ baseUrl: b.url, token: tokenB })];
    await Promise.all(
      Array.from({ length: 16 }, async (_, w) => {
        for (let i = 0; i < 10; i++) await clients[w % 2]!.conversations.send(c.id, { body: `writer ${w} note ${i}`, kind: 'note' });
      }),
    );
    const stored = (await a.store.db.selectFrom('events').select('id').where('id', '>', start).orderBy('id').execute()).map((e) => Number(e.id));
    expect(stored).toHaveLength(160);
    for (const sse of [onA, onB]) {
      await waitFor(() => sse.messages.length >= stored.length, { describe: () => `${sse.messages.length} of ${stored.length}` });
      expect(sse.messages.map((m) => Number(m.id))).toEqual(stored);
      await sse.close();
    }
  });
});
