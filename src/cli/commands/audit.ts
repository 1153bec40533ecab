import { InvalidArgumentError, type Command } from 'commander';
import { AUDIT_OUTCOMES, type AuditOutcome } from '../../api/enums.js';
import type { AuditQuery, AuditRecord } from '../../api/types.js';
import { oneOf, positiveInt } from '../options.js';
import type { GlobalOptions } from '../session.js';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** An ISO 8601 time, or how long ago: 30m, 24h, 7d. */
export function pointInTime(now: () => number) {
  return (value: string): string => {
    const relative = /^(\d{1,6})([mhd])$/.exec(value);
    if (relative) return new Date(now() - Number(relative[1]) * UNITS[relative[2]!]!).toISOString();
    const ms = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) throw new InvalidArgumentError('must be a time such as 2026-11-23T08:00:00Z or 2026-11-23, or how long ago: 30m, 24h, 7d.');
    return new Date(ms).toISOString();
  };
}

function target(value: string): { type: string; id: string } {
  const match = /^([a-z_]{1,40}):(.{1,100})$/.exec(value);
  if (!match) throw new InvalidArgumentError('must be TYPE:ID, such as account:wal_8Kq2mZ4T or refund:rfd_…');
  return { type: match[1]!, id: match[2]! };
}

interface AuditOptions {
  actor?: string;
  target?: { type: string; id: string };
  action?: string;
  outcome?: AuditOutcome;
  since?: string;
  until?: string;
  limit: number;
  cursor?: string;
  json?: boolean;
}

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('Read the audit log, newest first (supervisors and admins)')
    .option('--actor <agent>', 'what one agent did: an agent id, or me')
    .option('--target <type:id>', 'what happened to one thing, e.g. account:wal_8Kq2mZ4T', target)
    .option('--action <action>', 'an action (refund.approve), or an area (refund.*)')
    .option('--outcome <outcome>', AUDIT_OUTCOMES.join(' | '), oneOf(AUDIT_OUTCOMES))
    .option('--since <time>', 'from this time on: ISO 8601, or 30m, 24h, 7d ago', pointInTime(Date.now))
    .option('--until <time>', 'before this time: ISO 8601, or 30m, 24h, 7d ago', pointInTime(Date.now))
    .option('-L, --limit <n>', 'how many entries (1-10000)', positiveInt(10_000), 50)
    .option('--cursor <cursor>', 'continue after a previous page (from --json nextCursor)')
    .option('--json', 'print {data, nextCursor} as JSON')
    .addHelpText('after', '\nExamples:\n  $ support audit --target account:wal_8Kq2mZ4T\n  $ support audit --action refund.* --since 24h\n  $ support audit --outcome denied --json | jq \'.data[].action\'')
    .action(async (options: AuditOptions, command: Command) => {
      const { authenticatedClient } = await import('../session.js');
      const client = authenticatedClient(command.optsWithGlobals<GlobalOptions>());
      const actor = options.actor === 'me' ? (await client.me.get()).agent.id : options.actor;
      const query: AuditQuery = {
        ...(actor ? { actor } : {}),
        ...(options.target ? { targetType: options.target.type, targetId: options.target.id } : {}),
        ...(options.action ? { action: options.action } : {}),
        ...(options.outcome ? { outcome: options.outcome } : {}),
        ...(options.since ? { since: options.since } : {}),
        ...(options.until ? { until: options.until } : {}),
      };
      const { collectPages } = await import('../../client/collect-pages.js');
      const { data, nextCursor } = await collectPages((page) => client.audit.list({ ...query, ...page }), options);
      const { printJson, note } = await import('../output/terminal.js');
      if (options.json) {
        printJson({ data, nextCursor });
        return;
      }
      if (!data.length) {
        note('no audit entries match');
        return;
      }
      const { renderTable } = await import('../output/table.js');
      process.stdout.write(
        renderTable<AuditRecord>(
          [
            // On a narrow terminal the reason is cut first and the actor's name next; ids, times and
            // outcomes stay whole, and the actor goes before anything else does.
            { header: 'WHEN', value: (r) => r.at.replace('T', ' ').slice(0, 19), minWidth: Infinity },
            { header: 'ACTOR', value: (r) => (r.actor ? `${r.actor.name ?? r.actor.id} (${r.actor.role ?? '?'})` : 'system'), maxWidth: 24, minWidth: 10, drop: 1 },
            { header: 'ACTION', value: (r) => r.action, minWidth: 12 },
            { header: 'TARGET', value: (r) => `${r.target.type}:${r.target.id}`, minWidth: Infinity },
            { header: 'OUTCOME', value: (r) => r.outcome, minWidth: Infinity },
            { header: 'REASON', value: (r) => r.reason ?? '', flexible: true },
          ],
          data,
        ),
      );
      (await import('../output/more-hint.js')).printMoreHint(nextCursor);
    });
}
