import { Text } from 'ink';
import { memo } from 'react';
import { sanitize } from '../../api/text/sanitize.js';
import { fitToWidth } from '../../api/text/width.js';
import type { ConversationSummary } from '../../api/types.js';
import { slaState, slaSymbol } from '../../api/sla-state.js';
import { slaCountdown } from '../../api/text/durations.js';
import { symbols, theme } from '../theme.js';

export interface QueueColumns {
  subject: number;
  customer: number;
  assignee: number;
}

export function queueColumns(width: number): QueueColumns {
  const fixed = 2 + 9 + 7 + 7 + 7; // marker, due, priority, channel, id
  const assignee = width >= 110 ? 14 : 0;
  const customer = width >= 90 ? 18 : 12;
  return { subject: Math.max(10, width - fixed - customer - assignee - (assignee ? 1 : 0) - 2), customer, assignee };
}

const SLA_COLOR: Record<string, string | undefined> = { breached: theme.danger, warning: theme.warning, ok: undefined, none: theme.muted };

const PRIORITY_COLOR: Record<string, string | undefined> = { urgent: theme.danger, high: theme.warning, normal: undefined, low: theme.muted };

/** One conversation in the queue, fitted to its columns by display width. */
export const QueueRow = memo(function QueueRow({ c, selected, now, columns }: { c: ConversationSummary; selected: boolean; now: number; columns: QueueColumns }) {
  const state = slaState(c.sla, now);
  const clock = state === 'none' ? symbols.noClock : slaSymbol(state);
  const due = fitToWidth(`${clock} ${slaCountdown(c, now)}`, 8);
  return (
    <Text wrap="truncate" inverse={selected}>
      <Text>{selected ? `${symbols.selected} ` : '  '}</Text>
      <Text color={SLA_COLOR[state]}>{due} </Text>
      <Text color={PRIORITY_COLOR[c.priority]}>{fitToWidth(c.priority, 6)} </Text>
      <Text color={theme.muted}>{fitToWidth(c.channel, 6)} </Text>
      <Text>{fitToWidth(`#${c.id}`, 6, 'right')} </Text>
      <Text color={theme.accent}>{fitToWidth(sanitize(c.customer.name, { multiline: false }), columns.customer)} </Text>
      <Text bold={c.status === 'open' && !c.assignee}>{fitToWidth(sanitize(c.subject, { multiline: false }), columns.subject)}</Text>
      {columns.assignee ? <Text color={theme.muted}> {fitToWidth(c.assignee ? sanitize(c.assignee.name, { multiline: false }) : '—', columns.assignee)}</Text> : null}
    </Text>
  );
});
