/**
 * Every command of the workspace, with its default keys per context. The help screen, the command
 * palette and the user's remapping in the config all read this one table.
 */
export type Context = 'global' | 'queue' | 'conversation' | 'composer';

export interface CommandSpec {
  id: string;
  context: Context;
  keys: string[];
  title: string;
}

export const COMMANDS = [
  { id: 'app.quit', context: 'global', keys: ['ctrl+c'], title: 'Quit' },

  { id: 'queue.down', context: 'queue', keys: ['j', 'down'], title: 'Next conversation' },
  { id: 'queue.up', context: 'queue', keys: ['k', 'up'], title: 'Previous conversation' },
  { id: 'queue.open', context: 'queue', keys: ['enter', 'o'], title: 'Open conversation' },
  { id: 'queue.refresh', context: 'queue', keys: ['R'], title: 'Reload the queue' },
  { id: 'queue.quit', context: 'queue', keys: ['q'], title: 'Quit' },

  { id: 'conversation.back', context: 'conversation', keys: ['escape'], title: 'Back to the queue' },
  { id: 'conversation.scrollUp', context: 'conversation', keys: ['up'], title: 'Scroll messages up' },
  { id: 'conversation.scrollDown', context: 'conversation', keys: ['down'], title: 'Scroll messages down' },
  { id: 'conversation.pageUp', context: 'conversation', keys: ['pageup'], title: 'Page messages up' },
  { id: 'conversation.pageDown', context: 'conversation', keys: ['pagedown'], title: 'Page messages down' },

  { id: 'composer.send', context: 'composer', keys: ['enter'], title: 'Send reply' },
  { id: 'composer.newline', context: 'composer', keys: ['alt+enter', 'ctrl+j'], title: 'New line' },
  { id: 'composer.backspace', context: 'composer', keys: ['backspace', 'ctrl+h'], title: 'Delete back' },
  { id: 'composer.delete', context: 'composer', keys: ['delete', 'ctrl+d'], title: 'Delete forward' },
  { id: 'composer.left', context: 'composer', keys: ['left', 'ctrl+b'], title: 'Cursor left' },
  { id: 'composer.right', context: 'composer', keys: ['right', 'ctrl+f'], title: 'Cursor right' },
  { id: 'composer.wordLeft', context: 'composer', keys: ['alt+left', 'alt+b'], title: 'Word left' },
  { id: 'composer.wordRight', context: 'composer', keys: ['alt+right', 'alt+f'], title: 'Word right' },
  { id: 'composer.home', context: 'composer', keys: ['home', 'ctrl+a'], title: 'Start of line' },
  { id: 'composer.end', context: 'composer', keys: ['end', 'ctrl+e'], title: 'End of line' },
  { id: 'composer.deleteWord', context: 'composer', keys: ['ctrl+w', 'alt+backspace'], title: 'Delete word back' },
  { id: 'composer.clearLine', context: 'composer', keys: ['ctrl+u'], title: 'Delete to start of line' },
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof COMMANDS)[number]['id'];

export type Keymap = Map<Context, Map<string, CommandId>>;

export function buildKeymap(commands: readonly CommandSpec[] = COMMANDS): Keymap {
  const map: Keymap = new Map();
  for (const c of commands) {
    let byKey = map.get(c.context);
    if (!byKey) map.set(c.context, (byKey = new Map()));
    for (const k of c.keys) byKey.set(k, c.id as CommandId);
  }
  return map;
}

/** The command a key runs in the first of the active contexts that binds it. */
export function resolveKey(keymap: Keymap, contexts: readonly Context[], key: string): CommandId | undefined {
  for (const context of contexts) {
    const command = keymap.get(context)?.get(key);
    if (command) return command;
  }
  return undefined;
}

export function keysFor(commands: readonly CommandSpec[], id: CommandId): string[] {
  return commands.find((c) => c.id === id)?.keys ?? [];
}
