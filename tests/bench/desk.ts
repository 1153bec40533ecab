import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { CATEGORIES, CHANNELS, PRIORITIES } from '../../src/api/enums.js';
import { SupportClient } from '../../src/client/support-client.js';
import { issueToken } from '../../src/server/auth/tokens.js';
import { startServer } from '../../src/server/start.js';
import { openStore, type StoreOptions } from '../../src/server/store/database.js';
import type { Database } from '../../src/server/store/tables.js';
import { dropStore } from '../helpers/test-server.js';
import { postgresSeeded } from './lib/seeded-schema.js';
import { percentile, round } from './lib/stats.js';

export interface DeskBenchResult {
  engine: 'sqlite' | 'postgres';
  agents: number;
  conversations: number;
  open: number;
  seedSeconds: number;
  cached: boolean;
  board: { queries: number; p50Ms: number; p95Ms: number };
  /** GET /v1/me in the same run: the floor of any authenticated request on this machine at that moment. */
  floor: { p50Ms: number; p95Ms: number };
  loadAverage: number;
}

/** 4: seeded with migration 020's counters and their triggers (a checkout without 020 cannot open it). */
export const DESK_SEED_VERSION = 4;
const AGENTS = 200;
const TEAMS = ['payments', 'security', 'general', 'cards', 'merchants'];
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The board's budget: 200 agents and `conversations` conversations over 90 days, the newest 5 % of
 * them open (1,600 held by agents, the rest waiting: a wave), each closed one with its first response
 * and its resolution; agents' replies in the last hour; complaints. Seeded in bulk by the database
 * itself (INSERT … SELECT over a generated series), relative to a fixed "now" stored with the seed so
 * that a cached desk is reused as it was; GET /v1/desk is then measured over HTTP through the client,
 * as a supervisor (the server's clock is the seed's "now" plus the time since).
 */
export async function deskBench(engine: 'sqlite' | 'postgres', conversations: number, options: { postgres?: string; queries?: number; log?: (text: string) => void } = {}): Promise<DeskBenchResult> {
  const log = options.log ?? (() => {});
  const queries = options.queries ?? 200;
  const open = Math.round(conversations / 20);
  const cacheDir = join(tmpdir(), 'support-bench-desk');
  mkdirSync(cacheDir, { recursive: true });
  const cacheFile = join(cacheDir, `desk-v${DESK_SEED_VERSION}-${conversations}.db`);
  const schema = `desk_bench_v${DESK_SEED_VERSION}_${conversations}`;
  const store: StoreOptions = engine === 'postgres' ? { engine: 'postgres', url: options.postgres!, schema } : { engine: 'sqlite', file: cacheFile };
  const cached = engine === 'sqlite' ? existsSync(cacheFile) : await postgresSeeded(options.postgres!, schema, 'desk_bench_seeded');
  let seedSeconds = 0;
  if (!cached) {
    const partial = `${cacheFile}.partial`;
    if (engine === 'sqlite') rmSync(partial, { force: true });
    const seeding = engine === 'sqlite' ? { engine: 'sqlite' as const, file: partial } : store;
    const started = performance.now();
    const seedStore = await openStore(seeding);
    try {
      await seed(seedStore.db, engine, conversations, open, Date.now(), log);
    } catch (error) {
      await seedStore.close();
      if (engine === 'postgres') await dropStore(store);
      throw error;
    }
    await seedStore.close();
    seedSeconds = round((performance.now() - started) / 1000);
    if (engine === 'sqlite') renameSync(partial, cacheFile);
    log(`${engine}: seeded ${conversations.toLocaleString('en')} conversations in ${seedSeconds} s`);
  }

  // The desk as seeded: its "now" is when the seed ran, moved on by the time since this run began.
  const probe = await openStore(store);
  const seededAt = Number((await sql<{ at: number }>`select at from desk_bench_seeded`.execute(probe.db)).rows[0]!.at);
  await probe.close();
  const startedAt = Date.now();
  const server = await startServer({ store, demo: false, settings: { sweepIntervalMs: 0 }, now: () => seededAt + (Date.now() - startedAt) });
  try {
    const supervisor = 'agt_B0000001';
    const { token } = await issueToken(server.store.db, supervisor, seededAt, 3_600_000);
    const client = new SupportClient({ baseUrl: server.url, token });
    const first = await client.desk.get();
    if (first.agents.length !== AGENTS || first.queue.waiting !== open - AGENTS * 8) {
      throw new Error(`desk bench: the board shows ${first.agents.length} agents and ${first.queue.waiting} waiting, not ${AGENTS} and ${open - AGENTS * 8}`);
    }
    for (let i = 0; i < 10; i++) await client.desk.get();
    const times: number[] = [];
    for (let i = 0; i < queries; i++) {
      const t = performance.now();
      await client.desk.get();
      times.push(performance.now() - t);
    }
    const floorTimes: number[] = [];
    for (let i = 0; i < queries; i++) {
      const t = performance.now();
      await client.me.get();
      floorTimes.push(performance.now() - t);
    }
    const stats = (values: number[]) => ({ p50Ms: round(percentile(values, 50)), p95Ms: round(percentile(values, 95)) });
    return { engine, agents: AGENTS, conversations, open, seedSeconds, cached, board: { queries, ...stats(times) }, floor: stats(floorTimes), loadAverage: round(loadavg()[0]!) };
  } finally {
    await server.close();
  }
}


const list = (values: readonly string[], index: string) => sql.raw(`(case ${values.map((v, i) => `when ${index} = ${i} then '${v}'`).join(' ')} end)`);

async function seed(db: Kysely<Database>, engine: 'sqlite' | 'postgres', conversations: number, open: number, now: number, log: (text: string) => void): Promise<void> {
  if (engine === 'sqlite') await sql`pragma synchronous = off`.execute(db);
  const series = (n: number) =>
    engine === 'sqlite' ? sql.raw(`with recursive s(i) as (select 1 union all select i + 1 from s where i < ${n})`) : sql.raw(`with s(i) as (select generate_series(1, ${n})::bigint as i)`);
  const padded = (expr: string, width: number) => sql.raw(engine === 'sqlite' ? `printf('%0${width}d', ${expr})` : `lpad((${expr})::text, ${width}, '0')`);
  // Open conversations came in over the last 2 days; the others over the last 90, so that today has its
  // share of first responses and resolutions.
  const openStep = Math.floor((2 * DAY) / open);
  const step = Math.floor((90 * DAY) / (conversations - open));
  const held = AGENTS * 8;
  const timed = async (what: string, run: () => Promise<unknown>) => {
    const t = performance.now();
    await run();
    log(`${engine}: ${what} ${round((performance.now() - t) / 1000)} s`);
  };

  await timed('agents', () =>
    sql`${series(AGENTS)} insert into agents (id, email, name, role, availability, availability_since, password_hash, teams, channels, categories, capacity, created_at)
      select 'agt_B' || ${padded('i', 7)}, 'agent' || i || '@bench.example', 'Agent ' || ${padded('i', 3)}, case when i <= 10 then 'supervisor' else 'agent' end,
        case when i % 10 = 0 then 'away' else 'online' end, ${sql.lit(now)} - i * 60000, 'x', '[]', ${sql.lit(JSON.stringify(CHANNELS))}, ${sql.lit(JSON.stringify(CATEGORIES))}, 8, ${sql.lit(now)} - ${sql.lit(90 * DAY)}
      from s`.execute(db),
  );
  await timed('customers', () =>
    sql`${series(20_000)} insert into customers (id, name, email, phone, language, kyc_level, two_factor_enabled, created_at)
      select 'cus_B' || ${padded('i', 7)}, 'Customer ' || i, null, null, 'id', 'full', 1, ${sql.lit(now)} - ${sql.lit(91 * DAY)} from s`.execute(db),
  );
  // Conversations 1 to `open` are open: the first `held` of them held by agents, 8 each; a fifth still
  // owe a first response, the rest a next one (a fifth of those in its last 20 %).
  const created = sql.raw(`(case when i <= ${open} then ${now} - i * ${openStep} else ${now} - (i - ${open}) * ${step} end)`);
  await timed('conversations', () =>
    sql`${series(conversations)} insert into conversations (id, customer_id, subject, status, priority, priority_rank, channel, category, tags, assignee_id, team,
        first_response_due_at, first_response_started_at, next_response_due_at, next_response_started_at, resolution_due_at, resolution_started_at, due_at,
        first_responded_at, resolved_at, snoozed_until, message_count, last_message_preview, last_message_at, created_at, updated_at)
      select i, 'cus_B' || ${padded(`i % 20000 + 1`, 7)}, 'Bench conversation', case when i <= ${open} then 'open' when i % 10 = 0 then 'closed' else 'resolved' end,
        ${list(PRIORITIES, 'i % 4')}, i % 4, ${list(CHANNELS, '(i / 4) % 4')}, ${list(CATEGORIES, '(i / 16) % ' + CATEGORIES.length)}, '[]',
        case when i <= ${held} then 'agt_B' || ${padded(`(i - 1) % ${AGENTS} + 1`, 7)} else null end, ${list(TEAMS, '(i / 7) % 5')},
        case when i <= ${open} and i % 5 = 0 then ${created} + 7200000 else null end,
        case when i <= ${open} and i % 5 = 0 then ${created} else null end,
        case when i <= ${open} and i % 5 <> 0 then ${sql.lit(now)} - (i % 240) * 60000 + 14400000 else null end,
        case when i <= ${open} and i % 5 <> 0 then ${sql.lit(now)} - (i % 240) * 60000 else null end,
        ${created} + ${sql.lit(5 * DAY)}, ${created},
        ${created} + 7200000,
        case when i <= ${open} and i % 5 = 0 then null else ${created} + (i % 180) * 60000 end,
        case when i <= ${open} then null else ${created} + (i % 600) * 60000 end,
        null, 3, 'Bench', ${created}, ${created}, ${created}
      from s`.execute(db),
  );
  if (engine === 'postgres') await sql`select setval(pg_get_serial_sequence('conversations', 'id'), ${conversations})`.execute(db);
  // Each answered conversation's first response (some late: the window is 2 hours, answers take up to 3).
  await timed('response times', () =>
    sql`${series(conversations)} insert into response_times (conversation_id, clock, started_at, due_at, responded_at, duration_ms, agent_id, message_id)
      select i, 'first_response', ${created}, ${created} + 7200000, ${created} + (i % 180) * 60000, (i % 180) * 60000, 'agt_B' || ${padded(`i % ${AGENTS} + 1`, 7)}, i
      from s where i > ${open} or i % 5 <> 0`.execute(db),
  );
  await timed('resolutions', () =>
    sql`${series(conversations)} insert into desk_resolutions (conversation_id, resolved_at, due_at, reopened_at)
      select i, ${created} + (i % 600) * 60000, ${created} + ${sql.lit(DAY)}, case when i % 25 = 0 then ${created} + 1000 * 60000 else null end
      from s where i > ${open}`.execute(db),
  );
  // Replies in the last hour: 30 per agent.
  await timed('replies', () =>
    sql`${series(AGENTS * 30)} insert into messages (conversation_id, client_message_id, kind, author_type, author_id, author_name, body, created_at)
      select (i - 1) % ${held} + 1, null, 'reply', 'agent', 'agt_B' || ${padded(`(i - 1) % ${AGENTS} + 1`, 7)}, 'Agent', 'Bench reply', ${sql.lit(now)} - (i % 3600) * 1000
      from s`.execute(db),
  );
  await timed('complaints', () =>
    sql`${series(Math.floor(conversations / 1000))} insert into complaints (number, conversation_id, customer_id, status, summary, reply_by_at, created_by, created_at, updated_at)
      select 'C-BENCH-' || ${padded('i', 7)}, i * 1000, 'cus_B' || ${padded(`(i * 1000) % 20000 + 1`, 7)}, case when i % 3 = 0 then 'open' else 'closed' end, 'Bench',
        ${sql.lit(now)} - ${sql.lit(DAY)} + i * 600000, 'agt_B0000011', ${sql.lit(now)} - ${sql.lit(8 * DAY)}, ${sql.lit(now)} - ${sql.lit(8 * DAY)}
      from s`.execute(db),
  );
  // The board's counters (migration 020) took a million updates in a few statements here, where a
  // desk spreads them over 90 days with autovacuum clearing the old row versions as it goes; this
  // machine's PostgreSQL runs without autovacuum. The seeded rows themselves were only inserted.
  if (engine === 'postgres') await sql`vacuum desk_queue_counts, desk_slot_counts, desk_response_counts`.execute(db);
  await sql`analyze`.execute(db);
  await sql`create table desk_bench_seeded (at bigint)`.execute(db);
  await sql`insert into desk_bench_seeded (at) values (${sql.lit(now)})`.execute(db);
}
