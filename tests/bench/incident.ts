import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { SupportClient } from '../../src/client/support-client.js';
import { BIN } from './lib/paths.js';
import { loggedInHome, startBenchServer } from './lib/processes.js';
import { round } from './lib/stats.js';

export interface IncidentResult {
  conversations: number;
  concurrency: number;
  /** The server's own throughput on POST /v1/conversations/:id/messages (autocannon). */
  serverMessagesPerSecond: number;
  /** `support incident broadcast … --yes` from start to exit, one message per linked conversation. */
  broadcastPerSecond: number;
  broadcastSeconds: number;
  ratio: number;
  /** Peak RSS of the CLI process during the broadcast. */
  cliPeakMb: number;
  /** Conversations holding the update, and how many hold it more than once (must be 0). */
  delivered: number;
  duplicates: number;
}

/** Runs the real binary and polls its peak RSS until it exits. */
async function runMeasured(args: string[], env: Record<string, string>) {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
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
  return { seconds: (performance.now() - started) / 1000, peakKb, stdout, stderr, code };
}

/**
 * An incident broadcast to `conversations` linked conversations on a local SQLite server, against the
 * server's own message throughput measured on the same desk first (autocannon, `concurrency`
 * connections, one reply per request to conversations that are not linked later).
 */
export async function incidentBroadcast(conversations = 10_000, concurrency = 8): Promise<IncidentResult> {
  const server = await startBenchServer({ conversations: conversations * 2 });
  try {
    const admin = new SupportClient({ baseUrl: server.url });
    const { token } = await admin.auth.login('admin@example.com', 'demo');
    const client = new SupportClient({ baseUrl: server.url, token });
    const ids = (await client.queue.listAll({}, conversations * 2)).map((c) => c.id).sort((a, b) => a - b);
    const direct = ids.slice(conversations);
    const linked = ids.slice(0, conversations);

    let next = 0;
    const started = performance.now();
    const load = await autocannon({
      url: server.url,
      connections: concurrency,
      amount: conversations,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const i = next++;
            return {
              ...request,
              path: `/v1/conversations/${direct[i % direct.length]}/messages`,
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ body: `direct bench reply ${i}`, kind: 'reply', clientMessageId: randomUUID() }),
            };
          },
        },
      ],
    });
    if (load.non2xx || load.errors) throw new Error(`the direct load had ${load.non2xx} non-2xx answers and ${load.errors} errors`);
    const serverMessagesPerSecond = load.requests.total / ((performance.now() - started) / 1000);

    const incident = await client.incidents.create({ title: 'Bench outage', description: 'bench', texts: { en: 'We are on it', zh: '正在处理', id: 'Sedang ditangani' } });
    for (let i = 0; i < linked.length; i += 500) await client.incidents.link(incident.id, linked.slice(i, i + 500));

    const run = await runMeasured(['incident', 'broadcast', String(incident.id), '--yes', '--json'], loggedInHome(server.url, 'admin@example.com').env);
    if (run.code !== 0) throw new Error(`incident broadcast exited ${run.code}: ${run.stderr}`);
    const report = JSON.parse(run.stdout) as { sent: number; updateId: number };
    const detail = await client.incidents.get(incident.id);
    const pending = await client.incidents.pendingBroadcast(incident.id);
    return {
      conversations,
      concurrency,
      serverMessagesPerSecond: round(serverMessagesPerSecond, 0),
      broadcastPerSecond: round(report.sent / run.seconds, 0),
      broadcastSeconds: round(run.seconds, 2),
      ratio: round(report.sent / run.seconds / serverMessagesPerSecond, 2),
      cliPeakMb: round(run.peakKb / 1024, 0),
      delivered: report.sent,
      // Every open linked conversation got it (none pending), and the server counted each once.
      duplicates: report.sent - detail.openLinkedCount + pending.remaining,
    };
  } finally {
    await server.stop();
  }
}
