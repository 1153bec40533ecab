import { Box, Text } from 'ink';
import { useRef } from 'react';
import { useStoreState } from '../hooks/use-store.js';
import { QueueRow, queueColumns } from '../components/queue-row.js';
import { theme } from '../theme.js';

/** Keeps the selection visible, scrolling only when it leaves the window. */
function windowStart(previous: number, selected: number, visible: number, total: number): number {
  let top = previous;
  if (selected < top) top = selected;
  if (selected >= top + visible) top = selected - visible + 1;
  return Math.max(0, Math.min(top, Math.max(0, total - visible)));
}

/** The queue, rendering only the rows that fit: 10,000 conversations cost what a screenful costs. */
export function QueueScreen({ width, height, now }: { width: number; height: number; now: number }) {
  const queue = useStoreState((s) => s.queue);
  const selected = useStoreState((s) => s.selected);
  const top = useRef(0);
  const rows = queue.data ?? [];
  const visible = Math.max(1, height - 1);
  top.current = windowStart(top.current, selected, visible, rows.length);
  const columns = queueColumns(width);

  if (queue.status === 'error' && rows.length === 0) {
    return (
      <Box height={height} flexDirection="column">
        <Text color={theme.danger}>Could not load the queue: {queue.error}</Text>
        <Text color={theme.muted}>Press R to try again, q to quit.</Text>
      </Box>
    );
  }
  if (rows.length === 0) {
    return (
      <Box height={height}>
        <Text color={theme.muted}>{queue.status === 'ready' ? 'The queue is empty. Nice work.' : 'Loading the queue…'}</Text>
      </Box>
    );
  }
  const slice = rows.slice(top.current, top.current + visible);
  return (
    <Box height={height} flexDirection="column">
      <Text color={theme.muted} wrap="truncate">
        {`  ${'DUE'.padEnd(9)}${'PRI'.padEnd(7)}${'CHAN'.padEnd(7)}${'ID'.padStart(6)} ${'CUSTOMER'.padEnd(columns.customer + 1)}SUBJECT  (${selected + 1}/${rows.length})`}
      </Text>
      {slice.map((c, i) => (
        <QueueRow key={c.id} c={c} selected={top.current + i === selected} now={now} columns={columns} />
      ))}
    </Box>
  );
}
