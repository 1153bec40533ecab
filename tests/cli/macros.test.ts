import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { FORBIDDEN_IN_OUTPUT, HOSTILE_PAYLOADS, rawUnsafeInJson } from '../helpers/hostile.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('support macro', () => {
  let server: TestServer;
  let client: SupportClient;
  let home: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    client = await server.login();
    // The demo's macros speak all three languages; this one loses its Indonesian, for the fallback.
    await (await server.login('admin@example.com')).macros.update('intl-rate', { bodies: { id: null } });
    ({ home, env } = await cliHome('support-cli-', server.url, { default: 'agent@example.com' }));
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  /** The first conversation of a category whose customer writes this language. */
  async function conversationOf(category: string, language?: string): Promise<{ id: number; customer_id: string }> {
    return server.store.db
      .selectFrom('conversations')
      .innerJoin('customers', 'customers.id', 'conversations.customer_id')
      .select(['conversations.id', 'conversations.customer_id'])
      .where('conversations.category', '=', category)
      .$if(language !== undefined, (q) => q.where('customers.language', '=', language!))
      .orderBy('conversations.id')
      .executeTakeFirstOrThrow();
  }

  it('list --json prints {data, nextCursor} exactly as the API gives it, and nothing else', async () => {
    const result = await runCli(['macro', 'list', '--json'], { env });
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(JSON.parse(result.stdout)).toEqual({ data: await client.macros.listAll(), nextCursor: null });
    const refunds = await runCli(['macro', 'list', '--category', 'refund', '--json'], { env });
    expect((JSON.parse(refunds.stdout) as { data: { shortcut: string }[] }).data.map((m) => m.shortcut)).toEqual(['refund-proof', 'refund-time']);
    const paged = await runCli(['macro', 'list', '--json', '--limit', '2'], { env });
    const page = JSON.parse(paged.stdout) as { data: unknown[]; nextCursor: string };
    expect(page.data).toHaveLength(2);
    const rest = await runCli(['macro', 'list', '--json', '--cursor', page.nextCursor], { env });
    expect((JSON.parse(rest.stdout) as { data: unknown[] }).data.length).toBe((await client.macros.listAll()).length - 2);
  });

  it('list without a terminal prints one tab-separated row per macro: shortcut, name, category, languages, variables', async () => {
    const result = await runCli(['macro', 'list', '-q', 'pay-'], { env });
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toBe(
      'pay-balance\tPayment failed: balance too low\tpayment_failed\ten,zh,id\tcustomer.name,transaction.id,account.id\n' +
        'pay-limit\tPayment failed: daily limit\tpayment_failed\ten,zh,id\tcustomer.name\n' +
        'pay-network\tPayment failed: network or maintenance\tpayment_failed\ten,zh,id\tcustomer.name,transaction.id,account.id\n' +
        'pay-payee\tPayment failed: recipient details\tpayment_failed\ten,zh,id\tcustomer.name\n',
    );
    const none = await runCli(['macro', 'list', '-q', 'zzz'], { env });
    expect([none.code, none.stdout, none.stderr]).toEqual([0, '', 'no macros match\n']);
  });

  it('show prints the texts in every language; --json the macro exactly', async () => {
    const json = await runCli(['macro', 'show', 'pay-balance', '--json'], { env });
    expect([json.code, json.stderr]).toEqual([0, '']);
    expect(JSON.parse(json.stdout)).toEqual(await client.macros.get('pay-balance'));
    const text = await runCli(['macro', 'show', '/intl-rate'], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^\/intl-rate {2}International: exchange rate\nmac_\w+ · international · en, zh · variables: \{\{transaction\.id\}\}\n\n\[en\]\nPayment \{\{transaction\.id\}\} was converted/);
    expect(text.stdout).toContain('[zh]\n交易 {{transaction.id}} 按付款时的汇率换算');
  });

  it('render prints the filled text alone on stdout, ready to pipe into a reply', async () => {
    const c = await conversationOf('payment_failed');
    const expected = await client.macros.render('pay-balance', { conversationId: c.id });
    const plain = await runCli(['macro', 'render', 'pay-balance', '-c', String(c.id)], { env });
    expect(plain).toEqual({ code: 0, stdout: `${expected.text}\n`, stderr: '' });
    const json = await runCli(['macro', 'render', 'pay-balance', '--conversation', `#${c.id}`, '--json'], { env });
    expect([json.code, json.stderr]).toEqual([0, '']);
    expect(JSON.parse(json.stdout)).toEqual(expected);
  });

  it('render says on stderr when it falls back to English, and takes --language, --transaction and --account', async () => {
    const c = await conversationOf('international', 'id');
    const fallback = await runCli(['macro', 'render', 'intl-rate', '-c', String(c.id)], { env });
    expect([fallback.code, fallback.stderr]).toEqual([0, 'note: this macro has no Indonesian text; the English text is used\n']);
    expect(fallback.stdout).toMatch(/^Payment txn_\w+ was converted/);
    const chinese = await runCli(['macro', 'render', 'intl-rate', '-c', String(c.id), '--language', 'zh'], { env });
    expect([chinese.code, chinese.stderr]).toEqual([0, '']);
    expect(chinese.stdout).toMatch(/^交易 txn_\w+ 按付款时的汇率换算/);

    const login = await conversationOf('login');
    const txn = await server.store.db
      .selectFrom('transactions')
      .innerJoin('wallet_accounts', 'wallet_accounts.id', 'transactions.account_id')
      .select(['transactions.id', 'transactions.account_id'])
      .where('wallet_accounts.customer_id', '=', login.customer_id)
      .orderBy('transactions.id')
      .executeTakeFirstOrThrow();
    const explicit = await runCli(['macro', 'render', 'intl-declined', '-c', String(login.id), '--transaction', txn.id, '--account', txn.account_id, '--language', 'en', '--json'], { env });
    expect(explicit.code).toBe(0);
    expect((JSON.parse(explicit.stdout) as { text: string }).text).toBe(
      `International payment ${txn.id} was declined by the overseas payment limit of wallet ${txn.account_id}. With full KYC you can raise the limit in Settings > Limits.`,
    );
  });

  it('render refuses a variable it cannot fill: exit 1, the variable named, nothing on stdout', async () => {
    const c = await conversationOf('login');
    const result = await runCli(['macro', 'render', 'complaint-received', '-c', String(c.id)], { env });
    const reason = `conversation ${c.id} has no complaint yet; open one first (support complaint create ${c.id})`;
    expect(result).toEqual({ code: 1, stdout: '', stderr: `error: cannot fill {{complaint.number}}: ${reason}\n` });
    const json = await runCli(['macro', 'render', 'complaint-received', '-c', String(c.id), '--json'], { env });
    expect([json.code, json.stdout]).toEqual([1, '']);
  });

  it('render names --transaction (not the API parameter) when the conversation mentions no transaction, and says the reason once', async () => {
    const c = await conversationOf('login');
    const result = await runCli(['macro', 'render', 'refund-proof', '-c', String(c.id)], { env });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: cannot fill {{transaction.id}}: conversation ${c.id} mentions no transaction of this customer; pass --transaction <txn_id>\n`,
    });
    // Several variables: the list first, then each reason once with its option.
    await (await server.login('admin@example.com')).macros.create({ name: 'Both ids', shortcut: 'both-ids', bodies: { en: '{{transaction.id}} {{complaint.number}}' } });
    const both = await runCli(['macro', 'render', 'both-ids', '-c', String(c.id)], { env });
    expect(both.code).toBe(1);
    expect(both.stderr).toBe(
      `error: cannot fill {{transaction.id}}, {{complaint.number}}\n` +
        `  {{transaction.id}}: conversation ${c.id} mentions no transaction of this customer; pass --transaction <txn_id>\n` +
        `  {{complaint.number}}: conversation ${c.id} has no complaint yet; open one first (support complaint create ${c.id})\n`,
    );
  });

  it('refuses bad arguments with exit 2 before asking the server, and unknown macros with exit 1', async () => {
    const noConversation = await runCli(['macro', 'render', 'hello'], { env });
    expect([noConversation.code, noConversation.stderr]).toEqual([2, "error: required option '-c, --conversation <id>' not specified\n"]);
    const badRef = await runCli(['macro', 'show', 'Bad_Ref'], { env });
    expect(badRef.code).toBe(2);
    expect(badRef.stderr).toContain('"Bad_Ref" is not a macro shortcut (such as pay-balance) or id (mac_…).');
    const badTxn = await runCli(['macro', 'render', 'hello', '-c', '1', '--transaction', 'wal_12345678'], { env });
    expect(badTxn.code).toBe(2);
    expect(badTxn.stderr).toContain('"wal_12345678" is not a transaction id (txn_…).');
    const badLanguage = await runCli(['macro', 'list', '--language', 'fr'], { env });
    expect(badLanguage.code).toBe(2);
    const unknown = await runCli(['macro', 'show', 'no-such-macro'], { env });
    expect([unknown.code, unknown.stdout, unknown.stderr]).toEqual([1, '', 'error: macro no-such-macro does not exist\n']);
  });

  it('exits 4 when not logged in', async () => {
    const result = await runCli(['macro', 'list'], { env: { SUPPORT_CONFIG_DIR: join(home, 'nobody') } });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: not logged in/);
  });

  it('never lets a customer name reach the terminal as control sequences; --json keeps it exact', async () => {
    const c = await conversationOf('other');
    const hostile = `Mallory ${HOSTILE_PAYLOADS.osc52Clipboard}${HOSTILE_PAYLOADS.bidiOverride}`;
    await server.store.db.updateTable('customers').set({ name: hostile }).where('id', '=', c.customer_id).execute();
    const plain = await runCli(['macro', 'render', 'hello', '-c', String(c.id)], { env });
    expect(plain.code).toBe(0);
    for (const forbidden of FORBIDDEN_IN_OUTPUT) expect(plain.stdout.includes(forbidden), JSON.stringify(forbidden)).toBe(false);
    expect(plain.stdout).toContain('Mallory \\x1b]52;c;');
    const json = await runCli(['macro', 'render', 'hello', '-c', String(c.id), '--json'], { env });
    expect((JSON.parse(json.stdout) as { text: string }).text).toContain(hostile);
    expect(rawUnsafeInJson(json.stdout)).toEqual([]);
  });
});
