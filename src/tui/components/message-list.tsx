import { Box, Text } from 'ink';
import type { Message } from '../../api/types.js';
import { theme } from '../theme.js';
import { messageLines, type DisplayLine } from './message-lines.js';

const TONE: Record<DisplayLine['tone'], { color?: string; bold?: boolean }> = {
  customer: { color: theme.accent, bold: true },
  agent: { color: theme.success, bold: true },
  note: { color: theme.note, bold: true },
  system: { color: theme.muted },
  body: {},
  noteBody: { color: theme.note },
  blank: {},
};

/**
 * The visible window of a conversation: `scroll` lines up from the newest. Only the lines on screen
 * become elements, so a 2,000-message conversation renders like a short one.
 */
export function MessageList({ messages, width, height, scroll, now }: { messages: Message[]; width: number; height: number; scroll: number; now: number }) {
  const lines: DisplayLine[] = [];
  // Walk back from the newest message only as far as the window needs.
  const need = height + scroll;
  for (let i = messages.length - 1; i >= 0 && lines.length < need; i--) lines.unshift(...messageLines(messages[i]!, width, now));
  const end = Math.max(0, lines.length - Math.min(scroll, Math.max(0, lines.length - height)));
  const window = lines.slice(Math.max(0, end - height), end);
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
