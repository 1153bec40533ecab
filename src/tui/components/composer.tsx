import { Box, Text } from 'ink';
import { graphemes, wrapLines } from '../../api/text/width.js';
import type { EditorState } from '../editor.js';
import { theme } from '../theme.js';

/** The line and offset within it where the cursor is drawn. */
function cursorLine(lines: { start: number; end: number }[], cursor: number): number {
  for (let i = lines.length - 1; i >= 0; i--) if (cursor >= lines[i]!.start) return i;
  return 0;
}

/** The reply box. The agent's own text is shown as typed (control characters never get in: see editor.ts). */
export function Composer({ state, width, sending, error, maxLines }: { state: EditorState; width: number; sending: boolean; error: string | undefined; maxLines: number }) {
  const inner = Math.max(10, width - 4);
  const lines = wrapLines(state.text, inner - 1);
  const at = cursorLine(lines, state.cursor);
  const visible = Math.min(maxLines, lines.length);
  const first = Math.max(0, Math.min(at - visible + 1, lines.length - visible));
  const shown = lines.slice(first, first + visible);
  const borderColor = error ? theme.danger : sending ? theme.muted : theme.accent;
  return (
    <Box flexDirection="column" width={width}>
      <Box borderStyle="round" borderColor={borderColor} paddingX={1} flexDirection="column">
        {state.text.length === 0 ? (
          <Text wrap="truncate">
            <Text inverse> </Text>
            <Text color={theme.muted}>Reply to the customer… (Enter sends, Alt+Enter new line, Esc back)</Text>
          </Text>
        ) : (
          shown.map((line, i) => {
            if (first + i !== at) return <Text key={line.start} wrap="truncate">{line.text || ' '}</Text>;
            const raw = state.text.slice(line.start, line.end);
            const col = state.cursor - line.start;
            const under = graphemes(raw.slice(col))[0];
            return (
              <Text key={line.start} wrap="truncate">
                {raw.slice(0, col)}
                <Text inverse>{under ?? ' '}</Text>
                {under ? raw.slice(col + under.length).trimEnd() : ''}
              </Text>
            );
          })
        )}
      </Box>
      {sending ? <Text color={theme.muted}>Sending…</Text> : null}
      {error ? (
        <Text color={theme.danger} wrap="truncate">
          Not sent: {error} (your text is kept; Enter tries again)
        </Text>
      ) : null}
    </Box>
  );
}
