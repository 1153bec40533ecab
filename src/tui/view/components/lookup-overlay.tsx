import { Box, Text } from 'ink';
import { sanitize } from '../../../api/text/sanitize.js';
import { SEARCH_KEY_LABELS } from '../../../api/search-labels.js';
import { LOOKUP_GROUP_TITLES, lookupGroups, shownResult, type LookupOverlay as LookupState } from '../../state/lookup.js';
import { theme } from '../theme.js';

const clean = (text: string) => sanitize(text, { multiline: false });

interface Line {
  key: string;
  text: string;
  heading?: boolean;
  row?: number;
}

/** What the answer says besides its rows: type more, nothing matched (and what was tried), the 429's wait. */
function statusLine(overlay: LookupState): string | undefined {
  const answer = overlay.answer;
  switch (answer.status) {
    case 'empty':
      return 'Type a phone number, an email, an id (cus_, wal_, txn_, rfd_), a complaint number, #123, or part of a name or message';
    case 'short':
      return 'type at least 2 characters';
    case 'loading':
      return 'looking up…';
    case 'error':
      return answer.retryAfterSeconds !== undefined ? `Too many lookups: try again in ${answer.retryAfterSeconds} s` : clean(answer.error);
    case 'ready': {
      const { data } = answer;
      if (lookupGroups(data).length > 0) return undefined;
      const tried = data.tried.map((k) => SEARCH_KEY_LABELS[k]).join(', ');
      return `Nothing matches "${clean(data.query)}"${data.phone ? ` (read as ${clean(data.phone)})` : ''}; tried: ${tried || 'nothing'}`;
    }
  }
}

/** Ctrl+F: the query, then the results grouped by kind, phone and email masked as the server gives them. */
export function LookupOverlay({ overlay, width, height }: { overlay: LookupState; width: number; height: number }) {
  const result = shownResult(overlay.answer);
  const lines: Line[] = [];
  let row = 0;
  for (const group of result ? lookupGroups(result) : []) {
    lines.push({ key: `h-${group.kind}`, text: `${LOOKUP_GROUP_TITLES[group.kind]} (${group.rows.length})`, heading: true });
    for (const r of group.rows) {
      lines.push({ key: `r-${row}`, text: clean(r.label), row });
      row++;
    }
  }
  const visible = Math.max(1, height - 5);
  const selectedLine = Math.max(0, lines.findIndex((l) => l.row === overlay.selected));
  const start = Math.max(0, Math.min(selectedLine - visible + 1, lines.length - visible));
  const status = statusLine(overlay);
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text wrap="truncate">
        <Text bold>Find </Text>
        <Text color={theme.accent}>› </Text>
        {clean(overlay.query)}
        <Text inverse> </Text>
      </Text>
      {status ? (
        <Text color={overlay.answer.status === 'error' ? theme.danger : undefined} dimColor={overlay.answer.status !== 'error'} wrap="wrap">
          {status}
        </Text>
      ) : null}
      {lines.slice(start, start + visible).map((l) =>
        l.heading ? (
          <Text key={l.key} bold color={theme.accent} wrap="truncate">
            {l.text}
          </Text>
        ) : (
          <Text key={l.key} wrap="truncate" inverse={l.row === overlay.selected}>
            {l.row === overlay.selected ? '▸ ' : '  '}
            {l.text}
          </Text>
        ),
      )}
    </Box>
  );
}
