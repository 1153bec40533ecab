/**
 * A benchmark server in its own process (so load generator and server do not share a thread): the
 * demo desk on a fresh SQLite file (or a PostgreSQL schema), plus `--extra N` open conversations.
 * With `--payments N --payments-file F`, N refundable IDR payments (for the bulk refund benchmark),
 * their ids written to F one per line. Prints one JSON line {url} when listening; stops on SIGTERM.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { postTransaction } from '../../../src/server/domain/ledger.js';
import { startServer } from '../../../src/server/start.js';
import { addConversations } from '../../helpers/many-conversations.js';
import { dropStore } from '../../helpers/test-server.js';

const { values } = parseArgs({
  options: {
    extra: { type: 'string', default: '0' },
    conversations: { type: 'string' },
    postgres: { type: 'string' },
    port: { type: 'string', default: '0' },
    payments: { type: 'string', default: '0' },
    'payments-file': { type: 'string' },
  },
});
const dir = mkdtempSync(join(tmpdir(), 'support-bench-'));
const store = values.postgres
  ? ({ engine: 'postgres', url: values.postgres, schema: `bench_${process.pid}` } as const)
  : ({ engine: 'sqlite', file: join(dir, 'bench.db') } as const);
const server = await startServer({
  store,
  demo: true,
  port: Number(values.port),
  // Benchmarks log in many times from one address.
  settings: { loginLimitPerIp: { max: 1_000_000, windowMs: 60_000 }, loginLimitPerEmail: { max: 1_000_000, windowMs: 60_000 } },
});
if (values.conversations !== undefined) {
  // Exactly N conversations in the queue: the demo's are replaced by N generated ones.
  // In one transaction, so that the server's sweeps cannot add a breach or a presence in between.
  await server.store.db.transaction().execute(async (trx) => {
    // Children before parents: everything that hangs on a conversation or its messages (the demo's history has surveys and resolutions).
    const tables = ['presence', 'sla_breaches', 'response_times', 'follow_ups', 'feedback', 'quality_scores', 'quality_reviews', 'surveys', 'desk_resolutions', 'incident_deliveries', 'incident_links', 'complaints', 'refunds', 'messages', 'conversations'] as const;
    for (const table of tables) await trx.deleteFrom(table).execute();
  });
  await addConversations(server.store.db, Number(values.conversations), Date.now());
}
const extra = Number(values.extra);
if (extra > 0) await addConversations(server.store.db, extra, Date.now());
const payments = Number(values.payments);
if (payments > 0) {
  // Straight through the ledger, a few hundred per transaction: the API would take minutes for 20,000.
  const wallets = (await server.store.db.selectFrom('wallet_accounts').select('id').where('currency', '=', 'IDR').where('status', '=', 'active').orderBy('id').execute()).map((w) => w.id);
  const ids: string[] = [];
  const amount = 10_000;
  for (let done = 0; done < payments; done += 500) {
    await server.store.db.transaction().execute(async (trx) => {
      for (let i = done; i < Math.min(payments, done + 500); i++) {
        const accountId = wallets[i % wallets.length]!;
        const now = Date.now();
        await postTransaction(trx, server.ctx.engine, { accountId, type: 'top_up', amount, currency: 'IDR', counterparty: 'Bench top-up', description: 'top up' }, now);
        const posted = await postTransaction(trx, server.ctx.engine, { accountId, type: 'payment', amount, currency: 'IDR', counterparty: 'Bench merchant', description: 'payment' }, now);
        ids.push(posted.transaction.id);
      }
    });
  }
  writeFileSync(values['payments-file']!, `${ids.join('\n')}\n`);
}
// Planner statistics for the rows added here, as autovacuum would have gathered them in service.
if (values.postgres && (values.conversations !== undefined || extra > 0 || payments > 0)) await sql`analyze`.execute(server.store.db);
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);

const stop = async () => {
  await server.close();
  await dropStore(store);
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
