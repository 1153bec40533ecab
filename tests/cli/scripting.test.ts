import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sgrPattern } from '../helpers/ansi.js';
import { MoneyFixtures } from '../helpers/money.js';
import { BIN, cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const ESC = '\u001b[';

const SGR = sgrPattern('[0-9;]*', '', 'g');
/** The DUE column of `support queue` (src/cli/views/queue-table.ts): ID, DUE, PRI, … */
const DUE = 1;

/**
 * Piped queue rows as cells, the DUE cell checked for its shape ("◷ 12m", "✗ -3h05m") and then set
 * aside: its countdown, and near a threshold its state, tick on between two runs.
 */
function cellsBesideTheClock(tsv: string): string[][] {
  return tsv
    .trimEnd()
    .split('\n')
    .map((line) => {
      const cells = line.split('\t');
      expect(cells[DUE]).toMatch(/^[ ◷!✗] (?:—|-?\d+(?:s|m|h\d\dm|d\d+h))$/);
      return cells.with(DUE, 'DUE');
    });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs support with stdout a pipe whose reader is gone before anything is written (`| head` that already quit). */
function runIntoClosedPipe(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('support as a scripter uses it', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let fx: MoneyFixtures;
  const cli = (args: string[], extra: Record<string, string | undefined> = {}) => runCli(args, { env: { ...env, ...extra } });

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-cli-scripting-', server.url, { default: 'agent@example.com' }));
    fx = new MoneyFixtures(server, await server.login('admin@example.com'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('a reader that stops early (| head) ends it quietly: no EPIPE stack trace', async () => {
    for (const args of [['queue', '--limit', '200'], ['queue', '--json'], ['--help']]) {
      const result = await runIntoClosedPipe(args, env);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
  });

  it('--amount takes the payment’s currency written with the number, and refuses another one, changing nothing', async () => {
    const cny = await fx.payment('CNY', 10_000);
    const wrong = await cli(['refund', 'create', cny.id, '--amount', '10 USD', '--reason', 'duplicate', '--yes']);
    expect([wrong.code, wrong.stdout, wrong.stderr]).toEqual([2, '', 'error: --amount: amount "10 USD" is in USD, but it must be in CNY: amounts are never converted\n']);
    expect(await fx.refundRows(cny.id)).toEqual([]);

    const ok = await cli(['refund', 'create', cny.id, '--amount', '10 CNY', '--reason', 'duplicate', '--yes', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ amount: { amount: 1000, currency: 'CNY' }, status: 'succeeded' });
    expect((await fx.refundRows(cny.id)).map((r) => r.amount)).toEqual([1000]);
  });

  it('FORCE_COLOR=1 colours piped output; without it, or with NO_COLOR, a pipe gets plain text', async () => {
    const args = ['queue', '--priority', 'urgent', '--limit', '5'];
    const forced = await cli(args, { NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`${ESC}31m`);
    // Still tab-separated for cut and awk, with one row per line.
    expect(forced.stdout.trimEnd().split('\n')).toHaveLength(5);
    const plain = await cli(args, { NO_COLOR: undefined, FORCE_COLOR: undefined });
    const none = await cli(args, { NO_COLOR: '1', FORCE_COLOR: undefined });
    for (const result of [plain, none]) {
      expect(result.code).toBe(0);
      expect(result.stdout).not.toContain(ESC);
    }
    // Same rows, same cells: only the colour differs (and the SLA clock, which ran on in between).
    expect(cellsBesideTheClock(forced.stdout.replaceAll(SGR, ''))).toEqual(cellsBesideTheClock(plain.stdout));
  });

  it('a server that does not answer: what failed and what to check, not advice to start the demo', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const result = await cli(['queue'], { SUPPORT_API_URL: url });
    expect([result.code, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toBe(
      `error: cannot connect to the Support API at ${url}: nothing answers there (connection refused); check your network connection and the API URL of your profile (\`support config list\`, or SUPPORT_API_URL)\n`,
    );
  });
});
