import type { Command } from 'commander';
import { CATEGORIES, type Category } from '../../api/enums.js';
import { usageError } from '../output/cli-error.js';
import { categoryList, fraction, oneOf, port, positiveInt } from '../options.js';

interface ServerOptions {
  port: number;
  host: string;
  db?: string;
  databaseUrl?: string;
  demo?: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  trustProxy?: boolean;
  simulate: boolean;
  complaintReplyDays?: number;
  region?: string;
  poolSize?: number;
  drainSeconds?: number;
  assignOnReply: boolean;
  autoTriage?: boolean;
  autoAnswer?: boolean;
  autoAnswerThreshold?: number;
  autoAnswerCategories?: Category[];
}

export function registerServerCommand(program: Command): void {
  program
    .command('server')
    .description('Run the reference Support API (SQLite by default, PostgreSQL with --database-url)')
    .option('-p, --port <port>', 'port to listen on', port, 4000)
    .option('--host <host>', 'address to bind (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--db <file>', 'SQLite database file (default: support.db in the data folder)')
    .option('--database-url <url>', 'PostgreSQL URL instead of SQLite (or SUPPORT_DATABASE_URL)')
    .option('--demo', 'fill an empty database with the demo desk (agents, customers, wallets, conversations)')
    .option('--no-simulate', 'with --demo: no simulated customers (by default one writes, or a conversation arrives, every few seconds)')
    .option('--log-level <level>', 'request log level on stdout', oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const), 'info')
    .option('--pool-size <n>', 'PostgreSQL: connections in this instance\'s pool (default 10; one more is kept for LISTEN)', positiveInt(1000))
    .option('--trust-proxy', 'behind a load balancer: take client addresses (login rate limit, logs) from X-Forwarded-For')
    .option('--drain-seconds <s>', 'on SIGTERM: how long requests in flight may take before connections are cut (default 10)', positiveInt(3600))
    .option('--no-assign-on-reply', 'an agent\'s reply to an unassigned conversation leaves it unassigned (by default it becomes theirs)')
    .option('--auto-triage', 'default of the desk setting: new conversations get the category and priority their first message points to (noted in the thread; off by default)')
    .option('--auto-answer', 'default of the desk setting: a new conversation whose top suggestion is a confident macro of an allowed category gets its answer at once and waits as pending (off by default)')
    .option('--auto-answer-threshold <score>', 'default of the desk setting: the lowest top-suggestion score (0-1) answered automatically (default 0.6)', fraction)
    .option('--auto-answer-categories <list>', `default of the desk setting: categories answered automatically, comma-separated (default refund,transfer_delay,international,payment_failed; from ${CATEGORIES.join(', ')})`, categoryList)
    .option('--region <code>', 'ISO 3166 region national phone numbers are read in, e.g. ID, SG, MY (or SUPPORT_DEFAULT_REGION; default ID)')
    .option('--complaint-reply-days <days>', 'days the desk has to answer a complaint or a second review (default 7)', positiveInt(365))
    .addHelpText(
      'after',
      [
        '',
        'Environment:',
        '  SUPPORT_DATABASE_URL   PostgreSQL URL, when --database-url is not given',
        '  SUPPORT_DEFAULT_REGION region of national phone numbers, when --region is not given',
        '',
        'Several instances may share one PostgreSQL database behind a load balancer: live events reach every',
        'instance (LISTEN/NOTIFY), and rate limits and idempotency keys are kept in the database. Probes:',
        'GET /health (liveness) and GET /ready (database reachable, migrations applied, not draining).',
        'SIGTERM drains: stop accepting, finish requests in flight, end event streams with a retry hint.',
        '',
        'Automatic triage and answers are desk settings an admin changes at runtime, without a restart',
        '(`support desk settings set`, PATCH /v1/desk/settings). What the desk set wins; the --auto-*',
        'flags are the defaults of the settings it has not set (`support desk settings` shows which).',
        '',
        'Examples:',
        '  $ support server --demo',
        '  $ support server --demo --auto-triage --auto-answer --auto-answer-threshold 0.7 --auto-answer-categories refund,transfer_delay',
        '  $ support server --port 8080 --database-url postgres://support@db/support',
        '  $ SUPPORT_DATABASE_URL=postgres://support@db/support support server --host 0.0.0.0 --trust-proxy --pool-size 20',
      ].join('\n'),
    )
    .action(async (options: ServerOptions) => {
      const databaseUrl = options.databaseUrl ?? process.env['SUPPORT_DATABASE_URL'];
      if (databaseUrl && options.db) throw usageError('use either --db (SQLite) or --database-url (PostgreSQL), not both');
      if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw usageError('--database-url must start with postgres:// or postgresql://');
      if (options.poolSize && !databaseUrl) throw usageError('--pool-size applies to PostgreSQL (--database-url); SQLite has one connection');
      const region = (options.region ?? process.env['SUPPORT_DEFAULT_REGION'])?.toUpperCase();
      if (region !== undefined && !/^[A-Z]{2}$/.test(region)) throw usageError('--region must be a two-letter ISO 3166 code such as ID, SG or MY');
      const { join, dirname } = await import('node:path');
      const { mkdirSync } = await import('node:fs');
      const { dataDir } = await import('../config/paths.js');
      const file = options.db ?? join(dataDir(), 'support.db');
      if (!databaseUrl) mkdirSync(dirname(file), { recursive: true });
      const { startServer } = await import('../../server/start.js');
      const server = await startServer({
        store: databaseUrl
          ? { engine: 'postgres', url: databaseUrl, ...(options.poolSize ? { poolSize: options.poolSize } : {}) }
          : { engine: 'sqlite', file },
        port: options.port,
        host: options.host,
        demo: options.demo ?? false,
        simulate: (options.demo ?? false) && options.simulate,
        trustProxy: options.trustProxy ?? false,
        settings: {
          ...(options.complaintReplyDays ? { complaintReplyWindowMs: options.complaintReplyDays * 86_400_000 } : {}),
          ...(options.drainSeconds ? { drainTimeoutMs: options.drainSeconds * 1000 } : {}),
          assignOnReply: options.assignOnReply,
          autoTriage: options.autoTriage ?? false,
          autoAnswer: options.autoAnswer ?? false,
          ...(options.autoAnswerThreshold !== undefined ? { autoAnswerThreshold: options.autoAnswerThreshold } : {}),
          ...(options.autoAnswerCategories ? { autoAnswerCategories: options.autoAnswerCategories } : {}),
          ...(region ? { defaultRegion: region } : {}),
        },
        logger: options.logLevel === 'silent' ? false : { level: options.logLevel, redact: ['req.headers.authorization'] },
      });
      const where = databaseUrl ? `PostgreSQL ${databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}` : `SQLite ${file}`;
      const lines = [`Support API listening on ${server.url} (${where})`, `OpenAPI document: ${server.url}/openapi.json`];
      if (options.demo) {
        const { DEMO_AGENTS, DEMO_PASSWORD } = await import('../../server/demo/seed.js');
        lines.push(server.seeded?.seeded ? 'Demo desk created. Log in as:' : 'Database already had data; demo agents (if it is a demo database):');
        for (const a of DEMO_AGENTS) lines.push(`  ${a.email.padEnd(20)} ${a.role.padEnd(11)} password ${DEMO_PASSWORD}`);
        lines.push(`Then: support login --api ${server.url} --email agent@example.com`);
        if (options.simulate) lines.push('Simulated customers write every few seconds (--no-simulate turns them off).');
      }
      process.stderr.write(`${lines.join('\n')}\n`);
      await new Promise<void>((resolve) => {
        let signalled = false;
        const stop = (signal: NodeJS.Signals) => {
          if (signalled) process.exit(signal === 'SIGINT' ? 130 : 143);
          signalled = true;
          process.stderr.write('draining: finishing requests in flight (a second signal stops at once)…\n');
          void server.close().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
