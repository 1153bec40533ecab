import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefundableTransaction } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { failingProxy, type FailingProxy } from '../helpers/failing-http-proxy.js';
import { MoneyFixtures } from '../helpers/money.js';
import { BIN, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';

describe('support bulk: stopped, killed and resumed; a flaky server', () => {
  let server: TestServer;
  let slow: FailingProxy;
  let flaky: FailingProxy;
  let home: string;
  let env: Record<string, string>;
  let admin: SupportClient;
  let fx: MoneyFixtures;
  let n = 0;

  const stateLines = () => {
    const dir = join(env['SUPPORT_DATA_DIR']!, 'bulk');
    if (!existsSync(dir)) return 0;
    return readdirSync(dir)
      .filter((f) => f.endsWith('.state.jsonl'))
      .reduce((sum, f) => sum + readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).length, 0);
  };
  const clearState = () => rmSync(join(env['SUPPORT_DATA_DIR']!, 'bulk'), { recursive: true, force: true });

  /** count payments of `amount` IDR each, from one wallet, posted a few at a time. */
  async function payments(count: number, amount: number): Promise<RefundableTransaction[]> {
    const { id } = await fx.account('IDR');
    await admin.accounts.postTransaction(id, { type: 'top_up', amount: amount * count, currency: 'IDR', counterparty: 'Test top-up' });
    const out: RefundableTransaction[] = [];
    for (let i = 0; i < count; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, count - i) }, () => admin.accounts.postTransaction(id, { type: 'payment', amount, currency: 'IDR', counterparty: 'Test merchant' })),
      );
      out.push(...batch.map((b) => b.result.transaction));
    }
    return out;
  }

  function refundFile(txns: RefundableTransaction[]): string {
    const path = join(home, `${++n}-refunds.csv`);
    writeFileSync(path, ['transaction,amount,currency,reason,note', ...txns.map((t, i) => `${t.id},${i % 2 ? '' : '100'},${i % 2 ? '' : 'IDR'},service_issue,row ${i}`), ''].join('\n'));
    return path;
  }

  /** Every payment of the file was refunded exactly once: one refund.create in the audit log, the right amount. */
  async function expectEachRefundedOnce(txns: RefundableTransaction[], amount: number) {
    const audit = await admin.audit.listAll({ action: 'refund.create' });
    const byTxn = new Map<string, number>();
    for (const record of audit) {
      const txn = (record.after as { transactionId?: string } | null)?.transactionId;
      if (txn) byTxn.set(txn, (byTxn.get(txn) ?? 0) + 1);
    }
    const counts = txns.map((t) => byTxn.get(t.id) ?? 0);
    expect(counts.filter((c) => c !== 1)).toEqual([]);
    const refunded = await Promise.all(txns.map((t) => fx.refunded(t.id)));
    expect(refunded).toEqual(txns.map((_, i) => (i % 2 ? amount : 100)));
  }

  function start(args: string[]) {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (c: Buffer) => (out.stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out.stderr += c.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    return { child, out, exited };
  }

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    slow = await failingProxy(server.url, { delayMs: 15 });
    flaky = await failingProxy(server.url, { every: 10, throttleEvery: 47 });
    home = mkdtempSync(join(tmpdir(), 'support-cli-bulk-resume-'));
    env = { SUPPORT_CONFIG_DIR: join(home, 'config'), SUPPORT_DATA_DIR: join(home, 'data') };
    for (const [url, profile] of [
      [slow.url, 'default'],
      [flaky.url, 'flaky'],
    ] as const) {
      const login = await runCli(['login', '--api', url, '--email', 'admin@example.com', '--password-stdin', '--profile', profile], { env, input: 'demo' });
      expect(login.code).toBe(0);
    }
    admin = await server.login('admin@example.com');
    fx = new MoneyFixtures(server, admin);
  }, 60_000);
  afterAll(async () => {
    await slow.close();
    await flaky.close();
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('kill -9 in the middle, then --resume: every row applied exactly once', async () => {
    clearState();
    const txns = await payments(240, 500);
    const path = refundFile(txns);
    const run = start(['bulk', 'refund', '--file', path, '--yes', '--concurrency', '4']);
    await waitFor(() => stateLines() >= 40, { timeoutMs: 15_000, describe: () => run.out.stderr });
    run.child.kill('SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    const finished = stateLines();
    expect(finished).toBeLessThan(txns.length);

    const resumed = await runCli(['bulk', 'refund', '--file', path, '--yes', '--resume', '--json', '--concurrency', '4'], { env, timeoutMs: 30_000 });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/^resuming: \d+ rows were finished before and are not sent again\n/);
    const outcomes = resumed.stdout.trim().split('\n').map((l) => JSON.parse(l) as { row: number; outcome: string });
    expect(outcomes).toHaveLength(txns.length);
    expect(new Set(outcomes.map((o) => o.row)).size).toBe(txns.length);
    expect(outcomes.filter((o) => o.outcome === 'failed')).toEqual([]);
    await expectEachRefundedOnce(txns, 500);
  }, 60_000);

  it('Ctrl+C stops cleanly (exit 130, in-flight rows finish, how to resume) and --resume finishes the rest', async () => {
    clearState();
    const txns = await payments(200, 700);
    const path = refundFile(txns);
    const reportPath = join(home, 'stopped-report.jsonl');
    const run = start(['bulk', 'refund', '--file', path, '--yes', '--concurrency', '4', '--report', reportPath]);
    await waitFor(() => stateLines() >= 30, { timeoutMs: 15_000, describe: () => run.out.stderr });
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect(code).toBe(130);
    expect(run.out.stderr).toContain('stopping: no new rows start; waiting for the rows in flight');
    expect(run.out.stderr).toMatch(/error: stopped by Ctrl\+C: \d+ rows not done \(\d+ not started\)\nrun the same command with --resume to continue/);
    // A clean stop leaves nothing in flight: what the state says is done is exactly what the server did.
    const done = stateLines();
    expect(done).toBeLessThan(txns.length);
    const applied = (await admin.audit.listAll({ action: 'refund.create' })).filter((r) => txns.some((t) => t.id === (r.after as { transactionId?: string }).transactionId));
    expect(applied).toHaveLength(done);
    // The report of the stopped run holds every row it finished, and only those.
    const reported = readFileSync(reportPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { outcome: string });
    expect([reported.length, reported.every((r) => r.outcome === 'ok')]).toEqual([done, true]);

    const resumed = await runCli(['bulk', 'refund', '--file', path, '--yes', '--resume'], { env, timeoutMs: 30_000 });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`resuming: ${done} rows were finished before and are not sent again\n`);
    expect(resumed.stderr).toContain(`bulk refund: ${txns.length - done} rows: ${txns.length - done} ok, 0 skipped, 0 failed (${done} finished before)`);
    await expectEachRefundedOnce(txns, 700);
  }, 60_000);

  it('a server failing 10 % of requests (before or after doing the work) and throttling some (429 Retry-After): every row once, none failed', async () => {
    clearState();
    const txns = await payments(120, 900);
    const path = refundFile(txns);
    const before = { ...flaky.stats };
    const result = await runCli(['bulk', 'refund', '--file', path, '--yes', '--profile', 'flaky', '--report', join(home, 'flaky.csv')], { env, timeoutMs: 60_000 });
    expect(result.stderr).toMatch(/bulk refund: 120 rows: \d+ ok, \d+ skipped, 0 failed/);
    expect(result.code).toBe(0);
    expect(flaky.stats.failedBefore - before.failedBefore).toBeGreaterThan(5);
    expect(flaky.stats.failedAfter - before.failedAfter).toBeGreaterThan(5);
    expect(flaky.stats.throttled - before.throttled).toBeGreaterThan(2);
    await expectEachRefundedOnce(txns, 900);
  }, 90_000);
});
