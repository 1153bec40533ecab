/**
 * `npm run bench`: every performance budget of PRODUCT.md measured in one run, each figure beside its
 * budget. Prints the table, writes tests/bench/last-run.json and the README's benchmark section.
 * Options: --runs N (cold-start and first-frame repetitions, default 20), --seconds N (per load test,
 * default 5), --only cold|tui|customer|keys|memory|load|bulk|scale|lookup|reports|calendar|desk|assist|incident, --no-readme, --scale-seconds N (load per engine
 * in the scale test, default 30), --lookup-customers N (desk size of the lookup test, default 1,000,000),
 * --reports-conversations N (desk size of the reports test, default 1,000,000),
 * --desk-conversations N (conversations of the board test, default 1,000,000; 5 % of them open).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { assistBench } from './assist.js';
import { bulkRefunds } from './bulk.js';
import { customerFirstDraw, FRAME_MS } from './customer-screen.js';
import { calendarBench } from './calendar.js';
import { incidentBroadcast } from './incident.js';
import { coldStart } from './cold-start.js';
import { deskBench, type DeskBenchResult } from './desk.js';
import { lookupBench, type LookupResult } from './lookup.js';
import { ROOT } from './lib/paths.js';
import { machine, renderTable, updateReadme, type BudgetRow } from './report.js';
import { reportsBench, type ReportsResult } from './reports.js';
import { scaleBench } from './scale.js';
import { serverLoad } from './server-load.js';
import { firstFrame, keystrokeRender, workspaceMemory } from './tui.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '5' },
    presses: { type: 'string', default: '200' },
    only: { type: 'string' },
    'scale-seconds': { type: 'string', default: '30' },
    'lookup-customers': { type: 'string', default: '1000000' },
    'reports-conversations': { type: 'string', default: '1000000' },
    'desk-conversations': { type: 'string', default: '1000000' },
    'no-readme': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const want = (section: string) => !values.only || values.only.split(',').includes(section);
const round1 = (n: number) => Math.round(n * 10) / 10;
const log = (text: string) => process.stderr.write(`bench: ${text}\n`);

const rows: BudgetRow[] = [];
const figures: Record<string, unknown> = { machine: machine(), startedAt: new Date().toISOString() };

if (want('cold')) {
  log(`cold start, ${runs} runs each…`);
  const r = await coldStart(runs);
  figures['coldStart'] = r;
  rows.push({ what: '`support --version`', figure: `${r.versionMs} ms = ${r.versionRatio} × node -e 0 (${r.nodeMs} ms)`, budget: '≤ 1.5 × node -e 0', within: r.versionRatio <= 1.5 });
  rows.push({ what: '`support queue --json`, local server', figure: `${r.queueJsonMs} ms = ${r.queueJsonRatio} × node -e 0`, budget: '≤ 3 × node -e 0', within: r.queueJsonRatio <= 3 });
}

if (want('tui')) {
  const frameRuns = Math.max(10, Math.round(runs / 2));
  log(`first frame with queue data, ${frameRuns} runs each…`);
  const r = await firstFrame(frameRuns);
  figures['firstFrame'] = r;
  rows.push({ what: 'TUI: first frame with queue data', figure: `${r.workspaceMs} ms = ${r.ratio} × Ink hello-world (${r.helloMs} ms)`, budget: '≤ 1.5 × Ink hello-world', within: r.ratio <= 1.5 });
}

if (want('customer')) {
  log(`customer screen: first draw with its data, ${runs} runs…`);
  const r = await customerFirstDraw(runs);
  figures['customerScreen'] = r;
  rows.push({
    what: `TUI: customer screen's first draw with its data (${r.transactions} transactions)`,
    figure: `median ${r.medianMs} ms, p95 ${r.p95Ms} ms after the answers reach the store (CPU median ${r.cpuMedianMs} ms, p95 ${r.cpuP95Ms} ms; Ink's own render ${r.inkMedianMs} ms)`,
    budget: `≤ 1 frame (${round1(FRAME_MS)} ms) after the response`,
    within: r.p95Ms <= FRAME_MS,
  });
}

if (want('keys')) {
  const presses = Number(values.presses);
  const results = [];
  for (const n of [100, 1000, 10_000]) {
    log(`render after a keystroke, ${n} conversations…`);
    results.push(await keystrokeRender(n, presses));
  }
  figures['keystrokeRender'] = results;
  const small = results[0]!;
  const large = results[2]!;
  const ratio = Math.round((large.medianMs / small.medianMs) * 100) / 100;
  rows.push({
    what: 'TUI: render after a keystroke, 10,000 conversations',
    figure: `median ${large.medianMs} ms, p95 ${large.p95Ms} ms; ${ratio} × the 100 case (${small.medianMs} ms); 1,000: ${results[1]!.medianMs} ms`,
    budget: '≤ 8 ms, and ≤ 1.5 × with 100',
    within: large.medianMs <= 8 && ratio <= 1.5,
  });
}

if (want('memory')) {
  log('memory with 10,000 conversations…');
  const r = await workspaceMemory(10_000);
  figures['memory'] = r;
  rows.push({ what: 'TUI memory, 10,000 conversations', figure: `${r.rssMb} MB RSS`, budget: '≤ 150 MB RSS', within: r.rssMb <= 150 });
}

if (want('load')) {
  const seconds = Number(values.seconds);
  log(`server load, ${seconds} s per endpoint (SQLite)…`);
  const sqlite = await serverLoad(seconds);
  figures['serverLoad'] = { sqlite };
  for (const r of sqlite) {
    rows.push({ what: `server (SQLite): ${r.endpoint}`, figure: `${r.requestsPerSecond} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms${r.errors || r.non2xx ? `, ${r.errors} errors, ${r.non2xx} non-2xx` : ''}`, budget: 'reference', within: undefined });
  }
  const postgres = process.env['SUPPORT_TEST_DATABASE_URL'];
  if (postgres) {
    log(`server load, ${seconds} s per endpoint (PostgreSQL)…`);
    const pg = await serverLoad(seconds, { postgres });
    (figures['serverLoad'] as Record<string, unknown>)['postgres'] = pg;
    for (const r of pg) rows.push({ what: `server (PostgreSQL): ${r.endpoint}`, figure: `${r.requestsPerSecond} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms`, budget: 'reference', within: undefined });
  }
}

if (want('bulk')) {
  log('bulk refund of 10,000 rows against the server’s own refund throughput (SQLite)…');
  const r = await bulkRefunds();
  figures['bulk'] = r;
  rows.push({
    what: 'bulk refund of 10,000 rows, local SQLite server',
    figure: `${r.cliRowsPerSecond} rows/s end to end (${r.cliSeconds} s, validation included; run phase ${r.cliRunRowsPerSecond} rows/s) = ${Math.round(r.ratio * 100)} % of the server’s ${r.serverRefundsPerSecond} refunds/s (run phase ${Math.round(r.runRatio * 100)} %)`,
    budget: '≥ 60 % of the server’s own throughput',
    within: r.ratio >= 0.6,
  });
  rows.push({
    what: 'bulk refund: CLI peak RSS, 1,000 vs 10,000 rows',
    figure: `${r.rssMb.small} MB vs ${r.rssMb.large} MB`,
    budget: 'flat in the file’s size',
    within: r.rssMb.large <= r.rssMb.small * 1.25,
  });
}

if (want('incident')) {
  log('incident broadcast to 10,000 linked conversations against the server’s own message throughput (SQLite)…');
  const r = await incidentBroadcast();
  figures['incident'] = r;
  rows.push({
    what: 'incident broadcast to 10,000 linked conversations, local SQLite server',
    figure: `${r.broadcastPerSecond} messages/s end to end (${r.broadcastSeconds} s) = ${Math.round(r.ratio * 100)} % of the server’s ${r.serverMessagesPerSecond} replies/s; ${r.delivered} delivered, ${r.duplicates} twice; CLI peak ${r.cliPeakMb} MB`,
    budget: '≥ 60 % of the server’s message throughput, each once',
    within: r.ratio >= 0.6 && r.duplicates === 0,
  });
}

if (want('scale')) {
  const postgres = process.env['SUPPORT_TEST_DATABASE_URL'];
  const options = { conversations: 20_000, agents: 200, seconds: Number(values['scale-seconds']), ...(postgres ? { postgres } : {}) };
  log(`scale: 20,000 conversations, 200 agents claiming and replying, ${options.seconds} s per engine (PostgreSQL × 3 instances${postgres ? '' : ': skipped, SUPPORT_TEST_DATABASE_URL not set'}; SQLite × 1)…`);
  const r = await scaleBench(options);
  figures['scale'] = r;
  for (const x of [r.postgres, r.sqlite]) {
    if (x === 'skipped') {
      rows.push({ what: 'scale: PostgreSQL × 3 instances', figure: 'skipped (SUPPORT_TEST_DATABASE_URL not set)', budget: 'no double assignment, no reply lost or duplicated', within: undefined });
      continue;
    }
    const name = x.engine === 'postgres' ? `PostgreSQL × ${x.instances} instances` : `SQLite × ${x.instances} instance`;
    rows.push({
      what: `scale: ${name}, ${x.agents} agents, ${x.conversations.toLocaleString('en')} conversations`,
      figure: `${x.opsPerSecond} ops/s (${x.claims} claims + ${x.replies} replies in ${x.seconds} s), p50 ${x.p50Ms} ms, p99 ${x.p99Ms} ms; ${x.doubleAssignments} double assignments, ${x.lostReplies} lost, ${x.duplicatedReplies} duplicated, ${x.errors} errors`,
      budget: 'no double assignment, no reply lost or duplicated',
      within: x.doubleAssignments === 0 && x.lostReplies === 0 && x.duplicatedReplies === 0 && x.errors === 0,
    });
  }
}

if (want('lookup')) {
  const customers = Number(values['lookup-customers']);
  const postgres = process.env['SUPPORT_TEST_DATABASE_URL'];
  const results: LookupResult[] = [];
  for (const engine of ['sqlite', 'postgres'] as const) {
    const size = `${customers.toLocaleString('en')} customers, ${(customers * 3).toLocaleString('en')} transactions`;
    if (engine === 'postgres' && !postgres) {
      rows.push({ what: `lookup (PostgreSQL), ${size}`, figure: 'skipped (SUPPORT_TEST_DATABASE_URL not set)', budget: 'id p95 ≤ 20 ms, name p95 ≤ 100 ms', within: undefined });
      continue;
    }
    log(`lookup: ${size} (${engine})…`);
    const r = await lookupBench(engine, customers, { ...(postgres ? { postgres } : {}), log });
    results.push(r);
    log(`lookup (${engine}): ${JSON.stringify(r)}`);
    const name = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const seeded = r.cached ? 'seeded desk reused from the temp folder' : `seeded in ${r.seedSeconds} s`;
    rows.push({ what: `lookup (${name}) by phone, email or id, ${size}`, figure: `p50 ${r.byKey.p50Ms} ms, p95 ${r.byKey.p95Ms} ms over HTTP (${r.byKey.queries} lookups; ${seeded})`, budget: 'p95 ≤ 20 ms', within: r.byKey.p95Ms <= 20 });
    rows.push({ what: `lookup (${name}) by name fragment, ${size}`, figure: `p50 ${r.byName.p50Ms} ms, p95 ${r.byName.p95Ms} ms over HTTP (${r.byName.queries} lookups); GET /v1/me in the same run: p50 ${r.floor.p50Ms} ms, p95 ${r.floor.p95Ms} ms (load average ${r.loadAverage})`, budget: 'p95 ≤ 100 ms', within: r.byName.p95Ms <= 100 });
  }
  figures['lookup'] = results;
}

if (want('reports')) {
  const conversations = Number(values['reports-conversations']);
  const postgres = process.env['SUPPORT_TEST_DATABASE_URL'];
  const results: ReportsResult[] = [];
  for (const engine of ['sqlite', 'postgres'] as const) {
    const name = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const size = `${conversations.toLocaleString('en')} conversations over 90 days, 200 agents`;
    if (engine === 'postgres' && !postgres) {
      rows.push({ what: `reports (PostgreSQL), ${size}`, figure: 'skipped (SUPPORT_TEST_DATABASE_URL not set)', budget: 'each 90-day report ≤ 1 s', within: undefined });
      continue;
    }
    log(`reports: ${size} (${engine})…`);
    const r = await reportsBench(engine, conversations, { ...(postgres ? { postgres } : {}), log });
    results.push(r);
    const slowest = Math.max(...Object.values(r.reports).map((x) => x.maxMs));
    const seeded = r.cached ? 'seeded desk reused from the temp folder' : `seeded in ${r.seedSeconds} s`;
    rows.push({
      what: `reports (${name}), each 90-day report, ${size}`,
      figure: `${Object.entries(r.reports).map(([kind, x]) => `${kind} ${x.p50Ms} ms`).join(', ')} (median over HTTP; slowest run ${slowest} ms; ${seeded}; load average ${r.loadAverage})`,
      budget: 'each ≤ 1 s',
      within: slowest <= 1000,
    });
  }
  figures['reports'] = results;
}

if (want('calendar')) {
  log('due times over a year of calendar (30 holidays, split shifts)…');
  const r = calendarBench();
  figures['calendar'] = r;
  rows.push({
    what: 'a due time in business hours over a year’s calendar (30 holidays, split shifts)',
    figure: `${r.warmUsPerCall} µs a call, median of batches, the calendar version compiled once as the server keeps it (${r.calls.toLocaleString('en')} calls); a calendar object seen for the first time every call: ${r.coldUsPerCall} µs`,
    budget: '≤ 0.05 ms',
    within: r.warmUsPerCall <= 50,
  });
}

if (want('desk')) {
  const conversations = Number(values['desk-conversations']);
  const postgres = process.env['SUPPORT_TEST_DATABASE_URL'];
  const results: DeskBenchResult[] = [];
  const size = `200 agents, ${conversations.toLocaleString('en')} conversations (${Math.round(conversations / 20).toLocaleString('en')} open) over 90 days`;
  for (const engine of ['sqlite', 'postgres'] as const) {
    const name = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    if (engine === 'postgres' && !postgres) {
      rows.push({ what: `desk board (${name}), ${size}`, figure: 'skipped (SUPPORT_TEST_DATABASE_URL not set)', budget: 'p95 ≤ 100 ms', within: undefined });
      continue;
    }
    log(`desk: ${size} (${engine})…`);
    const r = await deskBench(engine, conversations, { ...(postgres ? { postgres } : {}), log });
    results.push(r);
    log(`desk (${engine}): ${JSON.stringify(r)}`);
    const seeded = r.cached ? 'seeded desk reused from the temp folder' : `seeded in ${r.seedSeconds} s`;
    rows.push({
      what: `desk board GET /v1/desk (${name}), ${size}`,
      figure: `p50 ${r.board.p50Ms} ms, p95 ${r.board.p95Ms} ms over HTTP (${r.board.queries} boards; ${seeded}); GET /v1/me in the same run: p50 ${r.floor.p50Ms} ms, p95 ${r.floor.p95Ms} ms (load average ${r.loadAverage})`,
      budget: 'p95 ≤ 100 ms',
      within: r.board.p95Ms <= 100,
    });
  }
  figures['desk'] = results;
}

if (want('assist')) {
  const r = await assistBench({ log });
  figures['assist'] = r;
  for (const [language, a] of Object.entries(r.accuracy)) {
    rows.push({
      what: `assist: evaluation set, ${language} (${a.cases} messages)`,
      figure: `top-1 ${a.top1} %, top-3 ${a.top3} %, category ${a.category} %, language ${a.language} %`,
      budget: 'top-3 ≥ 90 %, category ≥ 90 %',
      within: a.top3 >= 90 && a.category >= 90,
    });
  }
  const s = r.scale;
  rows.push({
    what: `assist: a suggestion, ${s.macros.toLocaleString('en')} macros, ${s.replies.toLocaleString('en')} past replies`,
    figure: `server-side p50 ${s.serverP50Ms} ms, p95 ${s.serverP95Ms} ms (CPU time p50 ${s.serverCpuP50Ms} ms, p95 ${s.serverCpuP95Ms} ms); over HTTP p50 ${s.httpP50Ms} ms, p95 ${s.httpP95Ms} ms (${s.queries} suggestions; index built in ${s.buildSeconds} s)`,
    budget: 'p95 ≤ 20 ms',
    within: s.serverP95Ms <= 20,
  });
}

const table = renderTable(rows);
process.stdout.write(`\n${table}\n\n${machine()}\n`);
figures['finishedAt'] = new Date().toISOString();
figures['table'] = rows;
writeFileSync(join(ROOT, 'tests/bench/last-run.json'), `${JSON.stringify(figures, null, 2)}\n`);
if (!values['no-readme'] && !values.only) updateReadme(table, new Date());
