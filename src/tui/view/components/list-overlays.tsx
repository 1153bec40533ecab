import { Box, Text } from 'ink';
import { displayMoney } from '../../../api/money.js';
import { shortTime } from '../../../api/text/durations.js';
import { sanitize } from '../../../api/text/sanitize.js';
import { wrapText } from '../../../api/text/width.js';
import type { Refund } from '../../../api/types.js';
import type { LoadState, LoggedMessage } from '../../state/types.js';
import { theme } from '../theme.js';

interface Line {
  key: string;
  text: string;
  color?: string | undefined;
  dim?: boolean;
}

/** A bordered, scrollable list of wrapped lines: `scroll` lines down from the top, with marks for more. */
function ScrollBox({ title, lines, width, height, scroll, empty }: { title: string; lines: Line[]; width: number; height: number; scroll: number; empty: string }) {
  const visible = Math.max(1, height - 4);
  const start = Math.min(scroll, Math.max(0, lines.length - visible));
  const below = lines.length - start - visible;
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text bold>
        {title} <Text dimColor>{lines.length > visible ? '(↑/↓ scroll, Esc close)' : '(Esc close)'}</Text>
      </Text>
      {lines.length === 0 ? <Text dimColor>{empty}</Text> : null}
      {lines.slice(start, start + visible).map((l) => (
        <Text key={l.key} color={l.color} dimColor={l.dim ?? false} wrap="truncate">
          {l.text || ' '}
        </Text>
      ))}
      {below > 0 ? <Text dimColor>↓ {below} more below</Text> : null}
    </Box>
  );
}

/** Every status-bar message of the session, newest first and whole: the bar cuts long ones. */
export function MessageLogOverlay({ log, width, height, scroll, now }: { log: readonly LoggedMessage[]; width: number; height: number; scroll: number; now: number }) {
  const inner = Math.max(10, width - 4);
  const lines: Line[] = [];
  for (let i = log.length - 1; i >= 0; i--) {
    const m = log[i]!;
    const time = shortTime(new Date(m.at).toISOString(), now);
    // The time in a column of its own; the message wraps beside it.
    const column = time.length + 2;
    wrapText(sanitize(m.text, { multiline: false }), inner - column).forEach((text, j) =>
      lines.push({ key: `${i}-${j}`, text: `${j === 0 ? time.padEnd(column) : ' '.repeat(column)}${text}`, color: m.kind === 'error' ? theme.danger : undefined }),
    );
  }
  return <ScrollBox title="Messages" lines={lines} width={width} height={height} scroll={scroll} empty="No messages yet" />;
}

const STATUS_WORDS: Record<Refund['status'], string> = {
  pending_approval: 'waiting for approval',
  succeeded: 'approved and paid',
  rejected: 'rejected',
};

/** The refunds this agent asked for, newest first, with what became of each. */
export function MyRefundsOverlay({ refunds, width, height, scroll, now }: { refunds: LoadState<Refund[]>; width: number; height: number; scroll: number; now: number }) {
  const inner = Math.max(10, width - 4);
  const lines: Line[] = [];
  for (const r of refunds.data ?? []) {
    const color = r.status === 'rejected' ? theme.danger : r.status === 'pending_approval' ? theme.warning : theme.success;
    // Paid refunds were within the limit or approved: who decided says which.
    const status = r.status === 'succeeded' && !r.decidedBy ? 'paid (within your limit)' : STATUS_WORDS[r.status];
    lines.push({ key: r.id, text: `${shortTime(r.createdAt, now)}  ${r.id}  ${displayMoney(r.amount)}  ${status}`, color });
    const decided = r.decidedBy ? `by ${sanitize(r.decidedBy.name, { multiline: false })}${r.decisionNote ? `: ${sanitize(r.decisionNote, { multiline: false })}` : ''}` : '';
    wrapText(`payment ${r.transactionId} · wallet ${r.accountId}${decided ? ` · ${decided}` : ''}`, inner - 7).forEach((text, j) => lines.push({ key: `${r.id}-${j}`, text: `       ${text}`, dim: true }));
  }
  const title = refunds.status === 'loading' && !refunds.data ? 'My refunds (loading…)' : `My refunds (${refunds.data?.length ?? 0})`;
  const empty = refunds.status === 'error' ? `Could not load your refunds: ${refunds.error ?? ''}` : refunds.status === 'ready' ? 'You have asked for no refunds' : 'Loading…';
  return <ScrollBox title={title} lines={lines} width={width} height={height} scroll={scroll} empty={empty} />;
}
