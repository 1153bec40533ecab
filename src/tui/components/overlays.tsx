import { Box, Text } from 'ink';
import { sanitize } from '../../api/text/sanitize.js';
import { displayWidth, fitToWidth, wrapText } from '../../api/text/width.js';
import type { Macro } from '../../api/types.js';
import { CONTEXT_TITLES, displayKeys, type CommandSpec, type Context } from '../keymap.js';
import { macroEntries, paletteEntries } from '../palette.js';
import { DialogView } from './dialog-view.js';
import { MessageLogOverlay, MyRefundsOverlay } from './list-overlays.js';
import { useStoreState } from '../hooks/use-store.js';
import type { LoadState, MacroPreview, Overlay } from '../store.js';
import { theme } from '../theme.js';

const CONTEXT_ORDER: Context[] = ['global', 'queue', 'search', 'conversation', 'composer', 'overlay'];

/** The help screen, generated from the keymap table (with the user's remapping). */
export function HelpOverlay({ commands, width, height, scroll }: { commands: readonly CommandSpec[]; width: number; height: number; scroll: number }) {
  const lines: { key: string; text: string; heading?: boolean }[] = [];
  for (const context of CONTEXT_ORDER) {
    const items = commands.filter((c) => c.context === context);
    if (!items.length) continue;
    lines.push({ key: `h-${context}`, text: CONTEXT_TITLES[context], heading: true });
    const keyWidth = Math.max(...items.map((c) => displayWidth(displayKeys(c.keys)))) + 2;
    for (const c of items) lines.push({ key: c.id, text: `  ${fitToWidth(displayKeys(c.keys), keyWidth)}${c.title}` });
  }
  const visible = Math.max(1, height - 3);
  const start = Math.min(scroll, Math.max(0, lines.length - visible));
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text bold>Keys {lines.length > visible ? <Text dimColor>(↑/↓ scroll, Esc close)</Text> : <Text dimColor>(Esc close)</Text>}</Text>
      {lines.slice(start, start + visible).map((l) => (
        <Text key={l.key} bold={l.heading} color={l.heading ? theme.accent : undefined} wrap="truncate">
          {l.text}
        </Text>
      ))}
    </Box>
  );
}

/** Ctrl+K: every command by name with its key; typing filters, Enter runs. */
export function PaletteOverlay({ commands, width, height, query, selected }: { commands: readonly CommandSpec[]; width: number; height: number; query: string; selected: number }) {
  const entries = paletteEntries(commands, query);
  const visible = Math.max(1, height - 4);
  const start = Math.max(0, Math.min(selected - visible + 1, entries.length - visible));
  const inner = width - 4;
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text>
        <Text color={theme.accent}>› </Text>
        {query}
        <Text inverse> </Text>
      </Text>
      <Text dimColor>{entries.length ? `${entries.length} commands · ↑/↓ choose · Enter run · Esc close` : 'no command matches'}</Text>
      {entries.slice(start, start + visible).map((c, i) => {
        const keys = displayKeys(c.keys);
        const isSelected = start + i === selected;
        return (
          <Text key={c.id} inverse={isSelected} wrap="truncate">
            {isSelected ? '▸ ' : '  '}
            {fitToWidth(c.title, Math.max(10, inner - displayWidth(keys) - 3))} <Text dimColor={!isSelected}>{keys}</Text>
          </Text>
        );
      })}
    </Box>
  );
}

/** The macro picker: fuzzy list on top, the text filled for this conversation below, before insertion. */
export function MacroOverlay({ macros, width, height, query, selected, preview }: { macros: LoadState<Macro[]>; width: number; height: number; query: string; selected: number; preview: MacroPreview | undefined }) {
  const entries = macroEntries(macros.data ?? [], query);
  const listHeight = Math.max(1, Math.min(8, Math.floor((height - 6) / 2)));
  const start = Math.max(0, Math.min(selected - listHeight + 1, entries.length - listHeight));
  const inner = width - 4;
  const shortcutWidth = Math.min(34, 2 + Math.max(8, ...entries.map((m) => m.shortcut.length)));
  const previewLines =
    preview?.status === 'ready' ? wrapText(sanitize(preview.text ?? ''), inner) : preview?.status === 'error' ? wrapText(sanitize(preview.error ?? ''), inner) : [];
  const previewRoom = Math.max(1, height - listHeight - 6 - (preview?.choose ? 1 : 0));
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text>
        <Text color={theme.accent}>/</Text>
        {query}
        <Text inverse> </Text>
      </Text>
      <Text dimColor wrap="truncate">
        {macros.status === 'loading' ? 'Loading macros…' : macros.status === 'error' ? `Could not load macros: ${macros.error}` : entries.length ? `${entries.length} macros · ↑/↓ choose · Enter insert · Esc close` : 'no macro matches'}
      </Text>
      {entries.slice(start, start + listHeight).map((m, i) => {
        const isSelected = start + i === selected;
        return (
          <Text key={m.id} inverse={isSelected} wrap="truncate">
            {isSelected ? '▸ ' : '  '}
            {fitToWidth(`/${m.shortcut}`, shortcutWidth)} {sanitize(m.name, { multiline: false })}
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

export function ConfirmQuitOverlay({ reason, width }: { reason: string; width: number }) {
  return (
    <Box flexDirection="column" width={Math.min(width, 70)} borderStyle="round" borderColor={theme.warning} paddingX={1}>
      <Text bold>Quit support?</Text>
      <Text wrap="wrap">{reason}</Text>
      <Text>
        <Text bold>y</Text> quit · <Text bold>n</Text>/Esc stay
      </Text>
    </Box>
  );
}

export function OverlayView({ overlay, commands, macros, width, height }: { overlay: Overlay; commands: readonly CommandSpec[]; macros: LoadState<Macro[]>; width: number; height: number }) {
  const w = Math.min(width, 90);
  const h = Math.min(height, 30);
  const log = useStoreState((s) => s.messageLog);
  const myRefunds = useStoreState((s) => s.myRefunds);
  switch (overlay.kind) {
    case 'messages':
      return <MessageLogOverlay log={log} width={w} height={h} scroll={overlay.scroll} now={Date.now()} />;
    case 'myRefunds':
      return <MyRefundsOverlay refunds={myRefunds} width={w} height={h} scroll={overlay.scroll} now={Date.now()} />;
    case 'help':
      return <HelpOverlay commands={commands} width={w} height={h} scroll={overlay.scroll} />;
    case 'palette':
      return <PaletteOverlay commands={commands} width={Math.min(width, 70)} height={Math.min(height, 20)} query={overlay.query} selected={overlay.selected} />;
    case 'confirmQuit':
      return <ConfirmQuitOverlay reason={overlay.reason} width={width} />;
    case 'dialog':
      return <DialogView dialog={overlay} width={Math.min(width, 84)} height={h} />;
    case 'macros':
      return <MacroOverlay macros={macros} width={Math.min(width, 90)} height={h} query={overlay.query} selected={overlay.selected} preview={overlay.preview} />;
  }
}
