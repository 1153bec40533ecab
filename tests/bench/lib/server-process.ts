/**
 * A benchmark server in its own process (so load generator and server do not share a thread): the
 * demo desk on a fresh SQLite file (or a PostgreSQL schema), plus `--extra N` open conversations.
 * Prints one JSON line {url} when listening; stops on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../../../src/server/start.js';
import { addConversations } from '../../helpers/many-conversations.js';
import { dropStore } from '../../helpers/test-server.js';

const { values } = parseArgs({
  options: { extra: { type: 'string', default: '0' }, conversations: { type: 'string' }, postgres: { type: 'string' }, port: { type: 'string', default: '0' } },
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
  await server.store.db.deleteFrom('messages').execute();
  await server.store.db.deleteFrom('conversations').execute();
  await addConversations(server.store.db, Number(values.conversations), Date.now());
}
const extra = Number(values.extra);
if (extra > 0) await addConversations(server.store.db, extra, Date.now());
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);

const stop = async () => {
  await server.close();
  await dropStore(store);
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
