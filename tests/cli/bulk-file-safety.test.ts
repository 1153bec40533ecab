import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { MoneyFixtures } from '../helpers/money.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { openFresh } from '../helpers/workflow.js';

/** Files a bulk run must refuse whole (broken CSV, a line far too long) and reports a spreadsheet opens. */
describe('support bulk: broken and oversized files, spreadsheet-safe reports', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let admin: SupportClient;
  let fx: MoneyFixtures;
  let n = 0;

  const cli = (args: string[]) => runCli(args, { env });
  const file = (name: string, content: string) => {
    const path = join(home, `${++n}-${name}`);
    writeFileSync(path, content);
    return path;
  };
  const auditCount = async () => Number((await server.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', 'not like', 'auth.%').executeTakeFirstOrThrow()).n);
  const status = async (id: string) => (await admin.accounts.get(id)).account.status;
  const refused = (path: string, ...problems: string[]) => `${problems.map((p) => `${path}: ${p}\n`).join('')}error: ${path} cannot be read as bulk freeze rows: nothing was run\n`;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-cli-bulk-file-', server.url, { default: 'admin@example.com' }));
    admin = await server.login('admin@example.com');
    fx = new MoneyFixtures(server, admin);
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('a stray quote inside a field: exit 2 naming the line, the column and why; no row runs, no report', async () => {
    const [a, b] = [await fx.account('IDR'), await fx.account('IDR')];
    const before = await auditCount();
    const report = join(home, 'stray-report.csv');
    const how = 'a field with a quote (") must be all in quotes, its quotes doubled: "say ""hello"""';
    const stray = file('freeze.csv', `account,reason,note\n${a.id},fraud_review,first\n${b.id},fraud_re"view,second\n${a.id},compliance,third\n`);
    const result = await cli(['bulk', 'freeze', '--file', stray, '--yes', '--report', report]);
    expect([result.code, result.stdout, result.stderr]).toEqual([2, '', refused(stray, `line 3, column reason: is not valid CSV: a quote (") in the middle of a field; ${how}`)]);

    const closing = file('freeze.csv', `account,reason,note\n${a.id},fraud_review,first\n${b.id},"fraud_review"x,second\n`);
    const after = await cli(['bulk', 'freeze', '--file', closing, '--yes', '--report', report]);
    expect([after.code, after.stderr]).toEqual([2, refused(closing, `line 3, column reason: is not valid CSV: text after the closing quote (") of a field; ${how}`)]);

    // Said where the field opens, after a blank line, not at the end of the file.
    const open = file('freeze.csv', `account,reason,note\n${a.id},fraud_review,first\n\n${b.id},fraud_review,"second\nthird\n`);
    const unclosed = await cli(['bulk', 'freeze', '--file', open, '--yes']);
    expect([unclosed.code, unclosed.stderr]).toEqual([2, refused(open, 'line 4, column note: is not valid CSV: the quote (") that opens this field is never closed')]);

    expect([await status(a.id), await status(b.id)]).toEqual(['active', 'active']);
    expect(await auditCount()).toBe(before);
    expect(existsSync(report)).toBe(false);
  });

  it('a line over 128 KiB stops the file at that line (exit 2), however long it goes on; nothing runs', async () => {
    const { id } = await fx.account('IDR');
    const before = await auditCount();
    const tooLong = 'is longer than 128 KiB (131,072 bytes), more than any bulk row can need: is it the right file?';
    const huge = 'x'.repeat(8 * 1024 * 1024);

    const csv = file('freeze.csv', `account,reason,note\n${id},fraud_review,ok\n${id},compliance,${huge}\n`);
    const csvResult = await cli(['bulk', 'freeze', '--file', csv, '--yes']);
    expect([csvResult.code, csvResult.stderr]).toEqual([2, refused(csv, `line 3: ${tooLong}`)]);

    // The last line, with no newline after it: the read stops without waiting for one.
    const jsonl = file('freeze.jsonl', `${JSON.stringify({ account: id, reason: 'fraud_review', note: 'ok' })}\n{"account":"${id}","reason":"compliance","note":"${huge}`);
    const jsonlResult = await cli(['bulk', 'freeze', '--file', jsonl, '--yes']);
    expect([jsonlResult.code, jsonlResult.stderr]).toEqual([2, refused(jsonl, `line 2: ${tooLong}`)]);

    // Short lines, but one quoted field running over many of them: the row is told by the line it starts on.
    const field = Array.from({ length: 200 }, () => 'y'.repeat(1000)).join('\n');
    const spanning = file('freeze.csv', `account,reason,note\n${id},fraud_review,ok\n${id},compliance,"${field}"\n`);
    const spanningResult = await cli(['bulk', 'freeze', '--file', spanning, '--yes']);
    expect([spanningResult.code, spanningResult.stderr]).toEqual([2, refused(spanning, `line 3: the row that starts here ${tooLong}`)]);

    expect(await status(id)).toBe('active');
    expect(await auditCount()).toBe(before);
  });

  it('a duplicate far down a long file is found with the line of its first copy; nothing runs', async () => {
    const { id } = await fx.account('IDR');
    const before = await auditCount();
    const rows = Array.from({ length: 5_000 }, (_, i) => `${id},fraud_review,case ${i}`);
    const path = file('freeze.csv', ['account,reason,note', ...rows, rows[1], rows[4_321]].join('\n'));
    const result = await cli(['bulk', 'freeze', '--file', path, '--yes']);
    expect([result.code, result.stderr]).toEqual([
      1,
      `${path}: line 5002: is a duplicate of line 3: the same freeze would be asked twice\n${path}: line 5003: is a duplicate of line 4323: the same freeze would be asked twice\nerror: 2 of 5,002 rows are bad: nothing was run\nfix them and run again, or pass --skip-invalid to run the other rows\n`,
    ]);
    expect(await status(id)).toBe('active');
    expect(await auditCount()).toBe(before);
  });

  it('the longest row an action takes still fits: a 20,000-character reply written as \\uXXXX escapes (120 KB)', async () => {
    const conversation = await openFresh(server, admin);
    const body = '\u4e2d'.repeat(20_000);
    const line = JSON.stringify({ conversation: conversation.id, body }).replaceAll('\u4e2d', '\\u4e2d');
    expect(line.length).toBeGreaterThan(120_000);
    const path = file('reply.jsonl', `${line}\n`);
    const result = await cli(['bulk', 'reply', '--file', path, '--yes']);
    expect([result.code, result.stderr]).toEqual([0, expect.stringMatching(/^bulk reply: 1 rows: 1 ok, 0 skipped, 0 failed in /)]);
    const stored = await server.store.db.selectFrom('messages').select('body').where('conversation_id', '=', conversation.id).where('author_type', '=', 'agent').execute();
    expect(stored.map((m) => m.body)).toEqual([body]);
  });

  it('report cells that a spreadsheet would run as a formula start with a quote in the CSV report; the JSONL report is exact', async () => {
    const { id } = await fx.account('IDR');
    // Column names from the file come back in the report's messages, first thing in the cell.
    const starts = ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '\nx', '\uFF1D1', '\uFF0B1', '\uFF0D1', '\uFF201', 'a=1'];
    const rows = [{ account: id, reason: 'fraud_review', note: 'the good row' }, ...starts.map((key) => ({ account: id, reason: 'compliance', note: 'bad', [key]: 'x' }))];
    const path = file('freeze.jsonl', `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const message = (key: string) => `${key}: is not a column of bulk freeze (its columns: account, reason, note)`;

    const csvReport = join(home, 'formula-report.csv');
    const csvRun = await cli(['bulk', 'freeze', '--file', path, '--yes', '--skip-invalid', '--report', csvReport]);
    expect(csvRun.code).toBe(0);
    const text = readFileSync(csvReport, 'utf8');
    const cells = (parse(text, { columns: true }) as Record<string, string>[]).sort((x, y) => Number(x['row']) - Number(y['row']));
    expect(cells.map((c) => [c['row'], c['outcome'], c['message']])).toEqual([
      ['0', 'ok', 'active → frozen'],
      ...starts.map((key, i) => [String(i + 1), 'skipped', key === 'a=1' ? message(key) : `'${message(key)}`]),
    ]);
    // line and row are the CLI's own numbers: written as numbers, never quoted.
    expect(text).toContain(`\n1,0,ok,,active → frozen,${id}\n`);
    expect(text).toContain(`\n2,1,skipped,invalid_row,"'=1+1: is not a column`);

    const jsonlReport = join(home, 'formula-report.jsonl');
    const jsonlRun = await cli(['bulk', 'freeze', '--file', path, '--yes', '--skip-invalid', '--report', jsonlReport]);
    expect(jsonlRun.code).toBe(0);
    const outcomes = readFileSync(jsonlReport, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { row: number; line: number; message: string })
      .sort((x, y) => x.row - y.row);
    expect(outcomes.slice(1).map((o) => [o.line, o.message])).toEqual(starts.map((key, i) => [i + 2, message(key)]));
    expect(await status(id)).toBe('frozen');
  });
});
