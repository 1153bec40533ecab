import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerContext, SearchResult, StartConversationResponse } from '../../src/api/types.js';
import { fillPhoneKeys } from '../../src/server/store/customer-phones.js';
import { FORBIDDEN_IN_OUTPUT } from '../helpers/hostile.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('support find, support customer, support conversation create / end-call', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  const now = Date.now();

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    const base = { language: 'id', kyc_level: 'full', two_factor_enabled: 1, created_at: now - 86_400_000 };
    await server.store.db
      .insertInto('customers')
      .values([
        { ...base, id: 'cus_CLIFIND001', name: 'Dewi \u001b[31mKusuma', email: 'dewi.k@mail.example', phone: '+62 813-9999-0001' },
        { ...base, id: 'cus_CLIFIND002', name: 'Dewi Lestari', email: null, phone: null },
      ])
      .execute();
    await fillPhoneKeys(server.store.db, 'ID');
    await server.store.db.insertInto('wallet_accounts').values({ id: 'wal_CLIFIND01', customer_id: 'cus_CLIFIND001', currency: 'IDR', balance: 0, status: 'active', created_at: now, updated_at: now }).execute();
    const txn = (id: string, status: string, type: string, ageDays: number) => ({
      id, account_id: 'wal_CLIFIND01', type, status, amount: 50_000, currency: 'IDR', refunded_amount: 0,
      failure_reason: status === 'failed' ? 'insufficient_balance' : null, counterparty: 'Tokopedia', description: 'x',
      foreign_amount: null, foreign_currency: null, exchange_rate: null, created_at: now - ageDays * 86_400_000,
    });
    await server.store.db.insertInto('transactions').values([txn('txn_CLIFIND0001', 'failed', 'payment', 1), txn('txn_CLIFIND0002', 'failed', 'payment', 20), txn('txn_CLIFIND0003', 'succeeded', 'payment', 2), txn('txn_CLIFIND0004', 'failed', 'top_up', 3)]).execute();
    ({ home, env } = await cliHome('support-find-', server.url, { default: 'agent@example.com' }));
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('finds by phone in any writing; --json is the API’s answer exactly, masked', async () => {
    const json = await runCli(['find', '0813 9999 0001', '--json'], { env });
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as SearchResult;
    expect([result.phone, result.tried, result.customers.map((c) => [c.id, c.phone, c.email])]).toEqual(['+6281399990001', ['phone'], [['cus_CLIFIND001', '+62 813 **** 0001', 'd***@mail.example']]]);
    const table = await runCli(['find', '+62', '813-9999-0001'], { env });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('cus_CLIFIND001');
    expect(table.stdout).toContain('+62 813 **** 0001');
    expect(table.stdout).not.toContain('9999');
    for (const bad of FORBIDDEN_IN_OUTPUT) expect(table.stdout).not.toContain(bad);
  });

  it('lists name matches through the sanitizer, and says what it tried when nothing matches', async () => {
    const names = await runCli(['find', 'dewi', '--kinds', 'customers'], { env });
    expect(names.stdout).toContain('cus_CLIFIND002');
    expect(names.stdout).not.toContain('\u001b[31m');
    const none = await runCli(['find', 'nobody@nowhere.example'], { env });
    expect([none.code, none.stdout, none.stderr.trim()]).toEqual([0, '', 'nothing matches “nobody@nowhere.example”; tried: email']);
    const short = await runCli(['find', 'x'], { env });
    expect([short.code, short.stderr]).toEqual([1, expect.stringContaining('type at least 2 characters')]);
    const phone = await runCli(['find', '+999 1234 5678'], { env });
    expect(phone.stderr).toContain('its country code is not one any country uses');
    const kinds = await runCli(['find', 'dewi', '--kinds', 'wallets'], { env });
    expect(kinds.code).toBe(2);
  });

  it('shows a customer by id, phone or email, whole, and each opening is in the audit log', async () => {
    for (const who of ['cus_CLIFIND001', '0813-9999-0001', 'DEWI.K@mail.example']) {
      const shown = await runCli(['customer', 'show', who, '--json'], { env });
      expect([who, shown.code, shown.stderr]).toEqual([who, 0, '']);
      const context = JSON.parse(shown.stdout) as CustomerContext;
      expect([context.customer.id, context.customer.phone, context.customer.email]).toEqual(['cus_CLIFIND001', '+62 813-9999-0001', 'dewi.k@mail.example']);
    }
    const views = await server.store.db.selectFrom('audit_log').select(['action', 'reason']).where('target_id', '=', 'cus_CLIFIND001').where('action', '=', 'customer.view').execute();
    expect(views).toHaveLength(3);
    const table = await runCli(['customer', 'show', 'cus_CLIFIND001'], { env });
    expect(table.stdout).toContain('+62 813-9999-0001');
    expect(table.stdout).not.toContain('\u001b[31m');
    const nobody = await runCli(['customer', 'show', '+62 813-0000-0000'], { env });
    expect([nobody.code, nobody.stderr]).toEqual([1, expect.stringContaining('no customer has the number +6281300000000')]);
    const name = await runCli(['customer', 'show', 'Dewi'], { env });
    expect([name.code, name.stderr]).toEqual([2, expect.stringContaining('support find "Dewi"')]);
  });

  it('lists a customer’s transactions filtered by status, type and --since', async () => {
    const failed = await runCli(['customer', 'transactions', 'cus_CLIFIND001', '--status', 'failed', '--since', '7d', '--json'], { env });
    expect(failed.code).toBe(0);
    expect((JSON.parse(failed.stdout) as { data: { id: string }[] }).data.map((t) => t.id)).toEqual(['txn_CLIFIND0001', 'txn_CLIFIND0004']);
    const payments = await runCli(['customer', 'transactions', '0813 9999 0001', '--status', 'failed', '--type', 'payment', '--json'], { env });
    expect((JSON.parse(payments.stdout) as { data: { id: string }[] }).data.map((t) => t.id)).toEqual(['txn_CLIFIND0001', 'txn_CLIFIND0002']);
    const table = await runCli(['customer', 'transactions', 'cus_CLIFIND001', '--status', 'failed'], { env });
    expect(table.stdout).toContain('insufficient_balance');
    const bad = await runCli(['customer', 'transactions', 'cus_CLIFIND001', '--since', 'last week'], { env });
    expect(bad.code).toBe(2);
  });

  it('logs a phone call and ends it with a summary; a summary is required', async () => {
    const created = await runCli(['conversation', 'create', '--customer', 'cus_CLIFIND001', '--channel', 'phone', '-s', 'Phone stolen', '-m', 'Caller reports a stolen phone', '--json'], { env });
    expect(created.code).toBe(0);
    const started = JSON.parse(created.stdout) as StartConversationResponse;
    expect([started.conversation.channel, started.call?.endedAt]).toEqual(['phone', null]);
    const noSummary = await runCli(['conversation', 'create', '--customer', 'cus_CLIFIND001', '--channel', 'phone', '-s', 'x', '-m', 'y', '--call-ended', 'now'], { env });
    expect([noSummary.code, noSummary.stderr]).toEqual([2, expect.stringContaining('needs --summary')]);
    const empty = await runCli(['conversation', 'end-call', String(started.conversation.id), '--summary', ' '], { env });
    expect(empty.code).toBe(2);
    const ended = await runCli(['conversation', 'end-call', String(started.conversation.id), '--summary', 'Wallet frozen'], { env });
    expect([ended.code, ended.stderr.trim()]).toEqual([0, `✓ Call of conversation #${started.conversation.id} ended; summary added as an internal note`]);
    const row = await server.store.db.selectFrom('conversations').select(['call_summary']).where('id', '=', started.conversation.id).executeTakeFirstOrThrow();
    expect(row.call_summary).toBe('Wallet frozen');
  });

  it('has a real example in every new command’s help', async () => {
    for (const args of [['find'], ['customer', 'show'], ['customer', 'transactions'], ['conversation', 'create'], ['conversation', 'end-call']]) {
      const help = await runCli([...args, '--help'], { env });
      expect([args.join(' '), help.stdout]).toEqual([args.join(' '), expect.stringMatching(new RegExp(`\\$ support ${args.join(' ')} `))]);
    }
  });
});
