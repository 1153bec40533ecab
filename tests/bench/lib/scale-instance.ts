/**
 * One instance of the scale benchmark in its own process, on a database the benchmark prepared:
 * `--postgres URL --schema NAME` or `--sqlite FILE`. Prints one JSON line {url} when listening; drains
 * and exits on SIGTERM, leaving the database to the benchmark.
 */
import { parseArgs } from 'node:util';
import { startServer } from '../../../src/server/start.js';

const { values } = parseArgs({ options: { postgres: { type: 'string' }, schema: { type: 'string' }, sqlite: { type: 'string' }, 'pool-size': { type: 'string', default: '10' } } });
const store = values.postgres
  ? ({ engine: 'postgres', url: values.postgres, schema: values.schema!, poolSize: Number(values['pool-size']) } as const)
  : ({ engine: 'sqlite', file: values.sqlite! } as const);
const server = await startServer({
  store,
  settings: { loginLimitPerIp: { max: 1_000_000, windowMs: 60_000 }, loginLimitPerEmail: { max: 1_000_000, windowMs: 60_000 } },
});
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
