import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { SupportClient as Client } from '../../src/client/support-client.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import { migrationsFor } from '../../src/server/store/migrations/index.js';
import { NodeSqliteDatabase } from '../../src/server/store/node-sqlite.js';
import type { Database } from '../../src/server/store/tables.js';
import { countersAndRaw, COUNTER_TABLES } from '../helpers/report-counters.js';
import { seedReportDesk } from '../helpers/report-seed.js';
import { dropStore, ENGINE, newStoreOptions, startTestServer, type TestServer } from '../helpers/test-server.js';
import { openFresh } from '../helpers/workflow.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

async function expectCountersEqualRaw(db: Kysely<Database>): Promise<void> {
  for (const [table, { stored, raw }] of Object.entries(await countersAndRaw(db))) expect(stored, table).toEqual(raw);
}

/**
 * The reports' counters (migration 021): kept by triggers in the transaction of every write, equal at
 * all times to plain SQL over the raw tables (tests/helpers/report-counters.ts), through the API's
 * writes, other writers' direct changes, and concurrent transactions on the same counter rows.
 */
describe(`report counters (${ENGINE})`, () => {
  let server: TestServer;
  let admin: SupportClient;
  let agent: SupportClient;
  let lead: SupportClient;
  let budi: SupportClient;
  let anonymous: SupportClient;
  const db = () => server.store.db;

  /** Tokens expire as the clock moves on: everyone logs in again. */
  const loginAll = async () => {
    admin = await server.login('admin@example.com');
    agent = await server.login('agent@example.com');
    lead = await server.login('lead@example.com');
    budi = await server.login('budi@example.com');
  };

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    await loginAll();
    anonymous = new Client({ baseUrl: server.url });
  });
  afterAll(() => server.close());

  const idOf = async (client: SupportClient) => (await client.me.get()).agent.id;

  it('hold the demo desk, equal to SQL over its raw tables', async () => {
    for (const table of COUNTER_TABLES) expect(Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db())).rows[0]!.n), table).toBeGreaterThan(0);
    await expectCountersEqualRaw(db());
  });

  it('follow the API: replies, notes, resolutions, ratings, a reopening and a move to another team', async () => {
    const c = await openFresh(server, admin, { team: 'payments' });
    await admin.conversations.transfer(c.id, { toAgentId: await idOf(agent) });
    server.clock.advance(7 * MIN);
    await agent.conversations.send(c.id, { body: 'first answer', kind: 'reply' });
    await agent.conversations.send(c.id, { body: 'a note is no reply', kind: 'note' });
    server.clock.advance(20 * MIN);
    await admin.conversations.inbound(c.id, { body: 'and one more thing' });
    server.clock.advance(3 * MIN);
    await lead.conversations.send(c.id, { body: 'the next answer', kind: 'reply' });
    await agent.conversations.resolve(c.id);
    const survey = (await agent.surveys.list({ conversationId: c.id })).data[0]!;
    await anonymous.surveys.answer(survey.id, (await admin.surveys.link(survey.id)).token, { rating: 2 });
    await expectCountersEqualRaw(db());

    // The customer writes a day later: the resolution counts as reopened, the conversation is no
    // longer resolved; then it moves to the general team, taking its responses' counts along.
    server.clock.advance(DAY);
    await loginAll();
    await admin.conversations.inbound(c.id, { body: 'it happened again' });
    await admin.conversations.transfer(c.id, { toTeam: 'general' });
    await expectCountersEqualRaw(db());
    await admin.conversations.transfer(c.id, { toAgentId: await idOf(budi) });
    await budi.conversations.send(c.id, { body: 'on it', kind: 'reply' });
    await budi.conversations.resolve(c.id);
    await expectCountersEqualRaw(db());
    // What the scenario meant to cover did happen.
    expect((await db().selectFrom('surveys').select('reopened_at').where('id', '=', survey.id).executeTakeFirstOrThrow()).reopened_at).not.toBeNull();
    expect(await db().selectFrom('response_times').select('clock').where('conversation_id', '=', c.id).orderBy('id').execute()).toEqual([
      { clock: 'first_response' },
      { clock: 'next_response' },
      { clock: 'next_response' },
    ]);
  });

  it('follow changes made outside the server: updated, moved and deleted raw rows', async () => {
    const response = await db().selectFrom('response_times').select(['id', 'conversation_id']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    await db().updateTable('response_times').set((eb) => ({ responded_at: eb('responded_at', '+', 3 * DAY), duration_ms: eb('duration_ms', '+', 1_500) })).where('id', '=', response.id).execute();
    await db().updateTable('conversations').set({ team: null }).where('id', '=', response.conversation_id).execute();
    await db().updateTable('conversations').set((eb) => ({ created_at: eb('created_at', '-', 2 * DAY) })).where('id', '=', response.conversation_id).execute();
    await db().updateTable('messages').set({ kind: 'note' }).where('kind', '=', 'reply').where('author_type', '=', 'agent').where('conversation_id', '=', response.conversation_id).execute();
    await db().updateTable('surveys').set({ rating: 5, team: 'security' }).where('conversation_id', '=', response.conversation_id).execute();
    // The response's team is the database's to keep: a write of it is put back.
    await sql`update response_times set team = 'security' where id = ${response.id}`.execute(db());
    await expectCountersEqualRaw(db());
    // In one transaction, a response written, its conversation moved twice and the response changed:
    // PostgreSQL counts at the commit, from each write's own rows.
    const message = await db().selectFrom('messages').select('id').where('conversation_id', '=', response.conversation_id).limit(1).executeTakeFirstOrThrow();
    await db()
      .transaction()
      .execute(async (trx) => {
        const at = server.clock.now;
        const row = { conversation_id: response.conversation_id, clock: 'next_response', started_at: at - 5 * MIN, due_at: at, responded_at: at, duration_ms: 5 * MIN, agent_id: null, message_id: Number(message.id) };
        const { id } = await trx.insertInto('response_times').values(row).returning('id').executeTakeFirstOrThrow();
        await trx.updateTable('conversations').set({ team: 'security' }).where('id', '=', response.conversation_id).execute();
        await trx.updateTable('response_times').set({ duration_ms: 7 * MIN + 500 }).where('id', '=', Number(id)).execute();
        await trx.updateTable('conversations').set({ team: 'payments' }).where('id', '=', response.conversation_id).execute();
      });
    await expectCountersEqualRaw(db());
    await db().deleteFrom('response_times').where('conversation_id', '=', response.conversation_id).execute();
    await db().deleteFrom('follow_ups').where('conversation_id', '=', response.conversation_id).execute();
    await db().deleteFrom('surveys').where('conversation_id', '=', response.conversation_id).execute();
    await expectCountersEqualRaw(db());
  });

  it('stay exact under concurrent writes to the same counter rows (one slot, one team)', async () => {
    const agents = [agent, lead, budi];
    const ids = await Promise.all(agents.map(idOf));
    const conversations = await Promise.all(Array.from({ length: 12 }, () => openFresh(server, admin, { team: 'general' })));
    await Promise.all(conversations.map((c, i) => admin.conversations.transfer(c.id, { toAgentId: ids[i % 3]! })));
    // Every first response in one slot, clock and team at once; then resolutions, customers writing
    // back and moves to another team, all at once.
    await Promise.all(conversations.map((c, i) => agents[i % 3]!.conversations.send(c.id, { body: 'hello', kind: 'reply' })));
    await expectCountersEqualRaw(db());
    await Promise.all(
      conversations.map((c, i) => {
        if (i % 3 === 0) return agents[i % 3]!.conversations.resolve(c.id);
        if (i % 3 === 1) return admin.conversations.inbound(c.id, { body: 'thanks, and?' }).then(() => agents[i % 3]!.conversations.send(c.id, { body: 'more', kind: 'reply' }));
        return admin.conversations.transfer(c.id, { toTeam: 'payments' });
      }),
    );
    await expectCountersEqualRaw(db());
    // Moves in opposite directions at once, of conversations created and answered in the same slot:
    // each takes the other's counter rows (taken in one order, they never wait on each other in a circle).
    const [toGeneral, toPayments] = await Promise.all([0, 1].map(() => Promise.all(Array.from({ length: 6 }, () => openFresh(server, admin, { team: 'payments' })))));
    for (const c of toPayments!) await admin.conversations.transfer(c.id, { toTeam: 'general' });
    const moving = [...toGeneral!, ...toPayments!];
    await Promise.all(moving.map((c, i) => admin.conversations.transfer(c.id, { toAgentId: ids[i % 3]! })));
    await Promise.all(moving.map((c, i) => agents[i % 3]!.conversations.send(c.id, { body: 'hello', kind: 'reply' })));
    await Promise.all(moving.map((c, i) => admin.conversations.transfer(c.id, { toTeam: i < 6 ? 'general' : 'payments' })));
    await expectCountersEqualRaw(db());
    const slot = Math.floor(server.clock.now / (15 * MIN));
    const first = await db().selectFrom('report_clock_slots').select((eb) => eb.fn.sum<number | string>('stopped').as('n')).where('slot', '=', slot).where('clock', '=', 'first_response').executeTakeFirstOrThrow();
    expect(Number(first.n)).toBeGreaterThanOrEqual(12);
  });
});

describe(`report counters: the check itself (${ENGINE})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ demo: true });
  });
  afterAll(() => server.close());

  it('notices a write whose counter was not kept (a trigger dropped)', async () => {
    const admin = await server.login('admin@example.com');
    const agent = await server.login('agent@example.com');
    await sql.raw(ENGINE === 'sqlite' ? 'drop trigger report_agent_days_messages_insert' : 'drop trigger report_agent_days_messages_insert on messages').execute(server.store.db);
    const c = await openFresh(server, admin);
    await admin.conversations.transfer(c.id, { toAgentId: (await agent.me.get()).agent.id });
    await agent.conversations.send(c.id, { body: 'not counted', kind: 'reply' });
    const all = await countersAndRaw(server.store.db);
    expect(all['report_agent_days']!.stored).not.toEqual(all['report_agent_days']!.raw);
    expect(all['report_clock_slots']!.stored).toEqual(all['report_clock_slots']!.raw);
  });
});

describe(`migration 021 (${ENGINE})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'support-021-'));
  const options = newStoreOptions(dir);
  afterAll(async () => {
    await dropStore(options);
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts what was written before it: the counters start equal to SQL over the raw tables', async () => {
    const pool = options.engine === 'postgres' ? new pg.Pool({ connectionString: options.url, options: `-c search_path=${options.schema}` }) : undefined;
    const db = new Kysely<Database>({ dialect: pool ? new PostgresDialect({ pool }) : new SqliteDialect({ database: new NodeSqliteDatabase(join(dir, 'm.db')) }) });
    try {
      if (options.engine === 'postgres') await sql.raw(`create schema ${options.schema}`).execute(db);
      const migrate = async (without: string | null) => {
        const migrations = Object.fromEntries(Object.entries(migrationsFor(ENGINE)).filter(([name]) => name !== without));
        const migrator = new Migrator({
          db,
          provider: { getMigrations: async () => migrations },
          allowUnorderedMigrations: true,
          ...(options.engine === 'postgres' ? { migrationTableSchema: options.schema } : {}),
        });
        const { error } = await migrator.migrateToLatest();
        if (error) throw error;
      };
      await migrate('021-report-counters');
      await seedDemo(db, ENGINE, Date.now());
      await seedReportDesk(db);
      await migrate(null);
      for (const table of COUNTER_TABLES) expect(Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n), table).toBeGreaterThan(0);
      await expectCountersEqualRaw(db);
    } finally {
      await db.destroy();
    }
  });
});
