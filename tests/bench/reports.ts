import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { CATEGORIES, CHANNELS } from '../../src/api/enums.js';
import { REPORT_KINDS, type ReportKind } from '../../src/api/schemas/report.js';
import { SupportClient } from '../../src/client/support-client.js';
import { issueToken } from '../../src/server/auth/tokens.js';
import { startServer } from '../../src/server/start.js';
import { openStore, type StoreOptions } from '../../src/server/store/database.js';
import { REPORT_COUNTERS } from '../../src/server/store/migrations/021-report-counters.js';
import type { Database } from '../../src/server/store/tables.js';
import { dropStore } from '../helpers/test-server.js';
import { postgresSeeded } from './lib/seeded-schema.js';
import { percentile, round } from './lib/stats.js';

export interface ReportsResult {
  engine: 'sqlite' | 'postgres';
  conversations: number;
  seedSeconds: number;
  cached: boolean;
  /** Per report over the 90 days: median and slowest of the timed runs, over HTTP. */
  reports: Record<ReportKind, { p50Ms: number; maxMs: number }>;
  loadAverage: number;
}

const SEED_VERSION = 1;
const DAYS = 90;
const AGENTS = 200;
const DAY_MS = 86_400_000;

/**
 * The reports budget: a desk of `conversations` conversations over 90 days (200 agents, three teams),
 * each with a first response, half with a next one, 80 % resolved (a survey each, 30 % rated), one
 * agent reply each, 1 % complaints and 1 % refunds, seeded by the database itself (INSERT … SELECT
 * over a generated series). Each 90-day report is then asked for over HTTP, `runs` times.
 */
export async function reportsBench(engine: 'sqlite' | 'postgres', conversations: number, options: { postgres?: string; runs?: number; log?: (text: string) => void } = {}): Promise<ReportsResult> {
  const log = options.log ?? (() => {});
  const runs = options.runs ?? 5;
  const cacheDir = join(tmpdir(), 'support-bench-reports');
  mkdirSync(cacheDir, { recursive: true });
  const cacheFile = join(cacheDir, `reports-v${SEED_VERSION}-${conversations}.db`);
  const schema = `reports_bench_v${SEED_VERSION}_${conversations}`;
  const store: StoreOptions = engine === 'postgres' ? { engine: 'postgres', url: options.postgres!, schema } : { engine: 'sqlite', file: cacheFile };
  const cached = engine === 'sqlite' ? existsSync(cacheFile) : await postgresSeeded(options.postgres!, schema, 'reports_bench_seeded');
  // The desk ends at the start of today (UTC), so that the 90 local days of the report hold it all.
  const end = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  let seedSeconds = 0;
  if (!cached) {
    const partial = `${cacheFile}.partial`;
    if (engine === 'sqlite') rmSync(partial, { force: true });
    const started = performance.now();
    const seedStore = await openStore(engine === 'sqlite' ? { engine: 'sqlite', file: partial } : store);
    try {
      await seed(seedStore.db, engine, conversations, end, log);
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
  const server = await startServer({ store, demo: false, settings: { sweepIntervalMs: 0 } });
  try {
    // PostgreSQL: the reports' counters (migration 021, filled by it on a desk seeded before it) as
    // autovacuum leaves them in service within a minute: pages marked all-visible, read from the index.
    if (engine === 'postgres') await sql.raw(`vacuum analyze ${REPORT_COUNTERS.map((c) => c.table).join(', ')}`).execute(server.store.db);
    const seededEnd = Number((await sql<{ end: number | string }>`select max(created_at) as end from conversations`.execute(server.store.db)).rows[0]!.end);
    const to = new Date(seededEnd).toISOString().slice(0, 10);
    const from = new Date(seededEnd - (DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
    const now = Date.now();
    const { token } = await issueToken(server.store.db, 'agt_bench000', now, 3_600_000);
    const client = new SupportClient({ baseUrl: server.url, token });
    const reports = {} as ReportsResult['reports'];
    for (const kind of REPORT_KINDS) {
      await client.reports.get(kind, { from, to, tz: 'Asia/Jakarta' });
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await client.reports.get(kind, { from, to, tz: 'Asia/Jakarta', by: i % 2 ? 'day' : 'hour' });
        times.push(performance.now() - t);
      }
      reports[kind] = { p50Ms: round(percentile(times, 50)), maxMs: round(Math.max(...times)) };
      log(`${engine} ${kind}: ${JSON.stringify(reports[kind])}`);
    }
    return { engine, conversations, seedSeconds, cached, reports, loadAverage: round(loadavg()[0]!) };
  } finally {
    await server.close();
  }
}


async function seed(db: Kysely<Database>, engine: 'sqlite' | 'postgres', n: number, end: number, log: (text: string) => void): Promise<void> {
  const big = (expr: string) => sql.raw(engine === 'postgres' ? `(${expr})::bigint` : `(${expr})`);
  const series = (count: number) =>
    engine === 'sqlite' ? sql.raw(`with recursive s(i) as (select 1 union all select i + 1 from s where i < ${count})`) : sql.raw(`with s(i) as (select generate_series(1, ${count}))`);
  const agent = (expr: string) => sql.raw(engine === 'sqlite' ? `'agt_bench' || printf('%03d', ${expr})` : `'agt_bench' || lpad((${expr})::text, 3, '0')`);
  if (engine === 'sqlite') await sql`pragma synchronous = off`.execute(db);
  const now = Date.now();
  await db
    .insertInto('agents')
    .values(
      Array.from({ length: AGENTS }, (_, i) => ({
        id: `agt_bench${String(i).padStart(3, '0')}`,
        email: `bench${i}@example.com`,
        name: `Bench Agent ${i}`,
        role: i === 0 ? 'supervisor' : 'agent',
        availability: 'online',
        password_hash: 'x',
        teams: JSON.stringify([['payments', 'general', 'security'][i % 3]]),
        channels: JSON.stringify(CHANNELS),
        categories: JSON.stringify(CATEGORIES),
        capacity: 8,
        created_at: now,
      })),
    )
    .execute();
  await sql`insert into customers (id, name, email, phone, language, kyc_level, two_factor_enabled, created_at) values ('cus_benchreports', 'Bench', null, null, 'id', 'full', 1, ${now})`.execute(db);
  await sql`insert into wallet_accounts (id, customer_id, currency, balance, status, created_at, updated_at) values ('wal_benchreports', 'cus_benchreports', 'IDR', 0, 'active', ${now}, ${now})`.execute(db);
  await sql`insert into transactions (id, account_id, type, status, amount, currency, refunded_amount, failure_reason, counterparty, description, created_at) values ('txn_benchreports', 'wal_benchreports', 'payment', 'succeeded', 100000000, 'IDR', 0, null, 'x', 'x', ${now})`.execute(db);

  const span = DAYS * DAY_MS;
  // Spread over 90 days, scattered (a prime stride), busier by day than by night is not modelled.
  const created = big(`${end} - ${span} + ((${engine === 'postgres' ? 'i::bigint' : 'i'} * 7919) % ${span / 1000}) * 1000`);
  let t = performance.now();
  await sql`${series(n)} insert into conversations (id, customer_id, subject, status, priority, priority_rank, channel, category, tags, assignee_id,
      first_response_due_at, next_response_due_at, resolution_due_at, due_at, first_responded_at, resolved_at, snoozed_until, message_count,
      last_message_preview, last_message_at, created_at, updated_at, team, external_id)
    select i, 'cus_benchreports', 'bench', case when i % 5 = 0 then 'open' else 'resolved' end, 'normal', 2, 'chat', 'other', '[]', ${agent(`i % ${AGENTS}`)},
      null, null, null, 8640000000000000, null,
      case when i % 5 = 0 then null else ${created} + (i % 7) * 3600000 end, null, 2,
      'x', ${created}, ${created}, ${created}, case i % 3 when 0 then 'payments' when 1 then 'general' else 'security' end, null
    from s`.execute(db);
  log(`${engine}: conversations ${round((performance.now() - t) / 1000)} s`);
  t = performance.now();
  await sql`${series(n)} insert into messages (id, conversation_id, client_message_id, kind, author_type, author_id, author_name, body, created_at)
    select i, i, null, 'reply', 'agent', ${agent(`i % ${AGENTS}`)}, 'Bench', 'ok', ${created} + (i % 60) * 60000 from s`.execute(db);
  log(`${engine}: messages ${round((performance.now() - t) / 1000)} s`);
  t = performance.now();
  await sql`${series(n)} insert into response_times (conversation_id, clock, started_at, due_at, responded_at, duration_ms, agent_id, message_id)
    select i, 'first_response', ${created}, ${created} + 3600000, ${created} + (i % 60) * 60000, (i % 60) * 60000, ${agent(`i % ${AGENTS}`)}, i from s`.execute(db);
  await sql`${series(n)} insert into response_times (conversation_id, clock, started_at, due_at, responded_at, duration_ms, agent_id, message_id)
    select i, 'next_response', ${created} + 7200000, ${created} + 10800000, ${created} + 7200000 + (i % 90) * 60000, (i % 90) * 60000, ${agent(`i % ${AGENTS}`)}, i from s where i % 2 = 0`.execute(db);
  log(`${engine}: response times ${round((performance.now() - t) / 1000)} s`);
  t = performance.now();
  await sql`${series(n)} insert into surveys (conversation_id, customer_id, agent_id, team, token, language, created_at, expires_at, rating, comment, answered_at, reopened_at, resolution_ms, resolution_due_at)
    select i, 'cus_benchreports', ${agent(`i % ${AGENTS}`)}, case i % 3 when 0 then 'payments' when 1 then 'general' else 'security' end, 'srv_bench' || i, 'id',
      ${created} + (i % 7) * 3600000, ${created} + (i % 7) * 3600000 + 604800000,
      case when i % 10 < 3 then 1 + (i % 5) else null end, null,
      case when i % 10 < 3 then ${created} + (i % 7) * 3600000 + 3600000 else null end,
      case when i % 20 = 1 then ${created} + 86400000 else null end,
      (i % 7) * 3600000, ${created} + 14400000
    from s where i % 5 <> 0`.execute(db);
  log(`${engine}: surveys ${round((performance.now() - t) / 1000)} s`);
  t = performance.now();
  const ymd = engine === 'sqlite' ? sql.raw(`printf('%08d', i)`) : sql.raw(`lpad(i::text, 8, '0')`);
  await sql`${series(n)} insert into complaints (number, conversation_id, customer_id, status, summary, reply_by_at, created_by, created_at, answer, answered_by, answered_at,
      review_reason, review_requested_by, review_requested_at, review_decision, review_note, reviewed_by, reviewed_at, close_note, closed_by, closed_at, updated_at)
    select 'C-' || ${ymd} || '-000001', i, 'cus_benchreports', 'answered', 's', ${created} + 604800000, 'agt_bench001', ${created}, 'a', 'agt_bench001', ${created} + (i % 9) * 86400000,
      null, null, null, null, null, null, null, null, null, null, ${created}
    from s where i % 100 = 7`.execute(db);
  await sql`${series(n)} insert into refunds (id, transaction_id, account_id, customer_id, amount, currency, reason, note, status, approval_reason, requested_by, requested_by_role,
      authorized_by, authorized_at, decided_by, decided_at, decision_note, refund_transaction_id, created_at, updated_at)
    select 'ref_bench' || i, 'txn_benchreports', 'wal_benchreports', 'cus_benchreports', 1000 + i % 500, case when i % 2 = 0 then 'IDR' else 'USD' end, 'duplicate', null,
      case when i % 3 = 0 then 'pending_approval' else 'succeeded' end, case when i % 3 = 2 then null else 'per_refund_limit' end, ${agent(`i % ${AGENTS}`)}, 'agent',
      null, null, null, case when i % 3 = 1 then ${created} + 3600000 else null end, null, null, ${created}, ${created}
    from s where i % 100 = 3`.execute(db);
  log(`${engine}: complaints and refunds ${round((performance.now() - t) / 1000)} s`);
  if (engine === 'postgres') {
    for (const table of ['conversations', 'messages', 'response_times']) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(db);
    }
  }
  await sql`analyze`.execute(db);
  await sql`create table reports_bench_seeded (at bigint)`.execute(db);
}
