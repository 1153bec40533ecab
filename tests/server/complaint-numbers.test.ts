import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/start.js';
import { isUniqueViolation } from '../../src/server/store/constraint.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * Complaint numbers under concurrency, on the engine of the project running this file (SQLite and
 * PostgreSQL): many creations at once through the real HTTP API never share a number, and the day's
 * sequence has no gap.
 */
/** A created complaint (201) or a problem. */
interface Answer {
  number: string;
  conversationId: number;
  code?: string;
}

describe(`complaint numbers under concurrency (${ENGINE})`, () => {
  let server: TestServer;
  let token: string;
  let taken = new Set<number>();

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    const res = await fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'agent@example.com', password: 'demo' }) });
    token = ((await res.json()) as { token: string }).token;
  });
  afterAll(() => server.close());

  const day = () => new Date(server.clock.now).toISOString().slice(0, 10).replaceAll('-', '');

  async function counter(): Promise<number> {
    return (await server.store.db.selectFrom('complaint_counters').select('last').where('day', '=', day()).executeTakeFirst())?.last ?? 0;
  }

  /** Conversations without a complaint, not handed out before. */
  async function freeConversations(n: number): Promise<number[]> {
    const rows = await server.store.db
      .selectFrom('conversations')
      .select('id')
      .where('id', 'not in', server.store.db.selectFrom('complaints').select('conversation_id'))
      .orderBy('id')
      .execute();
    const ids = rows.map((r) => r.id).filter((id) => !taken.has(id)).slice(0, n);
    expect(ids).toHaveLength(n);
    taken = new Set([...taken, ...ids]);
    return ids;
  }

  async function create(url: string, conversationId: number): Promise<{ status: number; body: Answer }> {
    const res = await fetch(`${url}/v1/complaints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId }),
    });
    return { status: res.status, body: (await res.json()) as Answer };
  }

  function expectContiguous(numbers: string[], after: number): void {
    expect(numbers.every((n) => n.startsWith(`C-${day()}-`) && /^C-\d{8}-\d{6}$/.test(n))).toBe(true);
    const sequences = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: numbers.length }, (_, i) => after + i + 1));
  }

  it('gives 120 concurrent creations 120 different numbers, with no gap in the day’s sequence', async () => {
    const before = await counter();
    const ids = await freeConversations(120);
    const results = await Promise.all(ids.map((id) => create(server.url, id)));
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 201));
    const numbers = results.map((r) => r.body.number);
    expect(new Set(numbers).size).toBe(120);
    expectContiguous(numbers, before);
    expect(await counter()).toBe(before + 120);
    const stored = await server.store.db.selectFrom('complaints').select(['number', 'conversation_id']).where('number', 'in', numbers).execute();
    expect(new Map(stored.map((s) => [s.conversation_id, s.number]))).toEqual(new Map(results.map((r) => [r.body.conversationId, r.body.number])));
  });

  it('lets exactly one of 25 concurrent creations on one conversation through; the rest are 409 and use no number', async () => {
    const before = await counter();
    const [id] = await freeConversations(1);
    const results = await Promise.all(Array.from({ length: 25 }, () => create(server.url, id!)));
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.map((r) => [r.status, r.body.code])).toEqual(refused.map(() => [409, 'complaint_already_open']));
    expect(await server.store.db.selectFrom('complaints').select('number').where('conversation_id', '=', id!).execute()).toEqual([{ number: created[0]!.body.number }]);
    expect(await counter()).toBe(before + 1);
  });

  it('is backed by the database itself: a second open complaint on a conversation is refused whatever code writes it', async () => {
    const [id] = await freeConversations(1);
    const { body } = await create(server.url, id!);
    const row = await server.store.db.selectFrom('complaints').selectAll().where('number', '=', body.number).executeTakeFirstOrThrow();
    const { id: _id, ...copy } = row;
    const insert = (values: Partial<typeof copy>) => server.store.db.insertInto('complaints').values({ ...copy, ...values }).execute();
    const error = await insert({ number: 'C-19990101-000001' }).then(() => undefined, (e: unknown) => e);
    expect(isUniqueViolation(error, 'complaints_one_open_per_conversation') || isUniqueViolation(error, 'complaints.conversation_id')).toBe(true);
    // The same number twice is refused too; closed complaints do not count as open.
    expect(isUniqueViolation(await insert({ status: 'closed' }).then(() => undefined, (e: unknown) => e))).toBe(true);
    await insert({ number: 'C-19990101-000002', status: 'closed' });
    expect(await server.store.db.selectFrom('complaints').select('number').where('conversation_id', '=', id!).orderBy('number').execute()).toEqual([
      { number: 'C-19990101-000002' },
      { number: body.number },
    ]);
  });

  // SQLite is the embedded, single-instance engine; several instances share one PostgreSQL database.
  if (ENGINE === 'postgres') {
    describe('two server instances on one PostgreSQL database', () => {
      let second: RunningServer;

      beforeAll(async () => {
        second = await startServer({ store: server.storeOptions, now: () => server.clock.now });
      });
      afterAll(() => second.close());

      it('never hands out one number twice across instances', async () => {
        const before = await counter();
        const ids = await freeConversations(60);
        const results = await Promise.all(ids.map((id, i) => create(i % 2 ? second.url : server.url, id)));
        expect(results.map((r) => r.status)).toEqual(ids.map(() => 201));
        const numbers = results.map((r) => r.body.number);
        expect(new Set(numbers).size).toBe(60);
        expectContiguous(numbers, before);
      });
    });
  }
});
