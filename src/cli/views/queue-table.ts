import type { SlaState } from '../../api/enums.js';
import { slaState, slaSymbol } from '../../api/sla-state.js';
import type { ViewColumn } from '../../api/queue-views.js';
import type { ConversationSummary } from '../../api/types.js';
import { slaCountdown, slaPausedText } from '../../api/text/durations.js';
import { color as chalk } from '../output/color.js';
import { renderTable, type Column } from '../output/table.js';
import { printMoreHint } from '../output/more-hint.js';
import { note, stdoutIsTty } from '../output/terminal.js';

const PRIORITY_STYLE: Record<string, (s: string) => string> = {
  urgent: (s) => chalk.red.bold(s),
  high: (s) => chalk.yellow(s),
  normal: (s) => s,
  low: (s) => chalk.dim(s),
};

const SLA_STYLE: Record<SlaState, (s: string) => string> = {
  breached: (s) => chalk.red(s),
  warning: (s) => chalk.yellow(s),
  ok: (s) => s,
  none: (s) => chalk.dim(s),
};

/** The queue's columns at `now`; the DUE symbol (✗ breached, ! due soon, ◷ running) carries the state without colour. */
export function queueColumns(now: number): Column<ConversationSummary>[] {
  return Object.values(columnsByName(now));
}

function columnsByName(now: number): Record<ViewColumn, Column<ConversationSummary>> {
  return {
    id: { header: 'ID', value: (c) => String(c.id), align: 'right', minWidth: Infinity },
    due: {
      header: 'DUE',
      value: (c) => `${slaSymbol(slaState(c.sla, now))} ${slaPausedText(c, now) ?? slaCountdown(c, now)}`,
      style: (t, c) => SLA_STYLE[slaState(c.sla, now)](t),
    },
    priority: { header: 'PRI', value: (c) => c.priority, style: (t, c) => PRIORITY_STYLE[c.priority]?.(t) ?? t },
    channel: { header: 'CHANNEL', value: (c) => c.channel, drop: 1 },
    status: { header: 'STATUS', value: (c) => c.status },
    customer: { header: 'CUSTOMER', value: (c) => c.customer.name, maxWidth: 20 },
    subject: { header: 'SUBJECT', value: (c) => c.subject, flexible: true },
    assignee: { header: 'ASSIGNEE', value: (c) => c.assignee?.name ?? '—', maxWidth: 16 },
  };
}

/** The table's columns: every one in the usual order, or a view's, in its order. */
export function printQueueTable(rows: ConversationSummary[], nextCursor: string | null, columns?: readonly ViewColumn[]): void {
  const now = Date.now();
  if (rows.length === 0) {
    note('no conversations match');
    return;
  }
  const byName = columnsByName(now);
  const table = renderTable<ConversationSummary>(columns ? columns.map((c) => byName[c]) : queueColumns(now), rows);
  process.stdout.write(stdoutIsTty() ? table.replace(/^[^\n]*/, (h) => chalk.bold(h)) : table);
  printMoreHint(nextCursor);
}
