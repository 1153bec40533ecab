import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SupportClient } from '../../src/client/support-client.js';
import { BIN } from './lib/paths.js';
import { loggedInHome, startBenchServer } from './lib/processes.js';
import { round } from './lib/stats.js';

export interface BulkResult {
  rows: number;
  concurrency: number;
  /** The server's own refund throughput: autocannon, same concurrency, one new payment per request. */
  serverRefundsPerSecond: number;
  /** `support bulk refund` from start to exit (validation included). */
  cliRowsPerSecond: number;
  cliSeconds: number;
  /** The run phase alone, as the CLI's summary line reports it. */
  cliRunRowsPerSecond: number;
  ratio: number;
  runRatio: number;
  /** Peak RSS of the CLI process. */
  rssMb: { small: number; large: number; smallRows: number };
}

/** Runs the real binary, polling its peak RSS (VmHWM) until it exits. */
async function runMeasured(args: string[], env: Record<string, string>): Promise<{ seconds: number; peakKb: number; stderr: string; code: number | null }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // The process has just exited.
    }
  }, 20);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(poll);
  return { seconds: (performance.now() - started) / 1000, peakKb, stderr, code };
}

function refundCsv(dir: string, name: string, ids: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, ['transaction,amount,currency,reason,note', ...ids.map((id, i) => `${id},${i % 2 ? '' : '2500'},${i % 2 ? '' : 'IDR'},service_issue,bulk bench row ${i}`), ''].join('\n'));
  return path;
}

/**
 * Bulk refunds against a local SQLite server: the server's own throughput on POST /v1/refunds (direct
 * concurrent load, `concurrency` connections), then `support bulk refund` of `rows` rows at the same
 * concurrency, and the CLI's peak RSS for a small and a large file (it streams: flat memory).
 */
export async function bulkRefunds(rows = 10_000, concurrency = 8, smallRows = 1_000): Promise<BulkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'support-bench-bulk-'));
  // Each measurement on a fresh server with its own payments: a refund's daily-limit check sums the
  // refunds its requester made in the last 24 hours (an index read since 008, still one entry per
  // refund), so sharing one server would favour whichever ran first.
  const withServer = async <T>(payments: number, work: (url: string, ids: string[]) => Promise<T>): Promise<T> => {
    const paymentsFile = join(dir, `payments-${payments}.txt`);
    const server = await startBenchServer({ payments, paymentsFile });
    try {
      return await work(server.url, readFileSync(paymentsFile, 'utf8').trim().split('\n'));
    } finally {
      await server.stop();
    }
  };
  try {
    const serverRefundsPerSecond = await withServer(rows, async (url, ids) => {
      const { token } = await new SupportClient({ baseUrl: url }).auth.login('admin@example.com', 'demo');
      let next = 0;
      const started = performance.now();
      const load = await autocannon({
        url,
        connections: concurrency,
        amount: rows,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        requests: [
          {
            method: 'POST',
            path: '/v1/refunds',
            setupRequest: (request) => {
              const i = next++;
              return {
                ...request,
                headers: { ...request.headers, authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
                body: JSON.stringify({ transactionId: ids[i % ids.length], ...(i % 2 ? {} : { amount: 2500 }), reason: 'service_issue', note: `direct bench row ${i}` }),
              };
            },
          },
        ],
      });
      if (load.non2xx || load.errors) throw new Error(`the direct load had ${load.non2xx} non-2xx answers and ${load.errors} errors`);
      // Wall time around the whole load, as the CLI's is measured (autocannon's own figures agree).
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(`bench: direct load ${load.requests.total} refunds in ${seconds.toFixed(1)} s (autocannon: ${load.duration} s, average ${load.requests.average} req/s)\n`);
      return load.requests.total / seconds;
    });
    const cliRun = (ids: string[], url: string, name: string) =>
      runMeasured(['bulk', 'refund', '--file', refundCsv(dir, name, ids), '--yes', '--concurrency', String(concurrency)], loggedInHome(url, 'admin@example.com').env);
    const large = await withServer(rows, (url, ids) => cliRun(ids, url, 'large.csv'));
    if (large.code !== 0) throw new Error(`bulk refund exited ${large.code}: ${large.stderr}`);
    const small = await withServer(smallRows, (url, ids) => cliRun(ids, url, 'small.csv'));
    if (small.code !== 0) throw new Error(`bulk refund (small) exited ${small.code}: ${small.stderr}`);
    const runRate = Number(/\((\d+) rows\/s\)\n$/.exec(large.stderr)?.[1] ?? Number.NaN);
    const cliRowsPerSecond = rows / large.seconds;
    return {
      rows,
      concurrency,
      serverRefundsPerSecond: round(serverRefundsPerSecond, 0),
      cliRowsPerSecond: round(cliRowsPerSecond, 0),
      cliSeconds: round(large.seconds, 2),
      cliRunRowsPerSecond: runRate,
      ratio: round(cliRowsPerSecond / serverRefundsPerSecond, 2),
      runRatio: round(runRate / serverRefundsPerSecond, 2),
      rssMb: { small: round(small.peakKb / 1024, 0), large: round(large.peakKb / 1024, 0), smallRows },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
