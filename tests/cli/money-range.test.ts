import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MoneyFixtures } from '../helpers/money.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { scriptedServer } from '../helpers/scripted-http.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';

describe(`support account show with a balance beyond the bound (${ENGINE})`, () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let fx: MoneyFixtures;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-cli-money-range-', server.url, { default: 'agent@example.com' }));
    fx = new MoneyFixtures(server, await server.login('admin@example.com'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('prints one clear error line and exits 1, no stack trace, for a balance stored past 2^53', async () => {
    const { id } = await fx.account('IDR');
    await sql`update wallet_accounts set balance = cast('9007199254740993' as bigint) where id = ${id}`.execute(server.store.db);
    for (const args of [['account', 'show', id], ['account', 'show', id, '--json'], ['account', 'close', id, '--reason', 'customer_request', '--note', 'x', '--yes']]) {
      const result = await runCli(args, { env });
      expect([result.code, result.stdout, result.stderr]).toEqual([
        1,
        '',
        `error: account ${id} holds a balance of 9007199254740993 minor units, beyond the ±1000000000000000 (10^15) the API carries, more than one posting can correct; correct it in the wallet system\n`,
      ]);
    }
  });

  it('a server that sends an amount no wallet can hold gets one clear line, not a crash', async () => {
    const id = 'wal_0123456789';
    const account = { id, customerId: 'cus_0123456789', currency: 'IDR', balance: { amount: 9007199254740992, currency: 'IDR' }, status: 'active', createdAt: '2026-12-01T00:00:00.000Z' };
    const scripted = await scriptedServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ account, customer: { id: account.customerId, name: 'Siti' }, history: [], allowedActions: [] }));
    });
    try {
      const result = await runCli(['account', 'show', id], { env: { ...env, SUPPORT_API_URL: scripted.url, SUPPORT_TOKEN: 'tok_scripted' } });
      expect([result.code, result.stdout, result.stderr]).toEqual([
        1,
        '',
        'error: the server sent an amount that cannot be right: amount 9007199254740992 IDR cannot be shown exactly: it is not a whole number of minor units below 2^53\n',
      ]);
    } finally {
      await scripted.close();
    }
  });
});
