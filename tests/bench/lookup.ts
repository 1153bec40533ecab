import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { CATEGORIES, CHANNELS } from '../../src/api/enums.js';
import { SupportClient } from '../../src/client/support-client.js';
import { issueToken } from '../../src/server/auth/tokens.js';
import { NAMES } from '../../src/server/demo/corpus.js';
import { startServer } from '../../src/server/start.js';
import { openStore, type StoreOptions } from '../../src/server/store/database.js';
import type { Database } from '../../src/server/store/tables.js';
import { dropStore } from '../helpers/test-server.js';
import { postgresSeeded } from './lib/seeded-schema.js';
import { percentile, round } from './lib/stats.js';

export interface LookupResult {
  engine: 'sqlite' | 'postgres';
  customers: number;
  transactions: number;
  seedSeconds: number;
  /** Reused from an earlier run's cache (SQLite). */
  cached: boolean;
  byKey: { queries: number; p50Ms: number; p95Ms: number; perKey: Record<string, { p50Ms: number; p95Ms: number }> };
  byName: { queries: number; p50Ms: number; p95Ms: number };
  /** GET /v1/me in the same run: the floor of any authenticated request on this machine at that moment. */
  floor: { p50Ms: number; p95Ms: number };
  /** The machine's 1-minute load average when the measurement ended (2 cores). */
  loadAverage: number;
}

const SEED_VERSION = 3;
const TRANSACTIONS_PER_CUSTOMER = 3;

/** Names of three scripts, more varied than the demo's: given × middle × family. */
const LATIN_MIDDLE = ['Adi', 'Maria', 'Putra', 'Dwi', 'Tri', 'Eka', 'Sri', 'Nurul', 'Ayu', 'Kurnia', 'Jaya', 'Lee', 'Ann', 'Mae', 'Ray'];
const LATIN_GIVEN = [...NAMES.id.given, ...NAMES.en.given];
const LATIN_FAMILY = [...NAMES.id.family, ...NAMES.en.family];
const ZH_GIVEN = NAMES.zh.given;
const ZH_FAMILY = NAMES.zh.family;

/**
 * The lookup budget: a desk of `customers` customers (one wallet each) and 3 transactions each, seeded
 * in bulk by the database itself (INSERT … SELECT over a generated series, one statement per table),
 * then looked up over HTTP through the client: by phone (written nationally, as people do), email (in
 * another case), customer, wallet and transaction id; and by name fragments in Latin and Chinese.
 * The SQLite file is kept in the temp folder between runs (the seeding is the slow part).
 */
export async function lookupBench(engine: 'sqlite' | 'postgres', customers: number, options: { postgres?: string; queries?: number; log?: (text: string) => void } = {}): Promise<LookupResult> {
  const log = options.log ?? (() => {});
  const queries = options.queries ?? 300;
  const cacheDir = join(tmpdir(), 'support-bench-lookup');
  mkdirSync(cacheDir, { recursive: true });
  const cacheFile = join(cacheDir, `lookup-v${SEED_VERSION}-${customers}.db`);
  // PostgreSQL keeps its seeded desk too, in a schema of its own named after the seed and size.
  const schema = `lookup_bench_v${SEED_VERSION}_${customers}`;
  const store: StoreOptions = engine === 'postgres' ? { engine: 'postgres', url: options.postgres!, schema } : { engine: 'sqlite', file: cacheFile };
  const cached = engine === 'sqlite' ? existsSync(cacheFile) : await postgresSeeded(options.postgres!, schema, 'lookup_bench_seeded');
  let seedSeconds = 0;
  if (!cached) {
    const partial = `${cacheFile}.partial`;
    if (engine === 'sqlite') rmSync(partial, { force: true });
    const seeding = engine === 'sqlite' ? { engine: 'sqlite' as const, file: partial } : store;
    const started = performance.now();
    const seedStore = await openStore(seeding);
    try {
      await seed(seedStore.db, engine, customers, log);
    } catch (error) {
      await seedStore.close();
      if (engine === 'postgres') await dropStore(store);
      throw error;
    }
    await seedStore.close();
    seedSeconds = round((performance.now() - started) / 1000);
    if (engine === 'sqlite') renameSync(partial, cacheFile);
    log(`${engine}: seeded ${customers.toLocaleString('en')} customers in ${seedSeconds} s`);
  }

  const server = await startServer({ store, demo: false, settings: { sweepIntervalMs: 0, lookupLimit: { max: 1_000_000_000, windowMs: 60_000 } } });
  try {
    const now = Date.now();
    const agentId = 'agt_LOOKUPBENCH';
    await server.store.db
      .insertInto('agents')
      .values({ id: agentId, email: 'bench@example.com', name: 'Bench', role: 'agent', availability: 'online', password_hash: 'x', teams: '[]', channels: JSON.stringify(CHANNELS), categories: JSON.stringify(CATEGORIES), capacity: 5, created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const { token } = await issueToken(server.store.db, agentId, now, 3_600_000);
    const client = new SupportClient({ baseUrl: server.url, token });

    const pick = (i: number) => 1 + ((i * 7919 + 104_729) % customers);
    const keyQueries: { key: string; q: string; expect: string }[] = [];
    for (let i = 0; i < queries; i++) {
      const n = pick(i);
      const id = customerId(n);
      switch (i % 5) {
        case 0: keyQueries.push({ key: 'phone', q: nationalPhone(n), expect: id }); break;
        case 1: keyQueries.push({ key: 'email', q: email(n).toUpperCase(), expect: id }); break;
        case 2: keyQueries.push({ key: 'customer id', q: id, expect: id }); break;
        case 3: keyQueries.push({ key: 'wallet id', q: `wal_${pad(n)}`, expect: id }); break;
        default: keyQueries.push({ key: 'transaction id', q: `txn_${pad((n - 1) * TRANSACTIONS_PER_CUSTOMER + 1)}`, expect: id });
      }
    }
    const fragments = ['Budi', 'siti', 'Santoso', 'wijaya', 'Rachel', 'kusuma', 'Nurul', 'Hidayat', 'Budi Adi', 'tri san', 'Priya', 'Fernandez', '刘洋', '李明', '王伟', '王秀英', '陈子涵', '张浩然', 'agus', 'Putri Sri', 'jessica mae', 'Hutapea', 'Ng', 'Kaur', 'Tan'];
    // Warm up (connections, statement caches, the page cache) before measuring.
    for (const q of keyQueries.slice(0, 20)) await client.search.find(q.q);
    for (const f of fragments) await client.search.find(f, { kinds: ['customers'] });

    const perKey: Record<string, number[]> = {};
    const keyTimes: number[] = [];
    for (const q of keyQueries) {
      const t = performance.now();
      const result = await client.search.find(q.q);
      const ms = performance.now() - t;
      if (!result.customers.some((c) => c.id === q.expect)) throw new Error(`lookup bench: ${q.key} "${q.q}" did not find ${q.expect} (${JSON.stringify(result.tried)})`);
      keyTimes.push(ms);
      (perKey[q.key] ??= []).push(ms);
    }
    const nameTimes: number[] = [];
    for (let i = 0; i < queries; i++) {
      const f = fragments[i % fragments.length]!;
      const t = performance.now();
      const result = await client.search.find(f, { kinds: ['customers'] });
      nameTimes.push(performance.now() - t);
      if (result.customers.length === 0) throw new Error(`lookup bench: name fragment "${f}" found nobody`);
    }
    const floorTimes: number[] = [];
    for (let i = 0; i < queries; i++) {
      const t = performance.now();
      await client.me.get();
      floorTimes.push(performance.now() - t);
    }
    const stats = (values: number[]) => ({ p50Ms: round(percentile(values, 50)), p95Ms: round(percentile(values, 95)) });
    return {
      engine,
      customers,
      transactions: customers * TRANSACTIONS_PER_CUSTOMER,
      seedSeconds,
      cached,
      byKey: { queries: keyTimes.length, ...stats(keyTimes), perKey: Object.fromEntries(Object.entries(perKey).map(([k, v]) => [k, stats(v)])) },
      byName: { queries: nameTimes.length, ...stats(nameTimes) },
      floor: stats(floorTimes),
      loadAverage: round(loadavg()[0]!),
    };
  } finally {
    await server.close();
  }
}


const pad = (n: number) => String(n).padStart(10, '0');
const customerId = (n: number) => `cus_${pad(n)}`;
const email = (n: number) => `user${n}@mail.example`;
/** 081x xxxx xxxx: valid Indonesian mobile numbers, unique per n (n < 10^9), stored as +62 81…. */
const nationalPhone = (n: number) => {
  const digits = `081${String(n).padStart(9, '0')}`;
  return `${digits.slice(0, 4)} ${digits.slice(4, 8)} ${digits.slice(8)}`;
};

async function seed(db: Kysely<Database>, engine: 'sqlite' | 'postgres', customers: number, log: (text: string) => void): Promise<void> {
  const now = sql.lit(Date.now());
  const lists = { latinGiven: LATIN_GIVEN, latinMiddle: LATIN_MIDDLE, latinFamily: LATIN_FAMILY, zhGiven: ZH_GIVEN, zhFamily: ZH_FAMILY };
  await sql`create table bench_names (list text not null, idx integer not null, name text not null)`.execute(db);
  await sql`create index bench_names_idx on bench_names (list, idx)`.execute(db);
  for (const [list, names] of Object.entries(lists)) {
    await db.insertInto('bench_names' as never).values(names.map((name, idx) => ({ list, idx, name })) as never).execute();
  }
  const n = (i: number) => [lists.latinGiven.length, lists.latinMiddle.length, lists.latinFamily.length, lists.zhGiven.length, lists.zhFamily.length][i]!;
  if (engine === 'sqlite') await sql`pragma synchronous = off`.execute(db);
  const series =
    engine === 'sqlite'
      ? sql.raw(`with recursive s(i) as (select 1 union all select i + 1 from s where i < ${customers})`)
      : sql.raw(`with s(i) as (select generate_series(1, ${customers}))`);
  const padded = (expr: string) => sql.raw(engine === 'sqlite' ? `printf('%010d', ${expr})` : `lpad((${expr})::text, 10, '0')`);
  const phoneDigits = sql.raw(engine === 'sqlite' ? `printf('%09d', i)` : `lpad(i::text, 9, '0')`);
  const nameOf = (list: string, index: string) => sql.raw(`(select name from bench_names where list = '${list}' and idx = ${index})`);
  // 60 % Latin (Indonesian and English) names of three parts, 40 % Chinese names.
  // i % 5 picks the script, so the parts are chosen from i / 5: every combination occurs.
  const latin = sql`${nameOf('latinGiven', `(i / 5) % ${n(0)}`)} || ' ' || ${nameOf('latinMiddle', `(i / ${5 * n(0)}) % ${n(1)}`)} || ' ' || ${nameOf('latinFamily', `(i / ${5 * n(0) * n(1)}) % ${n(2)}`)}`;
  const chinese = sql`${nameOf('zhFamily', `(i / 5) % ${n(4)}`)} || ${nameOf('zhGiven', `(i / ${5 * n(4)}) % ${n(3)}`)}`;

  let t = performance.now();
  await sql`${series} insert into customers (id, name, email, phone, phone_e164, language, kyc_level, two_factor_enabled, created_at)
    select 'cus_' || ${padded('i')}, case when i % 5 < 3 then ${latin} else ${chinese} end,
      'user' || i || '@mail.example', '+62 81' || ${phoneDigits}, '+6281' || ${phoneDigits},
      case when i % 5 < 3 then 'id' else 'zh' end, 'full', 1, ${now} - i
    from s`.execute(db);
  log(`${engine}: customers ${round((performance.now() - t) / 1000)} s`);
  t = performance.now();
  await sql`${series} insert into wallet_accounts (id, customer_id, currency, balance, status, created_at, updated_at)
    select 'wal_' || ${padded('i')}, 'cus_' || ${padded('i')}, 'IDR', 1000000, 'active', ${now} - i, ${now} - i from s`.execute(db);
  log(`${engine}: wallets ${round((performance.now() - t) / 1000)} s`);
  t = performance.now();
  const txnSeries =
    engine === 'sqlite'
      ? sql.raw(`with recursive s(i) as (select 1 union all select i + 1 from s where i < ${customers * TRANSACTIONS_PER_CUSTOMER})`)
      : sql.raw(`with s(i) as (select generate_series(1, ${customers * TRANSACTIONS_PER_CUSTOMER}))`);
  const owner = `((i - 1) / ${TRANSACTIONS_PER_CUSTOMER} + 1)`;
  await sql`${txnSeries} insert into transactions (id, account_id, type, status, amount, currency, refunded_amount, failure_reason, counterparty, description, created_at)
    select 'txn_' || ${padded('i')}, 'wal_' || ${padded(owner)},
      case when i % 3 = 1 then 'top_up' else 'payment' end,
      case when i % 17 = 0 then 'failed' else 'succeeded' end,
      10000 + (i % 50) * 500, 'IDR', 0,
      case when i % 17 = 0 then 'insufficient_balance' else null end,
      'Tokopedia', 'Bench', ${now} - ${sql.raw(engine === 'postgres' ? 'i::bigint' : 'i')} * 1000
    from s`.execute(db);
  log(`${engine}: transactions ${round((performance.now() - t) / 1000)} s`);
  await sql`drop table bench_names`.execute(db);
  // Planner statistics, as a database in service has them.
  await sql`analyze`.execute(db);
  // Marks a complete seed (PostgreSQL keeps the schema between runs).
  await sql`create table lookup_bench_seeded (at bigint)`.execute(db);
}
