import { Box, Text, useCursor } from 'ink';
import { sanitize } from '../../api/text/sanitize.js';
import { displayWidth, wrapLines } from '../../api/text/width.js';
import type { MessageKind } from '../../api/enums.js';
import type { EditorState } from '../editor.js';
import { theme } from '../theme.js';

function cursorLine(lines: { start: number }[], cursor: number): number {
  for (let i = lines.length - 1; i >= 0; i--) if (cursor >= lines[i]!.start) return i;
  return 0;
}

export function composerHeight(state: EditorState, width: number, maxLines: number, extraLines: number): number {
  return Math.min(maxLines, wrapLines(state.text, Math.max(10, width - 4) - 1).length) + 2 + extraLines;
}

/**
 * The reply box. It places the terminal's own cursor (so input methods for Chinese compose in place,
 * and the cursor shows without colour); `top` is the box's first row on screen.
 */
export function Composer({ state, kind, focused, width, top, sending, error, maxLines }: { state: EditorState; kind: MessageKind; focused: boolean; width: number; top: number; sending: boolean; error: string | undefined; maxLines: number }) {
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
  const borderColor = error ? theme.danger : !focused ? theme.muted : isNote ? theme.note : sending ? theme.muted : theme.accent;
  const placeholder = !focused
    ? 'Enter to reply · N internal note · / macro · e resolve · f freeze · r refund · ? keys'
    : isNote
      ? 'Internal note (customers never see it)… Enter adds, Ctrl+N back to reply, Esc stops writing'
      : 'Reply to the customer… Enter sends, Alt+Enter new line, Ctrl+N note, Esc stops writing';
  return (
    <Box flexDirection="column" width={width}>
      <Box borderStyle={isNote ? 'double' : 'round'} borderColor={borderColor} paddingX={1} flexDirection="column">
        {state.text.length === 0 ? (
          <Text dimColor wrap="truncate">
            {placeholder}
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
          Not sent: {error} (your text is kept; Enter tries again)
        </Text>
      ) : null}
    </Box>
  );
}
