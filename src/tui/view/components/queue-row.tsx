import chalk, { type ForegroundColorName } from 'chalk';
import { Text } from 'ink';
import { memo } from 'react';
import type { ViewColumn } from '../../../api/queue-views.js';
import { sanitize } from '../../../api/text/sanitize.js';
import { fitToWidth } from '../../../api/text/width.js';
import type { ConversationSummary } from '../../../api/types.js';
import { slaState, slaSymbol } from '../../../api/sla-state.js';
import { slaCountdown, slaPausedText } from '../../../api/text/durations.js';
import { shownColumns, type QueueColumns } from '../queue-columns.js';
import { symbols, theme } from '../theme.js';

export { queueColumns, type QueueColumns } from '../queue-columns.js';

type Color = ForegroundColorName | undefined;

const SLA_COLOR: Record<string, Color> = { breached: theme.danger, warning: theme.warning, ok: undefined, none: theme.muted };

const PRIORITY_COLOR: Record<string, Color> = { urgent: theme.danger, high: theme.warning, normal: undefined, low: theme.muted };

/** A cell styled as Ink's <Text color bold> would style it, through the same chalk (and its NO_COLOR level). */
function paint(text: string, color: Color, bold = false): string {
  const coloured = color ? chalk[color](text) : text;
  return bold ? chalk.bold(coloured) : coloured;
}

/**
 * One conversation in the queue, fitted to its columns by display width. The row is one string in one
 * <Text>, not a <Text> per cell: a screenful of rows is then some 90 React elements instead of 600,
 * which is most of the first frame's rendering.
 */
export const QueueRow = memo(function QueueRow({ c, selected, now, columns }: { c: ConversationSummary; selected: boolean; now: number; columns: QueueColumns }) {
  const state = slaState(c.sla, now);
  const clock = state === 'none' ? symbols.noClock : slaSymbol(state);
  const cells: Record<ViewColumn, (w: number) => string> = {
    // A business-hours clock says when it resumes while the desk is closed (issue 16), in the room left after the symbol.
    due: (w) => paint(fitToWidth(`${clock} ${slaPausedText(c, now, w - 2) ?? slaCountdown(c, now)}`, w), SLA_COLOR[state]),
    priority: (w) => paint(fitToWidth(c.priority, w), PRIORITY_COLOR[c.priority]),
    status: (w) => paint(fitToWidth(c.status, w), c.status === 'open' ? undefined : theme.muted),
    channel: (w) => paint(fitToWidth(c.channel, w), theme.muted),
    id: (w) => fitToWidth(`#${c.id}`, w, 'right'),
    customer: (w) => paint(fitToWidth(sanitize(c.customer.name, { multiline: false }), w), theme.accent),
    subject: (w) => paint(fitToWidth(sanitize(c.subject, { multiline: false }), w), undefined, c.status === 'open' && !c.assignee),
    assignee: (w) => paint(fitToWidth(c.assignee ? sanitize(c.assignee.name, { multiline: false }) : '—', w), theme.muted),
  };
  const row = shownColumns(columns)
    .map((name) => cells[name](columns[name]))
    .join(' ');
  return (
    <Text wrap="truncate" inverse={selected}>
      {`${selected ? `${symbols.selected} ` : '  '}${row}`}
    </Text>
  );
});
