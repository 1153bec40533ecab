import { Box, Text } from 'ink';
import { sanitize } from '../../../api/text/sanitize.js';
import { displayWidth, fitToWidth, wrapText } from '../../../api/text/width.js';
import type { Macro } from '../../../api/types.js';
import { CONTEXT_TITLES, displayKeys, firstKey, type CommandId, type CommandSpec, type Context } from '../../input/keymap.js';
import { helpLines } from '../../input/help.js';
import { paletteEntries, runsHere } from '../../input/palette.js';
import { plural } from '../../../api/text/plural.js';
import type { LoadState, MacroPreview } from '../../state/types.js';
import { theme } from '../theme.js';

/** The help screen: every command with its keys and its id (what the config's keymap and errors name). */
export function HelpOverlay({ commands, width, height, scroll }: { commands: readonly CommandSpec[]; width: number; height: number; scroll: number }) {
  const { lines, keyWidth } = helpLines(commands);
  const visible = Math.max(1, height - 4);
  const start = Math.max(0, Math.min(scroll, lines.length - visible));
  const below = Math.max(0, lines.length - start - visible);
  const inner = width - 4;
  const idWidth = Math.max(...lines.map((l) => (l.id ? displayWidth(l.id) : 0)));
  const titleWidth = Math.max(10, inner - 2 - keyWidth - idWidth - 2);
  const k = (id: CommandId) => firstKey(commands, id);
  const scrollKeys = `${k('overlay.up')}/${k('overlay.down')}`;
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text bold wrap="truncate">
        Keys <Text dimColor>({lines.length > visible ? `${scrollKeys} scroll, ` : ''}{k('overlay.close')} close){start > 0 ? ` ↑ ${start} more above` : ''}</Text>
      </Text>
      {lines.slice(start, start + visible).map((l) =>
        l.heading ? (
          <Text key={l.key} bold color={theme.accent} wrap="truncate">
            {l.heading}
          </Text>
        ) : (
          <Text key={l.key} wrap="truncate">
            {'  '}
            {fitToWidth(l.keys ?? '', keyWidth)}
            {fitToWidth(l.title ?? '', titleWidth)}  <Text dimColor>{l.id}</Text>
          </Text>
        ),
      )}
      <Text dimColor wrap="truncate">
        {below > 0 ? `↓ ${below} more below (${k('overlay.down')})` : '— end —'}
      </Text>
    </Box>
  );
}

/** Ctrl+K: every command by name, id and key, this screen's first; typing filters, Enter runs. */
export function PaletteOverlay({ commands, width, height, query, selected, here }: { commands: readonly CommandSpec[]; width: number; height: number; query: string; selected: number; here: readonly Context[] }) {
  const entries = paletteEntries(commands, query, here);
  const visible = Math.max(1, height - 4);
  const start = Math.max(0, Math.min(selected - visible + 1, entries.length - visible));
  const inner = width - 4;
  const k = (id: CommandId) => firstKey(commands, id);
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text>
        <Text color={theme.accent}>› </Text>
        {query}
        <Text inverse> </Text>
      </Text>
      <Text dimColor wrap="truncate">
        {entries.length ? `${plural(entries.length, 'command')} · ${k('overlay.up')}/${k('overlay.down')} choose · ${k('overlay.accept')} run · ${k('overlay.close')} close` : 'no command matches'}
      </Text>
      {entries.slice(start, start + visible).map((c, i) => {
        const keys = displayKeys(c.keys);
        const isSelected = start + i === selected;
        const elsewhere = !runsHere(c, here);
        const title = c.dangerous ? `⚠ ${c.title}` : c.title;
        const label = elsewhere ? `${title} (${CONTEXT_TITLES[c.context].toLowerCase()})` : title;
        // A user-defined action names where it comes from (config actions[N]).
        const id = c.source ? `${c.id} · ${c.source}` : c.id;
        const room = Math.max(10, inner - 2 - displayWidth(keys) - 1);
        const titleRoom = Math.min(displayWidth(label), Math.max(6, room - displayWidth(id) - 2));
        return (
          <Text key={c.id} inverse={isSelected} wrap="truncate">
            {isSelected ? '▸ ' : '  '}
            <Text dimColor={elsewhere && !isSelected}>{fitToWidth(label, titleRoom)}</Text>
            {'  '}
            <Text dimColor={!isSelected}>{fitToWidth(id, room - titleRoom - 2)}</Text> <Text dimColor={!isSelected}>{keys}</Text>
          </Text>
        );
      })}
    </Box>
  );
}

/** The macro picker: fuzzy list on top, the text filled for this conversation below, before insertion. */
/** The macro picker; `entries` in the picker's order (input/suggestions.ts), the suggested ones marked. */
export function MacroOverlay({ commands, macros, entries, suggested, width, height, query, selected, preview }: { commands: readonly CommandSpec[]; macros: LoadState<Macro[]>; entries: readonly Macro[]; suggested: ReadonlySet<string>; width: number; height: number; query: string; selected: number; preview: MacroPreview | undefined }) {
  const listHeight = Math.max(1, Math.min(8, Math.floor((height - 6) / 2)));
  const start = Math.max(0, Math.min(selected - listHeight + 1, entries.length - listHeight));
  const inner = width - 4;
  const shortcutWidth = Math.min(34, 2 + Math.max(8, ...entries.map((m) => m.shortcut.length)));
  const previewLines =
    preview?.status === 'ready' ? wrapText(sanitize(preview.text ?? ''), inner) : preview?.status === 'error' ? wrapText(sanitize(preview.error ?? ''), inner) : [];
  const previewRoom = Math.max(1, height - listHeight - 6 - (preview?.choose ? 1 : 0));
  const k = (id: CommandId) => firstKey(commands, id);
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text>
        <Text color={theme.accent}>/</Text>
        {query}
        <Text inverse> </Text>
      </Text>
      <Text dimColor wrap="truncate">
        {macros.status === 'loading' ? 'Loading macros…' : macros.status === 'error' ? `Could not load macros: ${macros.error}` : entries.length ? `${plural(entries.length, 'macro')} · ${k('overlay.up')}/${k('overlay.down')} choose · ${k('overlay.accept')} insert · ${k('overlay.close')} close` : 'no macro matches'}
      </Text>
      {entries.slice(start, start + listHeight).map((m, i) => {
        const isSelected = start + i === selected;
        return (
          <Text key={m.id} inverse={isSelected} wrap="truncate">
            {isSelected ? '▸ ' : '  '}
            {fitToWidth(`/${m.shortcut}`, shortcutWidth)} {sanitize(m.name, { multiline: false })}
            {suggested.has(m.id) ? <Text color={theme.accent}> ★ suggested</Text> : null}
          </Text>
        );
      })}
      <Text dimColor>{'─'.repeat(Math.max(1, inner))}</Text>
      {preview?.status === 'loading' || (!preview && entries.length) ? <Text dimColor>Filling the macro for this conversation…</Text> : null}
      {preview?.status === 'ready' && preview.notice ? <Text color={theme.warning} wrap="truncate">{sanitize(preview.notice, { multiline: false })}</Text> : null}
      {preview?.status === 'error' && preview.choose ? (
        <Text color={theme.accent} bold wrap="truncate">
          Enter: choose the {preview.choose === 'transaction' ? 'transaction' : 'wallet'} here, then see the text before it goes in
        </Text>
      ) : null}
      {previewLines.slice(0, previewRoom).map((line, i) => (
        <Text key={i} color={preview?.status === 'error' ? theme.danger : undefined} wrap="truncate">
          {line || ' '}
        </Text>
      ))}
    </Box>
  );
}

/** A custom action's question; a dangerous action says so first. Its text is the user's own config, escaped all the same. */
export function ConfirmActionOverlay({ question, dangerous, width, commands }: { question: string; dangerous: boolean; width: number; commands: readonly CommandSpec[] }) {
  return (
    <Box flexDirection="column" width={Math.min(width, 70)} borderStyle="round" borderColor={dangerous ? theme.danger : theme.warning} paddingX={1}>
      {dangerous ? <Text bold color={theme.danger}>⚠ Dangerous action (marked so in the config)</Text> : null}
      <Text wrap="wrap">{sanitize(question)}</Text>
      <Text>
        <Text bold>y</Text>/{firstKey(commands, 'overlay.accept')} run it · <Text bold>n</Text>/{firstKey(commands, 'overlay.close')} cancel
      </Text>
    </Box>
  );
}

export function ConfirmQuitOverlay({ reason, width, commands }: { reason: string; width: number; commands: readonly CommandSpec[] }) {
  return (
    <Box flexDirection="column" width={Math.min(width, 70)} borderStyle="round" borderColor={theme.warning} paddingX={1}>
      <Text bold>Quit support?</Text>
      <Text wrap="wrap">{reason}</Text>
      <Text>
        <Text bold>y</Text>/{firstKey(commands, 'overlay.accept')} quit · <Text bold>n</Text>/{firstKey(commands, 'overlay.close')} stay
      </Text>
    </Box>
  );
}
