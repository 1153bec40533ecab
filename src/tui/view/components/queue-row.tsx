import { Text } from 'ink';
import { Fragment, memo, type ReactNode } from 'react';
import type { ViewColumn } from '../../../api/queue-views.js';
import { sanitize } from '../../../api/text/sanitize.js';
import { fitToWidth } from '../../../api/text/width.js';
import type { ConversationSummary } from '../../../api/types.js';
import { slaState, slaSymbol } from '../../../api/sla-state.js';
import { slaCountdown, slaPausedText } from '../../../api/text/durations.js';
import { shownColumns, type QueueColumns } from '../queue-columns.js';
import { symbols, theme } from '../theme.js';

export { queueColumns, type QueueColumns } from '../queue-columns.js';

const SLA_COLOR: Record<string, string | undefined> = { breached: theme.danger, warning: theme.warning, ok: undefined, none: theme.muted };

const PRIORITY_COLOR: Record<string, string | undefined> = { urgent: theme.danger, high: theme.warning, normal: undefined, low: theme.muted };

/** One conversation in the queue, fitted to its columns by display width. */
export const QueueRow = memo(function QueueRow({ c, selected, now, columns }: { c: ConversationSummary; selected: boolean; now: number; columns: QueueColumns }) {
  const state = slaState(c.sla, now);
  const clock = state === 'none' ? symbols.noClock : slaSymbol(state);
  const cells: Record<ViewColumn, (w: number) => ReactNode> = {
    // A business-hours clock says when it resumes while the desk is closed (issue 16), in the room left after the symbol.
    due: (w) => <Text color={SLA_COLOR[state]}>{fitToWidth(`${clock} ${slaPausedText(c, now, w - 2) ?? slaCountdown(c, now)}`, w)}</Text>,
    priority: (w) => <Text color={PRIORITY_COLOR[c.priority]}>{fitToWidth(c.priority, w)}</Text>,
    status: (w) => <Text color={c.status === 'open' ? undefined : theme.muted}>{fitToWidth(c.status, w)}</Text>,
    channel: (w) => <Text color={theme.muted}>{fitToWidth(c.channel, w)}</Text>,
    id: (w) => <Text>{fitToWidth(`#${c.id}`, w, 'right')}</Text>,
    customer: (w) => <Text color={theme.accent}>{fitToWidth(sanitize(c.customer.name, { multiline: false }), w)}</Text>,
    subject: (w) => <Text bold={c.status === 'open' && !c.assignee}>{fitToWidth(sanitize(c.subject, { multiline: false }), w)}</Text>,
    assignee: (w) => <Text color={theme.muted}>{fitToWidth(c.assignee ? sanitize(c.assignee.name, { multiline: false }) : '—', w)}</Text>,
  };
  const shown = shownColumns(columns);
  return (
    <Text wrap="truncate" inverse={selected}>
      <Text>{selected ? `${symbols.selected} ` : '  '}</Text>
      {shown.map((name, i) => (
        <Fragment key={name}>
          {i > 0 ? ' ' : null}
          {cells[name](columns[name])}
        </Fragment>
      ))}
    </Text>
  );
});
