import { useInput, usePaste, type Key } from 'ink';
import { useMemo } from 'react';
import { openMacroPicker, runCommand, type CommandContext } from './commands.js';
import { takesText } from '../dialogs/engine.js';
import { isText, keyName, splitInput } from './keys.js';
import { buildKeymap, resolveKey, type Context } from './keymap.js';
import { draftOf, type TuiState } from '../state/store.js';
import { typeIntoField } from './text-field.js';

/** The contexts whose bindings apply now, most specific first. */
export function activeContexts(state: TuiState): Context[] {
  if (state.overlay) return ['overlay', 'global'];
  if (state.screen.name === 'conversation') return state.composing ? ['composer', 'global'] : ['conversation', 'global'];
  if (state.screen.name === 'approvals') return ['approvals', 'global'];
  if (state.searching) return ['search', 'global'];
  return ['queue', 'global'];
}

/** Whether typed characters are text here (a reply, a search, a dialog's field) rather than keys. */
function receivesText(state: TuiState): boolean {
  const overlay = state.overlay;
  if (overlay) {
    if (overlay.kind === 'dialog') return takesText(overlay);
    return overlay.kind === 'palette' || overlay.kind === 'macros' || overlay.kind === 'confirmQuit';
  }
  return (state.screen.name === 'conversation' && state.composing) || state.searching;
}

/** Where typed text goes, if anywhere: the focused text field (text-field.ts), or the quit question. */
function typeText(ctx: CommandContext, text: string): boolean {
  const { store } = ctx;
  const state = store.getState();
  if (state.overlay?.kind === 'confirmQuit') {
    if (text.toLowerCase() === 'y') ctx.exit();
    else if (text.toLowerCase() === 'n') store.update(() => ({ overlay: undefined }));
    return true;
  }
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
export function useKeyDispatch(ctx: CommandContext): void {
  const commands = ctx.store.getState().commands;
  const keymap = useMemo(() => buildKeymap(commands), [commands]);

  const handle = (input: string, key: Key): void => {
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
      const text = receivesText(state);
      if (!text && [...input].length > 1) {
        for (const ch of input) handle(ch, key);
        return;
      }
      const command = text ? undefined : resolveKey(keymap, contexts, keyName(input, key));
      if (command) runCommand(command, ctx);
      else typeText(ctx, input);
      return;
    }
    const command = resolveKey(keymap, contexts, keyName(input, key));
    if (command) runCommand(command, ctx);
  };

  useInput((input, key) => {
    for (const [one, oneKey] of splitInput(input, key)) handle(one, oneKey);
  });
  // Bracketed paste: a pasted reply arrives whole, newlines included, and never runs commands.
  usePaste((text) => {
    typeText(ctx, text);
  });
}
