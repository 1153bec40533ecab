import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { MoneyFixtures } from '../helpers/money.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { HAS_TMUX, Terminal } from '../helpers/tmux.js';

describe('support bulk: validation, runs and reports', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let admin: SupportClient;
  let fx: MoneyFixtures;
  let n = 0;

  const cli = (args: string[], input?: string) => runCli(args, { env, ...(input !== undefined ? { input } : {}) });
  const file = (name: string, content: string | Buffer) => {
    const path = join(home, `${++n}-${name}`);
    writeFileSync(path, content);
    return path;
  };
  const auditCount = async () => Number((await server.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', 'not like', 'auth.%').executeTakeFirstOrThrow()).n);
  const status = async (id: string) => (await admin.accounts.get(id)).account.status;
  const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-cli-bulk-', server.url, { default: 'admin@example.com' }));
    admin = await server.login('admin@example.com');
    fx = new MoneyFixtures(server, admin);
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('--help documents the columns and shows an example file', async () => {
    const help = await cli(['bulk', 'refund', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('transaction  the payment to refund (txn_…)');
    expect(help.stdout).toContain('Example file refund.csv:\n  transaction,amount,currency,reason,note\n  txn_4Jx2Qp9LmN7a,12.50,CNY,failed_delivery,Parcel lost');
    expect(help.stdout).toContain('--resume');
    const list = await cli(['bulk', '--help']);
    for (const action of ['freeze', 'unfreeze', 'refund', 'resolve', 'reply', 'note', 'assign', 'tag']) expect(list.stdout).toContain(`  ${action} `);
  });

  it('a wrong header is reported with its line and columns; nothing runs (exit 2)', async () => {
    const { id } = await fx.account('IDR');
    const before = await auditCount();
    const path = file('freeze.csv', `acount,reason,note,colour\n${id},fraud_review,x,red\n`);
    const result = await cli(['bulk', 'freeze', '--file', path, '--yes']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        `${path}: line 1, column acount: is not a column of bulk freeze (its columns: account, reason, note)`,
        `${path}: line 1, column colour: is not a column of bulk freeze (its columns: account, reason, note)`,
        `${path}: line 1, column account: is missing from the header (bulk freeze needs: account, reason, note)`,
        `error: ${path} cannot be read as bulk freeze rows: nothing was run`,
        '',
      ].join('\n'),
    );
    expect(await status(id)).toBe('active');
    expect(await auditCount()).toBe(before);
  });

  it('a file that is not UTF-8 is refused with the line of the bad byte', async () => {
    const { id } = await fx.account('IDR');
    const before = await auditCount();
    const path = file('latin1.csv', Buffer.concat([Buffer.from(`account,reason,note\n${id},fraud_review,ok\n${id},fraud_review,caf`), Buffer.from([0xe9]), Buffer.from('\n')]));
    const result = await cli(['bulk', 'freeze', '--file', path, '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${path}: line 3: is not UTF-8 text: save the file as UTF-8 (Excel: "CSV UTF-8")\n`);
    expect(await status(id)).toBe('active');
    expect(await auditCount()).toBe(before);
  });

  it('an unknown account, a broken quote and an empty file are refused; a BOM (Excel) and CRLF lines are fine', async () => {
    const { id } = await fx.account('IDR');
    const before = await auditCount();
    const unknown = file('freeze.csv', `account,reason,note\n${id},fraud_review,ok\nwal_Unknown01,fraud_review,who\n`);
    const refused = await cli(['bulk', 'freeze', '--file', unknown, '--yes']);
    expect([refused.code, refused.stderr]).toEqual([
      1,
      `${unknown}: line 3, column account: no account wal_Unknown01 on the server\nerror: 1 of 2 rows are bad: nothing was run\nfix them and run again, or pass --skip-invalid to run the other rows\n`,
    ]);
    const quote = file('freeze.csv', `account,reason,note\n${id},fraud_review,"never closed\n`);
    const broken = await cli(['bulk', 'freeze', '--file', quote, '--yes']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toBe(`${quote}: line 2, column note: is not valid CSV: the quote (") that opens this field is never closed\nerror: ${quote} cannot be read as bulk freeze rows: nothing was run\n`);
    const empty = file('freeze.csv', '');
    expect(await cli(['bulk', 'freeze', '--file', empty, '--yes'])).toMatchObject({ code: 2, stderr: `${empty}: line 1: is empty: the first line must be the header row\nerror: ${empty} cannot be read as bulk freeze rows: nothing was run\n` });
    const missing = await cli(['bulk', 'freeze', '--file', join(home, 'nope.csv'), '--yes']);
    expect([missing.code, missing.stderr]).toEqual([1, `error: cannot read --file ${join(home, 'nope.csv')}: no such file\n`]);
    expect(await status(id)).toBe('active');
    expect(await auditCount()).toBe(before);

    const excel = file('excel.csv', Buffer.from(`\ufeffaccount,reason,note\r\n${id},fraud_review,"Excel, with BOM"\r\n`, 'utf8'));
    const ok = await cli(['bulk', 'freeze', '--file', excel, '--yes', '--json']);
    expect([ok.code, lines(ok.stdout)]).toEqual([0, [{ line: 2, row: 0, outcome: 'ok', code: null, message: 'active → frozen', id }]]);
  });

  it('reports every bad row (money, reasons, unknown ids, duplicates, field count) and runs none of them', async () => {
    const good = await fx.payment('IDR', 50_000);
    const cny = await fx.payment('CNY', 10_000);
    const before = await auditCount();
    const path = file(
      'refunds.csv',
      [
        'transaction,amount,currency,reason,note',
        `${good.id},12.5,IDR,duplicate,`,
        `${cny.id},1.234,CNY,duplicate,`,
        `${cny.id},10,IDR,duplicate,`,
        `${good.id},100,IDR,because,`,
        'txn_Missing0001,100,IDR,duplicate,',
        `${good.id},100,,duplicate,`,
        `${good.id},100,IDR,duplicate,"first, with a comma"`,
        `${good.id},100,IDR,duplicate,"first, with a comma"`,
        `${good.id},100,IDR`,
        '',
      ].join('\n'),
    );
    const result = await cli(['bulk', 'refund', '--file', path, '--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        `${path}: line 2, column amount: amount "12.5" has 1 decimal, but IDR has no decimals`,
        `${path}: line 3, column amount: amount "1.234" has 3 decimals, but CNY has at most 2 decimals`,
        `${path}: line 4, column currency: payment ${cny.id} is in CNY, not IDR`,
        `${path}: line 5, column reason: "because" is not one of duplicate, failed_delivery, fraudulent, requested_by_customer, service_issue`,
        `${path}: line 6, column transaction: no transaction txn_Missing0001 on the server`,
        `${path}: line 7, column currency: is empty: say the currency of the amount, so that its decimals can be checked`,
        `${path}: line 9: is a duplicate of line 8: the same refund would be asked twice`,
        `${path}: line 10: has 3 fields, the header has 5`,
        'error: 8 of 9 rows are bad: nothing was run',
        'fix them and run again, or pass --skip-invalid to run the other rows',
        '',
      ].join('\n'),
    );
    expect(await fx.refunded(good.id)).toBe(0);
    expect(await fx.refunded(cny.id)).toBe(0);
    expect(await auditCount()).toBe(before);
  });

  it('without a terminal it needs --yes (exit 2, nothing read or changed)', async () => {
    const { id } = await fx.account('IDR');
    const path = file('freeze.csv', `account,reason,note\n${id},fraud_review,x\n`);
    const result = await cli(['bulk', 'freeze', '--file', path]);
    expect([result.code, result.stderr]).toEqual([2, 'error: bulk freeze needs confirmation: pass --yes when not running in a terminal (nothing was changed; --dry-run shows what would happen)\n']);
    expect(await status(id)).toBe('active');
  });

  it('--dry-run reads the current state, shows each row and changes nothing', async () => {
    const a = await fx.account('IDR');
    const b = await fx.account('IDR');
    await admin.accounts.freeze(b.id, { reason: 'fraud_review', note: 'earlier' });
    const before = await auditCount();
    const path = file('freeze.csv', `account,reason,note\n${a.id},fraud_review,x\n${b.id},fraud_review,y\n`);
    const result = await cli(['bulk', 'freeze', '--file', path, '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`^line 2: would freeze ${a.id} \\([\\d,]+ IDR\\): active → frozen\\nline 3: would be refused: ${b.id} is frozen\\nWould freeze 2 accounts\\. Nothing was changed\\.\\n$`));
    const json = await cli(['bulk', 'freeze', '--file', path, '--dry-run', '--json']);
    expect(lines(json.stdout).map((l) => [l['line'], l['dryRun']])).toEqual([
      [2, true],
      [3, true],
    ]);
    expect(await status(a.id)).toBe('active');
    expect(await auditCount()).toBe(before);
  });

  it('freezes every row, writes the report and --json; the same file again does nothing twice', async () => {
    const accounts = await Promise.all([fx.account('IDR'), fx.account('IDR'), fx.account('CNY')]);
    const path = file('freeze.csv', ['account,reason,note', ...accounts.map((a, i) => `${a.id},compliance,"Bulk case ${i}, multi\nline"`), ''].join('\n'));
    const reportPath = join(home, 'freeze-report.csv');
    const result = await cli(['bulk', 'freeze', '--file', path, '--yes', '--json', '--report', reportPath]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^bulk freeze: 3 rows: 3 ok, 0 skipped, 0 failed in [\d.]+ s \(\d+ rows\/s\)\n$/);
    const rows = lines(result.stdout).sort((x, y) => Number(x['row']) - Number(y['row']));
    expect(rows).toEqual(accounts.map((a, i) => ({ line: 2 + i * 2, row: i, outcome: 'ok', code: null, message: 'active → frozen', id: a.id })));
    for (const a of accounts) expect(await status(a.id)).toBe('frozen');
    const report = readFileSync(reportPath, 'utf8').trim().split('\n');
    expect(report[0]).toBe('line,row,outcome,code,message,id');
    expect(report.slice(1).sort()).toEqual(accounts.map((a, i) => `${2 + i * 2},${i},ok,,active → frozen,${a.id}`).sort());

    const before = await auditCount();
    const again = await cli(['bulk', 'freeze', '--file', path, '--yes', '--json']);
    expect(again.code).toBe(0);
    expect(lines(again.stdout).map((l) => l['outcome'])).toEqual(['skipped', 'skipped', 'skipped']);
    expect(await auditCount()).toBe(before);
  });

  it('refunds from JSONL on stdin; a row the server refuses fails with its code (exit 3)', async () => {
    const p1 = await fx.payment('CNY', 5_000);
    const p2 = await fx.payment('IDR', 70_000);
    const input = [
      JSON.stringify({ transaction: p1.id, amount: '12.50', currency: 'CNY', reason: 'failed_delivery', note: 'Parcel lost' }),
      JSON.stringify({ transaction: p2.id, reason: 'duplicate' }),
      JSON.stringify({ transaction: p1.id, amount: 100, currency: 'CNY', reason: 'failed_delivery' }),
      '',
    ].join('\n');
    const reportPath = join(home, 'refund-report.jsonl');
    const result = await cli(['bulk', 'refund', '--file', '-', '--yes', '--concurrency', '1', '--report', reportPath], input);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('error: 1 of 3 rows failed: see');
    expect(await fx.refunded(p1.id)).toBe(1_250);
    expect(await fx.refunded(p2.id)).toBe(70_000);
    const report = lines(readFileSync(reportPath, 'utf8'));
    expect(report.map((r) => [r['line'], r['outcome'], r['code']])).toEqual([
      [1, 'ok', null],
      [2, 'ok', null],
      [3, 'failed', 'refund_exceeds_refundable'],
    ]);
  });

  it('--skip-invalid runs the good rows and reports the bad ones as skipped', async () => {
    const a = await fx.account('IDR');
    const path = file('freeze.csv', `account,reason,note\n${a.id},fraud_review,ok\nwal_Nope,fraud_review,bad id\n`);
    const result = await cli(['bulk', 'freeze', '--file', path, '--yes', '--skip-invalid', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`${path}: line 3, column account: "wal_Nope" is not an account id (wal_…)\n`);
    expect(lines(result.stdout).sort((x, y) => Number(x['row']) - Number(y['row']))).toEqual([
      { line: 2, row: 0, outcome: 'ok', code: null, message: 'active → frozen', id: a.id },
      { line: 3, row: 1, outcome: 'skipped', code: 'invalid_row', message: 'account: "wal_Nope" is not an account id (wal_…)', id: null },
    ]);
  });

  it.skipIf(!HAS_TMUX)('on a terminal: a summary and the typed row count; a wrong count is refused, Ctrl+C cancels', async () => {
    const [a, b, c] = [await fx.account('IDR'), await fx.account('IDR'), await fx.account('CNY')];
    const path = file('freeze.csv', `account,reason,note\n${a.id},fraud_review,x\n${b.id},fraud_review,y\n`);
    const terminal = new Terminal();
    try {
      terminal.start(`${Terminal.support(`bulk freeze --file ${path}`)}; echo "exit=$?"`, { env });
      await terminal.waitForText('Freeze 2 accounts?');
      await terminal.waitForText('Type 2 to confirm (Ctrl+C cancels):');
      terminal.type('3');
      terminal.keys('Enter');
      await terminal.waitForText('that is not 2; type it exactly, or press Ctrl+C to cancel');
      expect(await status(a.id)).toBe('active');
      terminal.keys('BSpace');
      terminal.type('2');
      terminal.keys('Enter');
      const done = await terminal.waitForText('exit=0');
      expect(done).toMatch(/bulk freeze: 2 rows: 2 ok, 0 skipped, 0 failed in [\d.]+ s/);
    } finally {
      terminal.kill();
    }
    expect([await status(a.id), await status(b.id)]).toEqual(['frozen', 'frozen']);

    const other = file('freeze.csv', `account,reason,note\n${c.id},fraud_review,z\n`);
    const cancel = new Terminal();
    try {
      cancel.start(`${Terminal.support(`bulk freeze --file ${other}`)}; echo "exit=$?"`, { env });
      await cancel.waitForText('Freeze 1 account?');
      cancel.keys('C-c');
      await cancel.waitForText('exit=2');
    } finally {
      cancel.kill();
    }
    expect(await status(c.id)).toBe('active');
  });
});

