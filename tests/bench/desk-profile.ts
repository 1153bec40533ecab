/**
 * The board's reads one by one on the seeded bench desk (tests/bench/desk.ts's cache): each read
 * alone, repeated, its median and p95, and the whole board as the server builds it. A tool to find
 * what a board costs, not a budget: `flock /tmp/bench.lock npx tsx tests/bench/desk-profile.ts sqlite|postgres [conversations]`.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { dayStart } from '../../src/server/domain/day-start.js';
import { BUCKET_MINUTES, BUCKETS, COMPLAINT_NEAR_MS, deskSnapshot } from '../../src/server/domain/desk-board.js';
import { openStore, type StoreOptions } from '../../src/server/store/database.js';
import * as counts from '../../src/server/store/desk-counts.js';
import * as desk from '../../src/server/store/desk.js';
import { percentile, round } from './lib/stats.js';
import { DESK_SEED_VERSION } from './desk.js';

const engine = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
const conversations = Number(process.argv[3] ?? 1_000_000);
const runs = Number(process.argv[4] ?? 30);
const url = process.env['SUPPORT_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const store: StoreOptions =
  engine === 'postgres'
    ? { engine: 'postgres', url, schema: `desk_bench_v${DESK_SEED_VERSION}_${conversations}` }
    : { engine: 'sqlite', file: join(tmpdir(), 'support-bench-desk', `desk-v${DESK_SEED_VERSION}-${conversations}.db`) };
const { db, close, engine: storeEngine } = await openStore(store);
const seededAt = Number((await sql<{ at: number }>`select at from desk_bench_seeded`.execute(db)).rows[0]!.at);
const now = seededAt + 60_000;
const HOUR = 3_600_000;
const BUCKET_MS = BUCKET_MINUTES * 60_000;
const since = dayStart(now, 'UTC');
const volumeFrom = (Math.floor(now / BUCKET_MS) - (BUCKETS - 1)) * BUCKET_MS;
const volumeTo = volumeFrom + BUCKETS * BUCKET_MS;
const reads: [string, () => Promise<unknown>][] = [
  ['deskAgents', () => desk.deskAgents(db)],
  ['loads', () => desk.loads(db)],
  ['currentPresence', () => desk.currentPresence(db, now)],
  ['repliesSince', () => desk.repliesSince(db, now - HOUR)],
  ['waitingCounts', () => counts.waitingCounts(db)],
  ['oldestWaiting', () => desk.oldestWaiting(db, storeEngine)],
  ['runningClocks', () => desk.runningClocks(db, storeEngine, now, since)],
  ['countsSince', () => counts.countsSince(db, since)],
  ['firstResponseRanks', () => desk.firstResponseRanks(db, storeEngine, since, [50, 90])],
  ['slotsBetween', () => counts.slotsBetween(db, volumeFrom, volumeTo)],
  ['(rows) responsesSince', () => desk.responsesSince(db, since)],
  ['(rows) resolutionsSince', () => desk.resolutionsSince(db, since)],
  ['(rows) csatSince', () => desk.csatSince(db, since)],
  ['(rows) incoming', () => desk.perBucket(db, 'conversations', volumeFrom, volumeTo, BUCKET_MS)],
  ['(rows) resolved', () => desk.perBucket(db, 'desk_resolutions', volumeFrom, volumeTo, BUCKET_MS)],
  ['complaintsDueBy', () => desk.complaintsDueBy(db, now + COMPLAINT_NEAR_MS, 10)],
  ['refundsWaiting', () => desk.refundsWaiting(db)],
  ['activeIncidents', () => desk.activeIncidents(db)],
  ['(whole board)', () => deskSnapshot(db, storeEngine, now, 'UTC')],
];
const only = process.argv[5];
let total = 0;
for (const [name, read] of reads) {
  if (only && !only.split(',').includes(name)) continue;
  await read();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await read();
    times.push(performance.now() - t);
  }
  const p50 = percentile(times, 50);
  // The fallbacks read from the rows are not part of the board when the day starts on a slot.
  if (!name.startsWith('(')) total += p50;
  process.stdout.write(`${engine} ${name.padEnd(26)} p50 ${String(round(p50)).padStart(7)} ms  p95 ${String(round(percentile(times, 95))).padStart(7)} ms\n`);
}
process.stdout.write(`${engine} sum of medians ${round(total)} ms (today since ${new Date(since).toISOString()}, now ${new Date(now).toISOString()})\n`);
await close();
