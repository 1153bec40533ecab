import { Box, Text, useApp, useInput, useWindowSize, type Key } from 'ink';
import { useEffect, useState } from 'react';
import * as edit from './editor.js';
import { useStoreState, StoreContext } from './hooks/use-store.js';
import { isText, keyName, splitInput } from './keys.js';
import { resolveKey, type CommandId, type Context, type Keymap } from './keymap.js';
import { ConversationScreen } from './screens/conversation-screen.js';
import { QueueScreen } from './screens/queue-screen.js';
import { StatusBar } from './components/status-bar.js';
import { draftOf, type Store } from './store.js';
import type { Actions } from './actions.js';
import { theme } from './theme.js';

const EDITS: Partial<Record<CommandId, (s: edit.EditorState) => edit.EditorState>> = {
  'composer.newline': (s) => edit.insert(s, '\n'),
  'composer.backspace': edit.backspace,
  'composer.delete': edit.deleteForward,
  'composer.left': edit.left,
  'composer.right': edit.right,
  'composer.wordLeft': edit.wordLeft,
  'composer.wordRight': edit.wordRight,
  'composer.home': edit.lineStart,
  'composer.end': edit.lineEnd,
  'composer.deleteWord': edit.deleteWordBack,
  'composer.clearLine': edit.clearLineBack,
};

/** The one place keys become commands: the active contexts pick the binding from the keymap. */
function useKeys(store: Store, actions: Actions, keymap: Keymap, pageSize: number) {
  const { exit } = useApp();
  useInput((input, key) => {
    for (const [one, oneKey] of splitInput(input, key)) handle(one, oneKey);
  });

  function handle(input: string, key: Key): void {
    const state = store.getState();
    const screen = state.screen;
    const contexts: Context[] = screen.name === 'conversation' ? ['composer', 'conversation', 'global'] : ['queue', 'global'];
    if (screen.name === 'queue' && isText(input, key) && input.length > 1) {
      // Several command keys in one chunk ("jjk"): each is a keypress.
      for (const ch of input) handle(ch, key);
      return;
    }
    const name = keyName(input, key);
    if (screen.name === 'conversation' && isText(input, key)) {
      const id = screen.id;
      store.update((s) => ({ drafts: { ...s.drafts, [id]: edit.insert(draftOf(s, id), input) }, sendError: { ...s.sendError, [id]: undefined } }));
      return;
    }
    const command = resolveKey(keymap, contexts, name);
    if (!command) return;
    run(command);

    function run(command: CommandId): void {
      const rows = state.queue.data ?? [];
      switch (command) {
        case 'app.quit':
        case 'queue.quit':
          exit();
          return;
        case 'queue.down':
          store.update((s) => ({ selected: Math.min(Math.max(0, rows.length - 1), s.selected + 1) }));
          return;
        case 'queue.up':
          store.update((s) => ({ selected: Math.max(0, s.selected - 1) }));
          return;
        case 'queue.open': {
          const row = rows[state.selected];
          if (row) actions.openConversation(row.id);
          return;
        }
        case 'queue.refresh':
          void actions.loadQueue();
          return;
        default:
          break;
      }
      if (screen.name !== 'conversation') return;
      const id = screen.id;
      const scrollBy = (delta: number) => store.update((s) => ({ scroll: { ...s.scroll, [id]: Math.max(0, (s.scroll[id] ?? 0) + delta) } }));
      switch (command) {
        case 'conversation.back':
          store.update(() => ({ screen: { name: 'queue' } }));
          return;
        case 'conversation.scrollUp':
          return scrollBy(1);
        case 'conversation.scrollDown':
          return scrollBy(-1);
        case 'conversation.pageUp':
          return scrollBy(pageSize);
        case 'conversation.pageDown':
          return scrollBy(-pageSize);
        case 'composer.send':
          void actions.sendReply(id);
          return;
        default: {
          const change = EDITS[command];
          if (change) store.update((s) => ({ drafts: { ...s.drafts, [id]: change(draftOf(s, id)) } }));
        }
      }
    }
  }
}

/** Re-renders once a second so SLA countdowns tick without refetching. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

const HINTS = {
  queue: 'j/k move · Enter open · R reload · q quit',
  conversation: 'Enter send · ↑/↓ PgUp/PgDn scroll · Esc back',
} as const;

function Workspace({ store, actions, keymap }: { store: Store; actions: Actions; keymap: Keymap }) {
  const { columns, rows } = useWindowSize();
  const width = Math.max(40, columns);
  const height = Math.max(10, rows);
  const screen = useStoreState((s) => s.screen);
  const profile = useStoreState((s) => s.profile);
  const now = useNow();
  const bodyHeight = height - 2;
  useKeys(store, actions, keymap, Math.max(1, bodyHeight - 8));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate">
        <Text bold color={theme.accent}>
          support
        </Text>
        <Text color={theme.muted}> · {screen.name === 'queue' ? 'queue' : `conversation #${screen.id}`} · profile {profile}</Text>
      </Text>
      {screen.name === 'queue' ? (
        <QueueScreen width={width} height={bodyHeight} now={now} />
      ) : (
        <ConversationScreen id={screen.id} width={width} height={bodyHeight} now={now} />
      )}
      <StatusBar width={width} hints={HINTS[screen.name]} />
    </Box>
  );
}

export function App({ store, actions, keymap }: { store: Store; actions: Actions; keymap: Keymap }) {
  useEffect(() => {
    void actions.loadQueue();
  }, [actions]);
  return (
    <StoreContext.Provider value={{ store, actions }}>
      <Workspace store={store} actions={actions} keymap={keymap} />
    </StoreContext.Provider>
  );
}
