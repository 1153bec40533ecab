import { Box, Text } from 'ink';
import { slaPausedText } from '../../../api/text/durations.js';
import { sanitize } from '../../../api/text/sanitize.js';
import { useState } from 'react';
import { QueueRow, queueColumns } from '../components/queue-row.js';
import { useStoreState } from '../hooks/use-store.js';
import { firstKey, type CommandId } from '../../input/keymap.js';
import { queueHeader } from '../queue-columns.js';
import { scrollTop } from '../scroll-window.js';
import { activeQueueView, describeFilter, queueView, selectedIndex, serverQuery } from '../../state/queue-view.js';
import { theme } from '../theme.js';

/** The queue, rendering only the rows that fit: 10,000 conversations cost what a screenful costs. */
export function QueueScreen({ width, height, now }: { width: number; height: number; now: number }) {
  const queue = useStoreState((s) => s.queue);
  const view = useStoreState(queueView);
  const selected = useStoreState((s) => selectedIndex(s, queueView(s)));
  const filter = useStoreState((s) => s.filter);
  const searching = useStoreState((s) => s.searching);
  const commands = useStoreState((s) => s.commands);
  const k = (id: CommandId) => firstKey(commands, id);
  const [shownTop, setShownTop] = useState(0);
  const activeView = useStoreState(activeQueueView);
  const viewCount = useStoreState((s) => s.views.length);
  const status = useStoreState((s) => serverQuery(s).status);
  const filterText = describeFilter(filter);
  const showBar = searching || filterText.length > 0 || viewCount > 0;
  const visible = Math.max(1, height - 1 - (showBar ? 1 : 0));
  // The window moves only when the selection leaves it, so where it starts depends on where it
  // started last time: state, adjusted while rendering when the selection or the room changed
  // (React re-renders at once, before anything is drawn).
  const top = scrollTop(shownTop, selected, visible, view.rows.length);
  if (top !== shownTop) setShownTop(top);
  const total = queue.data?.length ?? 0;

  const bar = showBar ? (
    <Text wrap="truncate">
      {searching ? (
        <Text>
          <Text color={theme.accent}>/</Text>
          {filter.search}
          <Text inverse> </Text>
          <Text dimColor> {k('search.accept')} keep · {k('search.cancel')} clear</Text>
        </Text>
      ) : (
        <Text>
          {viewCount > 0 ? (
            <Text color={theme.accent}>
              View: {activeView ? sanitize(activeView.name, { multiline: false }) : 'default queue'} <Text dimColor>({k('queue.nextView')} next of {viewCount + 1})</Text>
              {filterText ? ' · ' : ''}
            </Text>
          ) : null}
          {filterText ? <Text color={theme.accent}>Filter: {filterText} <Text dimColor>({k('queue.clearFilters')} clears)</Text></Text> : null}
        </Text>
      )}
    </Text>
  ) : null;

  if (queue.status === 'error' && total === 0) {
    return (
      <Box height={height} flexDirection="column">
        <Text color={theme.danger}>Could not load the queue: {queue.error}</Text>
        <Text dimColor>{k('queue.refresh')} tries again · {k('queue.quit')} quits</Text>
      </Box>
    );
  }
  if (view.rows.length === 0) {
    const message = queue.status !== 'ready' && total === 0 ? 'Loading the queue…' : total === 0 ? 'The queue is empty. Nice work.' : 'No conversation matches the filter.';
    return (
      <Box height={height} flexDirection="column">
        {bar}
        <Text dimColor>{message}</Text>
      </Box>
    );
  }
  const slice = view.rows.slice(top, top + visible);
  // Only the rows on screen decide: what is shown costs what a screenful costs.
  // A paused clock (the desk's hours, an incident's hold) is said in words, which need the room.
  const paused = slice.some((c) => slaPausedText(c, now) !== null);
  const columns = queueColumns(width, status.includes(','), activeView?.columns, paused);
  const count = view.rows.length === total ? `${selected + 1}/${total}` : `${selected + 1}/${view.rows.length} of ${total}`;
  return (
    <Box height={height} flexDirection="column">
      {bar}
      <Text dimColor wrap="truncate">
        {queueHeader(columns, count)}
      </Text>
      {slice.map((c, i) => (
        <QueueRow key={c.id} c={c} selected={top + i === selected} now={now} columns={columns} />
      ))}
    </Box>
  );
}
