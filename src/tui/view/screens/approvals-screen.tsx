import { Box, Text } from 'ink';
import { displayMoney } from '../../../api/money.js';
import { shortTime } from '../../../api/text/durations.js';
import { sanitize } from '../../../api/text/sanitize.js';
import { fitToWidth } from '../../../api/text/width.js';
import { useStoreState } from '../hooks/use-store.js';
import { firstKey, type CommandId } from '../../input/keymap.js';
import { theme } from '../theme.js';

/** Supervisors: refunds above an agent's limit, waiting for a second pair of eyes. */
export function ApprovalsScreen({ height, now }: { width: number; height: number; now: number }) {
  const approvals = useStoreState((s) => s.approvals);
  const selected = useStoreState((s) => s.approvalSelected);
  const commands = useStoreState((s) => s.commands);
  const k = (id: CommandId) => firstKey(commands, id);
  const rows = approvals.data ?? [];
  if (approvals.status === 'error' && rows.length === 0) {
    return (
      <Box height={height} flexDirection="column">
        <Text color={theme.danger}>Could not load the refunds waiting for approval: {approvals.error}</Text>
        <Text dimColor>{k('approvals.refresh')} tries again · {k('approvals.back')} back</Text>
      </Box>
    );
  }
  const visible = Math.max(1, height - 2);
  const top = Math.max(0, Math.min(selected - visible + 1, rows.length - visible));
  return (
    <Box height={height} flexDirection="column">
      <Text bold>
        Refunds waiting for approval <Text dimColor>({rows.length}) · {k('approvals.approve')} approve · {k('approvals.reject')} reject · {k('approvals.refresh')} reload · {k('approvals.back')} back</Text>
      </Text>
      {rows.length === 0 ? (
        <Text dimColor>{approvals.status === 'ready' ? 'Nothing waits for your approval.' : 'Loading…'}</Text>
      ) : (
        rows.slice(top, top + visible).map((r, i) => {
          const isSelected = top + i === selected;
          return (
            <Text key={r.id} inverse={isSelected} wrap="truncate">
              {isSelected ? '▸ ' : '  '}
              {fitToWidth(displayMoney(r.amount), 18, 'right')} {fitToWidth(r.reason, 22)} {fitToWidth(sanitize(r.requestedBy.name, { multiline: false }), 16)}{' '}
              {fitToWidth(shortTime(r.createdAt, now), 11)} {r.transactionId} <Text dimColor>{r.id}</Text>
            </Text>
          );
        })
      )}
    </Box>
  );
}
