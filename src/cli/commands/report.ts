import { InvalidArgumentError, type Command } from 'commander';
import { REPORT_KINDS, type ReportKind } from '../../api/enums.js';
import { usageError } from '../output/cli-error.js';
import { oneOf } from '../options.js';
import type { GlobalOptions } from '../session.js';

interface ReportOptions {
  from?: string;
  to?: string;
  team?: string;
  by?: 'hour' | 'day' | 'week';
  tz?: string;
  agent?: string;
  json?: boolean;
  csv?: boolean;
}

/** A calendar date, or today / yesterday / -N (N days ago), in the report's zone. */
function dateOption(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) || /^(today|yesterday|-\d{1,3})$/.test(value)) return value;
  throw new InvalidArgumentError('use a date such as 2026-11-23, today, yesterday or -30 (30 days ago).');
}

function resolveDate(value: string | undefined, timeZone: string): string | undefined {
  if (value === undefined || /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const daysAgo = value === 'today' ? 0 : value === 'yesterday' ? 1 : -Number(value);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('Reports over a date range: sla, volume (with the weekday × hour heatmap), agents, csat, complaints, refunds')
    .argument('<kind>', REPORT_KINDS.join(', '), oneOf(REPORT_KINDS))
    .option('--from <date>', 'first local day (YYYY-MM-DD, today, yesterday, -N); default: 6 days before --to', dateOption)
    .option('--to <date>', 'last local day, included (default: today)', dateOption)
    .option('--team <team>', 'only this team')
    .option('--by <grain>', 'group the series by hour, day or week', oneOf(['hour', 'day', 'week'] as const), 'day')
    .option('--tz <zone>', 'IANA time zone the days are read in (default: this computer’s)')
    .option('--agent <id>', 'agents report: one agent (an agent always sees their own)')
    .option('--json', 'print the report as JSON')
    .option('--csv', "print the report's table as CSV (raw numbers: milliseconds, minor units)")
    .addHelpText(
      'after',
      '\nSupervisors and admins; an agent runs `support report agents` for their own stats.\n\nExamples:\n  $ support report volume --from -89 --tz Asia/Jakarta\n  $ support report sla --from 2026-11-01 --to 2026-11-30 --team payments --by week\n  $ support report agents --from -30 --csv > agents.csv\n  $ support report csat --json | jq .totals.average',
    )
    .action(async (kind: ReportKind, options: ReportOptions, command: Command) => {
      if (options.json && options.csv) throw usageError('use either --json or --csv, not both');
      if (options.agent !== undefined && kind !== 'agents') throw usageError('--agent is for the agents report');
      const timeZone = options.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
      const { authenticatedClient } = await import('../session.js');
      const api = await authenticatedClient(command.optsWithGlobals<GlobalOptions>());
      const from = resolveDate(options.from, timeZone);
      const to = resolveDate(options.to, timeZone);
      const report = await api.reports.get(kind, {
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(options.team ? { team: options.team } : {}),
        ...(options.by ? { by: options.by } : {}),
        tz: timeZone,
        ...(options.agent ? { agentId: options.agent } : {}),
      });
      const { print, printJson } = await import('../output/terminal.js');
      if (options.json) {
        printJson(report);
        return;
      }
      const { renderReport, reportCsv } = await import('../views/report-view.js');
      print((options.csv ? reportCsv(kind, report) : renderReport(kind, report)).replace(/\n$/, ''));
    });
}
