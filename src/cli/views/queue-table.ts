import { color as chalk } from '../output/color.js';
import type { ConversationSummary } from '../../api/types.js';
import { slaCountdown } from '../../api/text/durations.js';
import { renderTable } from '../output/table.js';
import { note, stdoutIsTty } from '../output/terminal.js';

const PRIORITY_STYLE: Record<string, (s: string) => string> = {
  urgent: (s) => chalk.red.bold(s),
  high: (s) => chalk.yellow(s),
  normal: (s) => s,
  low: (s) => chalk.dim(s),
};

export function printQueueTable(rows: ConversationSummary[], nextCursor: string | null): void {
  const now = Date.now();
  if (rows.length === 0) {
    note('no conversations match');
    return;
  }
  const table = renderTable<ConversationSummary>(
    [
      { header: 'ID', value: (c) => String(c.id), align: 'right' },
      {
        header: 'DUE',
        // The symbol carries the state for readers without colour.
        value: (c) => `${c.sla.breached ? '✗' : c.sla.dueAt ? '◷' : ' '} ${slaCountdown(c, now)}`,
        style: (t, c) => (c.sla.breached ? chalk.red(t) : t),
      },
      { header: 'PRI', value: (c) => c.priority, style: (t, c) => PRIORITY_STYLE[c.priority]?.(t) ?? t },
      { header: 'CHANNEL', value: (c) => c.channel },
      { header: 'STATUS', value: (c) => c.status },
      { header: 'CUSTOMER', value: (c) => c.customer.name, maxWidth: 20 },
      { header: 'SUBJECT', value: (c) => c.subject, flexible: true },
      { header: 'ASSIGNEE', value: (c) => c.assignee?.name ?? '—', maxWidth: 16 },
    ],
    rows,
  );
  process.stdout.write(stdoutIsTty() ? table.replace(/^[^\n]*/, (h) => chalk.bold(h)) : table);
  if (nextCursor && stdoutIsTty()) note(chalk.dim(`more: support queue --cursor ${nextCursor}`));
}
