import { Text } from 'ink';
import { memo } from 'react';
import { sanitize } from '../../../api/text/sanitize.js';
import { fitToWidth } from '../../../api/text/width.js';
import type { ConversationSummary } from '../../../api/types.js';
import { slaState, slaSymbol } from '../../../api/sla-state.js';
import { slaCountdown, slaPausedCell } from '../../../api/text/durations.js';
import type { QueueColumns } from '../queue-columns.js';
import { symbols, theme } from '../theme.js';

export { queueColumns, type QueueColumns } from '../queue-columns.js';

const SLA_COLOR: Record<string, string | undefined> = { breached: theme.danger, warning: theme.warning, ok: undefined, none: theme.muted };

const PRIORITY_COLOR: Record<string, string | undefined> = { urgent: theme.danger, high: theme.warning, normal: undefined, low: theme.muted };

/** One conversation in the queue, fitted to its columns by display width. */
export const QueueRow = memo(function QueueRow({ c, selected, now, columns }: { c: ConversationSummary; selected: boolean; now: number; columns: QueueColumns }) {
  const state = slaState(c.sla, now);
  const clock = state === 'none' ? symbols.noClock : slaSymbol(state);
  const paused = slaPausedCell(c, now);
  const due = fitToWidth(paused ?? `${clock} ${slaCountdown(c, now)}`, columns.due);
  return (
    <Text wrap="truncate" inverse={selected}>
      <Text>{selected ? `${symbols.selected} ` : '  '}</Text>
      <Text color={SLA_COLOR[state]}>{due} </Text>
      {columns.priority ? <Text color={PRIORITY_COLOR[c.priority]}>{fitToWidth(c.priority, columns.priority)} </Text> : null}
      {columns.status ? <Text color={c.status === 'open' ? undefined : theme.muted}>{fitToWidth(c.status, columns.status)} </Text> : null}
      {columns.channel ? <Text color={theme.muted}>{fitToWidth(c.channel, columns.channel)} </Text> : null}
      <Text>{fitToWidth(`#${c.id}`, columns.id, 'right')} </Text>
      {columns.customer ? <Text color={theme.accent}>{fitToWidth(sanitize(c.customer.name, { multiline: false }), columns.customer)} </Text> : null}
      <Text bold={c.status === 'open' && !c.assignee}>{fitToWidth(sanitize(c.subject, { multiline: false }), columns.subject)}</Text>
      {columns.assignee ? <Text color={theme.muted}> {fitToWidth(c.assignee ? sanitize(c.assignee.name, { multiline: false }) : '—', columns.assignee)}</Text> : null}
    </Text>
  );
});
