import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SupportClient } from '../../src/client/support-client.js';
import { openStore } from '../../src/server/store/database.js';
import { migrationsFor } from '../../src/server/store/migrations/index.js';
import { NodeSqliteDatabase } from '../../src/server/store/node-sqlite.js';
import type { Database } from '../../src/server/store/tables.js';
import { countedFromRows, storedCounters } from '../helpers/desk-counters.js';
import { dropStore, ENGINE, newStoreOptions, startTestServer, type TestServer } from '../helpers/test-server.js';
import { openFresh, someCustomerId } from '../helpers/workflow.js';

const MIN = 60_000;

async function expectCountersMatchRows(db: Kysely<Database>) {
  const [stored, counted] = [await storedCounters(db), await countedFromRows(db)];
  expect(stored.queue).toEqual(counted.queue);
  expect(stored.slots).toEqual(counted.slots);
  expect(stored.responses).toEqual(counted.responses);
  // Not vacuous: the desk has something waiting, created, resolved and answered.
  expect(Object.keys(counted.queue).length).toBeGreaterThan(0);
  expect(Object.keys(counted.responses).length).toBeGreaterThan(0);
}

/**
 * Migration 020's counters (the waiting queue per group; per 15-minute slot what was created,
 * resolved, answered and responded) against the same counts worked out from the rows, after writes
 * of every kind: through the API, in parallel, and straight in SQL (the triggers count whatever path
 * a row takes). Taking away any of the triggers makes these fail.
 */
describe('the board’s counters', () => {
  let server: TestServer;
  let admin: SupportClient;
  let agent: SupportClient;
  let lead: SupportClient;

  beforeAll(async () => {
    server = await startTestServer({ demo: true, clockStart: Date.UTC(2026, 11, 3, 9, 7) });
    [admin, agent, lead] = await Promise.all([server.login('admin@example.com'), server.login('agent@example.com'), server.login('lead@example.com')]);
  });
  afterAll(() => server.close());

  it('hold the demo desk’s counts as copied in, its clock moved', async () => {
    await expectCountersMatchRows(server.store.db);
  });

  it('follow a mix of writes through the API: opened, claimed, answered, moved, reprioritised, resolved, reopened, rated', async () => {
    const db = server.store.db;
    const opened = [];
    for (const [i, team] of ['payments', 'security', undefined, 'general'].entries()) {
      opened.push(await openFresh(server, admin, { priority: i % 2 ? 'high' : 'low', category: i % 2 ? 'refund' : 'login', ...(team ? { team } : {}) }));
      server.clock.advance(4 * MIN);
    }
    await expectCountersMatchRows(db);
    const claimed = await agent.queue.claimNext();
    await agent.conversations.send(claimed.id, { body: 'Looking into it now.' });
    server.clock.advance(16 * MIN);
    await agent.conversations.send(claimed.id, { body: 'Found it: the transfer is on its way.' });
    await lead.conversations.update(opened[1]!.id, { priority: 'urgent', category: 'payment_failed' });
    await lead.conversations.transfer(opened[2]!.id, { toTeam: 'security' });
    await lead.conversations.transfer(opened[3]!.id, { toAgentId: (await agent.me.get()).agent.id });
    await expectCountersMatchRows(db);

    await agent.conversations.resolve(claimed.id);
    server.clock.advance(20 * MIN);
    await agent.conversations.reopen(claimed.id);
    await agent.conversations.send(claimed.id, { body: 'One more thing checked.' });
    await agent.conversations.resolve(claimed.id);
    await agent.conversations.setPending(opened[3]!.id);
    const survey = (await agent.surveys.list({ conversationId: claimed.id })).data[0]!;
    const { token } = await admin.surveys.link(survey.id);
    await new SupportClient({ baseUrl: server.url }).surveys.answer(survey.id, token, { rating: 5 });
    await expectCountersMatchRows(db);
  });

  it('follow rows written, moved and deleted in SQL, as a test or a repair would', async () => {
    const db = server.store.db;
    const waiting = await db.selectFrom('conversations').select(['id', 'created_at']).where('status', '=', 'open').where('assignee_id', 'is', null).orderBy('id').limit(3).execute();
    expect(waiting.length).toBe(3);
    await db.updateTable('conversations').set({ team: 'cards', channel: 'email' }).where('id', '=', waiting[0]!.id).execute();
    await db.updateTable('conversations').set({ created_at: Number(waiting[1]!.created_at) - 7 * MIN }).where('id', '=', waiting[1]!.id).execute();
    await db.updateTable('conversations').set({ status: 'snoozed' }).where('id', '=', waiting[2]!.id).execute();
    const response = await db.selectFrom('response_times').select(['id', 'responded_at']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    await db.updateTable('response_times').set({ responded_at: Number(response.responded_at) + 20 * MIN, clock: 'next_response' }).where('id', '=', response.id).execute();
    const resolution = await db.selectFrom('desk_resolutions').select(['id', 'resolved_at']).where('reopened_at', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    await db.updateTable('desk_resolutions').set({ reopened_at: Number(resolution.resolved_at) + MIN, due_at: Number(resolution.resolved_at) - 1 }).where('id', '=', resolution.id).execute();
    await db.deleteFrom('response_times').where('id', '<', (await db.selectFrom('response_times').select('id').orderBy('id').limit(1).offset(3).executeTakeFirstOrThrow()).id).execute();
    await db.updateTable('surveys').set({ answered_at: null, rating: null }).where('answered_at', 'is not', null).where('rating', '<=', 2).execute();
    await expectCountersMatchRows(db);
  });

  it('stay exact under writes in parallel: conversations opened, claimed, answered, reprioritised and resolved at once', async () => {
    const db = server.store.db;
    const agents = await Promise.all(['agent@example.com', 'budi@example.com', 'mei@example.com', 'lead@example.com'].map((email) => server.login(email)));
    const fresh = await Promise.all(
      Array.from({ length: 24 }, (_, i) => openFresh(server, admin, { priority: (['low', 'normal', 'high', 'urgent'] as const)[i % 4], category: i % 3 ? 'login' : 'other', ...(i % 2 ? { team: 'general' } : {}) })),
    );
    const claims = await Promise.allSettled(agents.flatMap((a) => [a.queue.claimNext(), a.queue.claimNext(), a.queue.claimNext()]));
    const mine = claims.flatMap((c, i) => (c.status === 'fulfilled' ? [{ conversation: c.value, by: agents[Math.floor(i / 3)]! }] : []));
    expect(mine.length).toBeGreaterThan(4);
    await Promise.all([
      ...mine.map(({ conversation, by }) => by.conversations.send(conversation.id, { body: 'On it.' })),
      ...fresh.slice(12).map((c, i) => lead.conversations.update(c.id, { priority: i % 2 ? 'urgent' : 'low' }).catch(() => undefined)),
      ...fresh.slice(6, 12).map((c) => admin.conversations.open({ customerId: c.customer.id, channel: 'email', category: 'refund', subject: 'again', body: 'me again' })),
    ]);
    await Promise.all(mine.slice(0, 6).map(({ conversation, by }) => by.conversations.resolve(conversation.id)));
    await expectCountersMatchRows(db);
  });

  it('reads back on the board: the queue and today’s counts are the counters’', async () => {
    const board = await lead.desk.get();
    const rows = await countedFromRows(server.store.db);
    expect(board.queue.waiting).toBe(Object.values(rows.queue).reduce((a, b) => a + b, 0));
    const raw = await sql<{ n: number }>`select count(*) as n from desk_resolutions where resolved_at >= ${Date.UTC(2026, 11, 3)}`.execute(server.store.db);
    expect(board.today.resolved).toBe(Number(raw.rows[0]!.n));
  });
});

/**
 * PostgreSQL runs the counters' triggers at commit, one committing transaction at a time: two
 * transactions that each move conversations between the same two groups, in opposite orders, would
 * otherwise each hold one counter row and wait for the other's (a deadlock, one of them refused).
 */
describe.runIf(ENGINE === 'postgres')('the board’s counters on PostgreSQL, transactions in parallel', () => {
  let server: TestServer;
  afterAll(() => server?.close());

  it('two transactions moving conversations between two groups in opposite orders both commit, and the counts stay exact', async () => {
    server = await startTestServer({ demo: true });
    const options = server.storeOptions;
    if (options.engine !== 'postgres') throw new Error('postgres expected');
    const db = server.store.db;
    const customer = await someCustomerId(server);
    const admin = await server.login('admin@example.com');
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push((await openFresh(server, admin, { category: i % 2 ? 'refund' : 'login' })).id);
    await expectCountersMatchRows(db);
    const connect = async () => {
      // A wait on a lock fails in seconds, instead of hanging the test, if ever a statement has to wait.
      const client = new pg.Client({ connectionString: options.url, options: `-c search_path=${options.schema} -c lock_timeout=5000` });
      await client.connect();
      return client;
    };
    const [one, two] = await Promise.all([connect(), connect()]);
    try {
      await one.query('begin');
      await two.query('begin');
      // One takes a login conversation out of its group, two a refund one; then each the other kind.
      await one.query(`update conversations set category = 'international' where id = $1`, [ids[0]]);
      await two.query(`update conversations set category = 'international' where id = $1`, [ids[1]]);
      await one.query(`update conversations set category = 'login' where id = $1`, [ids[3]]);
      await two.query(`update conversations set category = 'refund' where id = $1`, [ids[2]]);
      await Promise.all([one.query('commit'), two.query('commit')]);
      // Many small transactions at once on the same counter rows: each adds exactly its own.
      await Promise.all(
        Array.from({ length: 16 }, async (_, i) => {
          const client = await connect();
          try {
            await client.query('begin');
            await client.query(`update conversations set priority = $1 where id = $2`, [i % 2 ? 'urgent' : 'low', ids[i % 4]]);
            await client.query(
              `insert into conversations (customer_id, subject, status, priority, priority_rank, channel, category, tags, due_at, message_count, last_message_preview, last_message_at, created_at, updated_at)
                values ($1, 'parallel', 'open', 'normal', 2, 'chat', 'login', '[]', 0, 1, 'parallel', $2, $2, $2)`,
              [customer, Date.now() - i * MIN],
            );
            await client.query('commit');
          } finally {
            await client.end();
          }
        }),
      );
    } finally {
      await Promise.all([one.end(), two.end()]);
    }
    await expectCountersMatchRows(db);
  });
});

/** A desk from before migration 020: its counters are filled from the rows already there. */
describe('migration 020 on an existing desk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'support-020-'));
  const options = newStoreOptions(dir);
  afterAll(async () => {
    await dropStore(options);
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the rows written before it, then keeps counting', async () => {
    const pool = options.engine === 'postgres' ? new pg.Pool({ connectionString: options.url, options: `-c search_path=${options.schema}` }) : undefined;
    const before = new Kysely<Database>({ dialect: pool ? new PostgresDialect({ pool }) : new SqliteDialect({ database: new NodeSqliteDatabase(join(dir, 'support.db')) }) });
    const T = Date.UTC(2026, 11, 3, 10);
    try {
      if (options.engine === 'postgres') await sql.raw(`create schema ${options.schema}`).execute(before);
      const migrator = new Migrator({
        db: before,
        provider: { getMigrations: async () => migrationsFor(options.engine) },
        allowUnorderedMigrations: true,
        ...(options.engine === 'postgres' ? { migrationTableSchema: options.schema } : {}),
      });
      const migrated = await migrator.migrateTo('019-desk-settings');
      expect(migrated.error).toBeUndefined();
      await before.insertInto('agents').values({ id: 'agt_1', email: 'a@x', name: 'A', role: 'agent', availability: 'online', password_hash: 'x', teams: '[]', created_at: T, channels: '[]', categories: '[]', capacity: 5 }).execute();
      await before.insertInto('customers').values({ id: 'cus_1', name: 'C', email: null, phone: null, language: 'id', kyc_level: 'full', two_factor_enabled: 0, created_at: T }).execute();
      const conversation = (i: number, o: { status?: string; assignee_id?: string | null; team?: string | null }) => ({
        customer_id: 'cus_1', subject: `c${i}`, status: o.status ?? 'open', priority: i % 2 ? 'high' : 'normal', priority_rank: 2, channel: 'chat', category: 'other', tags: '[]',
        assignee_id: o.assignee_id ?? null, team: o.team === undefined ? 'payments' : o.team, due_at: 0, message_count: 1, last_message_preview: 'x', last_message_at: T, created_at: T - i * 7 * MIN, updated_at: T,
      });
      await before.insertInto('conversations').values([conversation(1, {}), conversation(2, { team: null }), conversation(3, { assignee_id: 'agt_1' }), conversation(4, { status: 'resolved' }), conversation(5, { team: '' })]).execute();
      const ids = (await before.selectFrom('conversations').select('id').orderBy('id').execute()).map((r) => r.id);
      await before.insertInto('response_times').values([
        { conversation_id: ids[2]!, clock: 'first_response', started_at: T - 60 * MIN, due_at: T - 30 * MIN, responded_at: T - 20 * MIN, duration_ms: 40 * MIN, agent_id: 'agt_1', message_id: 1 },
        { conversation_id: ids[3]!, clock: 'first_response', started_at: T - 60 * MIN, due_at: T, responded_at: T - 50 * MIN, duration_ms: 10 * MIN, agent_id: 'agt_1', message_id: 2 },
      ]).execute();
      await before.insertInto('desk_resolutions').values([{ conversation_id: ids[3]!, resolved_at: T - 5 * MIN, due_at: T - 10 * MIN, reopened_at: null }, { conversation_id: ids[3]!, resolved_at: T - 40 * MIN, due_at: null, reopened_at: T - 30 * MIN }]).execute();
      await before.insertInto('surveys').values({
        conversation_id: ids[3]!, customer_id: 'cus_1', agent_id: 'agt_1', team: null, token: 'srv_1', language: 'id', created_at: T - 5 * MIN, expires_at: T + 60 * MIN,
        rating: 4, comment: null, answered_at: T - 2 * MIN, reopened_at: null, resolution_ms: 1, resolution_due_at: null,
      }).execute();
    } finally {
      await before.destroy();
    }
    const store = await openStore(options);
    try {
      await expectCountersMatchRows(store.db);
      expect((await storedCounters(store.db)).queue).toEqual({ 'team payments|high|chat|other': 1, 'no team|normal|chat|other': 1, 'team |high|chat|other': 1 });
      await store.db.updateTable('conversations').set({ assignee_id: 'agt_1' }).where('team', 'is', null).execute();
      await store.db.deleteFrom('surveys').execute();
      await expectCountersMatchRows(store.db);
    } finally {
      await store.close();
    }
  });
});
