import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { slaCountdown } from '../../../api/text/durations.js';
import { agentHeader, agentLine, deskSections } from '../../../api/text/desk-board.js';
import { sanitize } from '../../../api/text/sanitize.js';
import { fitToWidth } from '../../../api/text/width.js';
import { firstKey, type CommandId } from '../../input/keymap.js';
import { useStoreState } from '../hooks/use-store.js';
import { theme } from '../theme.js';

const clean = (text: string) => sanitize(text, { multiline: false });

/**
 * Supervisors: the desk at a glance. The agents (a cursor over them), then either the chosen agent's
 * open conversations (Enter) or the board's sections: the queue, SLA now, today, the last 12 hours,
 * complaints and refunds. Two columns of sections on a wide terminal; what does not fit is cut, the
 * SLA and today's figures first in line. Text and pictures from src/api/text (the CLI draws the same).
 */
export function DeskScreen({ width, height, now }: { width: number; height: number; now: number }) {
  const desk = useStoreState((s) => s.desk);
  const commands = useStoreState((s) => s.commands);
  const k = (id: CommandId) => firstKey(commands, id);
  const board = desk.board.data;
  if (!board) {
    return (
      <Box height={height} flexDirection="column">
        <Text bold>Desk</Text>
        {desk.board.status === 'error' ? (
          <Text color={theme.danger}>Could not load the board: {desk.board.error} · {k('desk.refresh')} tries again</Text>
        ) : (
          <Text dimColor>Loading the board…</Text>
        )}
      </Box>
    );
  }
  const lines: ReactNode[] = [];
  const open = desk.agentConversations;
  const status = desk.board.status === 'error' ? ` · last fetch failed: ${desk.board.error}` : '';
  lines.push(
    <Text key="title" bold wrap="truncate">
      Desk <Text dimColor>· {board.agents.length} agents · {board.queue.waiting} waiting · as of {board.at.slice(11, 19)} UTC{status}</Text>
    </Text>,
  );
  const agentRows = Math.max(1, Math.min(board.agents.length, open ? Math.floor(height / 3) : Math.max(3, Math.floor(height * 0.35))));
  const top = Math.max(0, Math.min(desk.selected - agentRows + 1, board.agents.length - agentRows));
  lines.push(
    <Text key="agents-head" dimColor wrap="truncate">
      {'  '}
      {agentHeader()}
    </Text>,
  );
  board.agents.slice(top, top + agentRows).forEach((agent, i) => {
    const chosen = top + i === desk.selected;
    const over = agent.load >= agent.capacity;
    lines.push(
      <Text key={`a-${agent.id}`} inverse={chosen && !open} bold={open?.agentId === agent.id} color={over ? theme.warning : undefined} wrap="truncate">
        {chosen ? '▸ ' : '  '}
        {agentLine(agent, now)}
      </Text>,
    );
  });
  if (open) {
    const who = board.agents.find((a) => a.id === open.agentId);
    const rows = open.list.data ?? [];
    lines.push(
      <Text key="conv-head" bold wrap="truncate">
        {clean(who?.name ?? open.agentId)}’s conversations ({rows.length}){' '}
        <Text dimColor>
          · {k('desk.open')} open · {k('desk.transfer')} transfer · {k('desk.priority')} priority · {k('desk.away')} away · {k('desk.offline')} offline · {k('desk.back')} back
        </Text>
      </Text>,
    );
    if (open.list.status === 'error') lines.push(<Text key="conv-error" color={theme.danger}>Could not load them: {open.list.error}</Text>);
    else if (rows.length === 0) lines.push(<Text key="conv-none" dimColor>{open.list.status === 'ready' ? 'No open conversations.' : 'Loading…'}</Text>);
    const room = Math.max(1, height - lines.length);
    const first = Math.max(0, Math.min(open.selected - room + 1, rows.length - room));
    rows.slice(first, first + room).forEach((c, i) => {
      const chosen = first + i === open.selected;
      lines.push(
        <Text key={`c-${c.id}`} inverse={chosen} wrap="truncate">
          {chosen ? '▸ ' : '  '}#{fitToWidth(String(c.id), 6)} {fitToWidth(c.priority, 7)} {fitToWidth(c.status, 8)} {fitToWidth(slaCountdown(c, now), 7)} {fitToWidth(clean(c.customer.name), 18)} {clean(c.subject)}
        </Text>,
      );
    });
  } else {
    lines.push(
      <Text key="keys" dimColor wrap="truncate">
        {k('desk.open')} the agent’s conversations · {k('desk.away')} away · {k('desk.offline')} offline · {k('desk.online')} online · {k('desk.refresh')} reload · {k('desk.back')} back
      </Text>,
    );
    const twoColumns = width >= 120;
    const columnWidth = twoColumns ? Math.floor((width - 3) / 2) : width;
    const sections = deskSections(board, now, columnWidth);
    const [queue, sla, today, volume, complaints, refunds] = sections as [typeof sections[number], typeof sections[number], typeof sections[number], typeof sections[number], typeof sections[number], typeof sections[number]];
    const block = (s: (typeof sections)[number]) => [`§${s.title}`, ...s.lines, ''];
    const left = twoColumns ? [...block(sla), ...block(today), ...block(volume)] : [...block(sla), ...block(today), ...block(queue), ...block(volume), ...block(complaints), ...block(refunds)];
    const right = twoColumns ? [...block(queue), ...block(complaints), ...block(refunds)] : [];
    const room = Math.max(0, height - lines.length);
    for (let i = 0; i < Math.min(room, Math.max(left.length, right.length)); i++) {
      const l = left[i] ?? '';
      const r = right[i] ?? '';
      const cell = (text: string, w: number) => (text.startsWith('§') ? <Text bold>{fitToWidth(text.slice(1), w)}</Text> : <Text>{fitToWidth(text, w)}</Text>);
      lines.push(
        <Text key={`s-${i}`} wrap="truncate">
          {cell(l, columnWidth)}
          {twoColumns ? ' │ ' : ''}
          {twoColumns ? cell(r, columnWidth) : null}
        </Text>,
      );
    }
  }
  return (
    <Box height={height} flexDirection="column">
      {lines.slice(0, height)}
    </Box>
  );
}
