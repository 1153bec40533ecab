import { Box, Text } from 'ink';
import type { Message } from '../../../api/types.js';
import { theme } from '../theme.js';
import type { OutboxEntry } from '../../state/types.js';
import { messageLines, waitingLines, type DisplayLine } from './message-lines.js';

const TONE: Record<DisplayLine['tone'], { color?: string; bold?: boolean }> = {
  customer: { color: theme.accent, bold: true },
  agent: { color: theme.success, bold: true },
  note: { color: theme.note, bold: true },
  system: { color: theme.muted },
  body: {},
  noteBody: { color: theme.note },
  blank: {},
  waiting: { color: theme.warning },
};

/**
 * The visible window of a conversation: `scroll` lines up from the newest. Only the lines on screen
 * become elements, and only the messages that reach the window are laid out, so a 2,000-message
 * conversation scrolls like a short one.
 */
export function MessageList({
  messages,
  waiting = [],
  waitingHint = '',
  before = [],
  width,
  height,
  scroll,
  now,
}: {
  messages: Message[];
  waiting?: readonly OutboxEntry[];
  waitingHint?: string;
  /** Lines above the oldest message (the customer's earlier conversations, collapsed), oldest first. */
  before?: readonly DisplayLine[];
  width: number;
  height: number;
  scroll: number;
  now: number;
}) {
  const newestFirst: DisplayLine[] = [];
  const need = height + scroll;
  // What waits in the outbox comes after everything sent, newest last, as it will once it goes out.
  for (let i = waiting.length - 1; i >= 0; i--) {
    // The keys act on the last one waiting: the hint goes there only.
    const lines = waitingLines(waiting[i]!, width, now, i === waiting.length - 1 ? waitingHint : '');
    for (let j = lines.length - 1; j >= 0; j--) newestFirst.push(lines[j]!);
  }
  for (let i = messages.length - 1; i >= 0 && newestFirst.length < need; i--) {
    const lines = messageLines(messages[i]!, width, now);
    for (let j = lines.length - 1; j >= 0; j--) newestFirst.push(lines[j]!);
  }
  if (newestFirst.length < need) for (let i = before.length - 1; i >= 0; i--) newestFirst.push(before[i]!);
  const maxScroll = Math.max(0, newestFirst.length - height);
  const from = Math.min(scroll, maxScroll);
  const window = newestFirst.slice(from, from + height).reverse();
  return (
    <Box flexDirection="column" height={height} justifyContent="flex-end">
      {window.map((line) => (
        <Text key={line.key} wrap="truncate" {...TONE[line.tone]}>
          {line.text || ' '}
        </Text>
      ))}
    </Box>
  );
}
