import type { Key } from 'ink';
import { draftOf } from '../state/selectors.js';
import type { TuiState } from '../state/types.js';
import type { CommandContext } from './command-context.js';
import { runCommand } from './commands.js';
import { isText, keyName } from './keys.js';
import { resolveKey, type Context, type Keymap } from './keymap.js';
import { openMacroPicker } from './macro-picker.js';
import { receivesText, typeIntoField } from './text-field.js';

/** The contexts whose bindings apply now, most specific first. */
export function activeContexts(state: TuiState): Context[] {
  if (state.overlay) return ['overlay', 'global'];
  if (state.screen.name === 'conversation') return state.composing ? ['composer', 'global'] : ['conversation', 'global'];
  if (state.screen.name === 'approvals') return ['approvals', 'global'];
  if (state.screen.name === 'customer') return ['customer', 'global'];
  if (state.screen.name === 'desk') return ['desk', 'global'];
  if (state.screen.name === 'reports') return ['reports', 'global'];
  if (state.searching) return ['search', 'global'];
  return ['queue', 'global'];
}

/** Where typed or pasted text goes: "/" in an empty reply opens the macro picker, else the focused field (text-field.ts). */
export function typeText(ctx: CommandContext, text: string): boolean {
  const state = ctx.store.getState();
  // "/" at the start of an empty reply opens the macro picker, as in Chatwoot and Slack.
  if (!state.overlay && state.screen.name === 'conversation' && state.composing && text.startsWith('/') && draftOf(state, state.screen.id).text === '') {
    openMacroPicker(ctx, state.screen.id, text.slice(1));
    return true;
  }
  return typeIntoField(ctx, text);
}

/** Right after a send, with the box still empty and nothing over it, E resolves and claims the next. */
function isResolveNextAfterSend(state: TuiState, sentTo: number | undefined, command: string | undefined): boolean {
  const screen = state.screen;
  return command === 'conversation.resolveNext' && !state.overlay && state.composing && screen.name === 'conversation' && screen.id === sentTo && draftOf(state, sentTo).text === '';
}

/** The one place keys become commands: the active contexts pick the binding from the keymap table. */
export function handleKey(ctx: CommandContext, keymap: Keymap, input: string, key: Key): void {
  const { store } = ctx;
  if (store.getState().notices.length) store.update(() => ({ notices: [] }));
  if (store.getState().justSent !== undefined) {
    const sentTo = store.getState().justSent;
    store.update(() => ({ justSent: undefined }));
    if (isResolveNextAfterSend(store.getState(), sentTo, resolveKey(keymap, ['conversation'], keyName(input, key)))) {
      store.update(() => ({ composing: false }));
      runCommand('conversation.resolveNext', ctx);
      return;
    }
  }
  const state = store.getState();
  const contexts = activeContexts(state);
  if (isText(input, key)) {
    // In lists, each typed character is a key; in text fields, a chunk is text.
    const text = receivesText(ctx, state);
    if (!text && [...input].length > 1) {
      for (const ch of input) handleKey(ctx, keymap, ch, key);
      return;
    }
    const command = text ? undefined : resolveKey(keymap, contexts, keyName(input, key));
    if (command) runCommand(command, ctx);
    else typeText(ctx, input);
    return;
  }
  const command = resolveKey(keymap, contexts, keyName(input, key));
  if (command) runCommand(command, ctx);
}
