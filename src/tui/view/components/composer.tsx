import { Box, Text, useCursor } from 'ink';
import { sanitize } from '../../../api/text/sanitize.js';
import { displayWidth, truncateToWidth, wrapLines } from '../../../api/text/width.js';
import type { MessageKind } from '../../../api/enums.js';
import type { EditorState } from '../../state/editor.js';
import { firstKey, type CommandId, type CommandSpec } from '../../input/keymap.js';
import { symbols, theme } from '../theme.js';

function cursorLine(lines: { start: number }[], cursor: number): number {
  for (let i = lines.length - 1; i >= 0; i--) if (cursor >= lines[i]!.start) return i;
  return 0;
}

export function composerHeight(state: EditorState, width: number, maxLines: number, extraLines: number): number {
  return Math.min(maxLines, wrapLines(state.text, Math.max(10, width - 4) - 1).length) + 2 + extraLines;
}

const BORDERS = {
  // The two kinds differ in shape as well as colour, so that they differ without colour (NO_COLOR).
  note: { style: 'double', left: '╔', fill: '═', right: '╗' },
  reply: { style: 'round', left: '╭', fill: '─', right: '╮' },
} as const;

/** What the box holds, in words on its top border: which one it is must never need guessing. */
export const COMPOSER_LABELS: Record<MessageKind, string> = {
  note: `${symbols.note} Internal note — customers never see this`,
  reply: '↩ Reply — the customer will see this',
};

function placeholderOf(commands: readonly CommandSpec[], kind: MessageKind, focused: boolean): string {
  const k = (id: CommandId) => firstKey(commands, id);
  if (!focused) {
    return `${k('conversation.reply')} to reply · ${k('conversation.note')} internal note · ${k('conversation.macro')} macro · ${k('conversation.resolve')} resolve · ${k('conversation.freeze')} freeze · ${k('conversation.refund')} refund · ${k('app.help')} keys`;
  }
  return kind === 'note'
    ? `Internal note (customers never see it)… ${k('composer.send')} adds, ${k('composer.toggleNote')} makes it a reply, ${k('composer.leave')} stops writing`
    : `Reply to the customer… ${k('composer.send')} sends, ${k('composer.newline')} new line, ${k('composer.toggleNote')} note, ${k('composer.leave')} stops writing`;
}

/**
 * The reply box. It places the terminal's own cursor (so input methods for Chinese compose in place,
 * and the cursor shows without colour); `top` is the box's first row on screen. Its top border says
 * whether the draft is a reply or an internal note, focused or not.
 */
export function Composer({ state, kind, focused, width, top, sending, error, maxLines, commands }: { state: EditorState; kind: MessageKind; focused: boolean; width: number; top: number; sending: boolean; error: string | undefined; maxLines: number; commands: readonly CommandSpec[] }) {
  const { setCursorPosition } = useCursor();
  const inner = Math.max(10, width - 4);
  const lines = wrapLines(state.text, inner - 1);
  const at = cursorLine(lines, state.cursor);
  const visible = Math.min(maxLines, lines.length);
  const first = Math.max(0, Math.min(at - visible + 1, lines.length - visible));
  const shown = lines.slice(first, first + visible);
  const line = lines[at]!;
  // Text a macro brought in from the server may hold invisible or bidi characters: shown escaped here.
  // The terminal's cursor shows only while the keys are in the box.
  setCursorPosition(focused ? { x: 2 + displayWidth(sanitize(state.text.slice(line.start, state.cursor))), y: top + 1 + (at - first) } : undefined);
  const isNote = kind === 'note';
  const kindColor = isNote ? theme.note : theme.accent;
  const borderColor = error ? theme.danger : !focused ? theme.muted : sending ? theme.muted : kindColor;
  const border = BORDERS[kind];
  const label = truncateToWidth(COMPOSER_LABELS[kind], Math.max(1, width - 5));
  const rest = Math.max(0, width - 5 - displayWidth(label));
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text color={borderColor}>{`${border.left}${border.fill} `}</Text>
        <Text color={kindColor} bold>
          {label}
        </Text>
        <Text color={borderColor}>{` ${border.fill.repeat(rest)}${border.right}`}</Text>
      </Text>
      <Box borderStyle={border.style} borderTop={false} borderColor={borderColor} paddingX={1} flexDirection="column">
        {state.text.length === 0 ? (
          <Text dimColor wrap="truncate">
            {placeholderOf(commands, kind, focused)}
          </Text>
        ) : (
          shown.map((l) => (
            <Text key={l.start} wrap="truncate">
              {sanitize(l.text) || ' '}
            </Text>
          ))
        )}
      </Box>
      {sending ? <Text dimColor>Sending…</Text> : null}
      {error ? (
        <Text color={theme.danger} wrap="truncate">
          Not sent: {error} (your text is kept; {firstKey(commands, 'composer.send')} tries again)
        </Text>
      ) : null}
    </Box>
  );
}
