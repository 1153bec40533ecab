import { useInput, usePaste, type Key } from 'ink';
import { useMemo } from 'react';
import { openMacroPicker, runCommand, selectMacro, type CommandContext } from '../commands.js';
import { dialogType, takesText } from '../dialogs/engine.js';
import * as edit from '../editor.js';
import { isText, keyName, splitInput } from '../keys.js';
import { buildKeymap, resolveKey, type Context } from '../keymap.js';
import { draftOf, type TuiState } from '../store.js';

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

/** Where typed text goes, if anywhere: the composer, the search, the palette's query. */
function typeText(ctx: CommandContext, text: string): boolean {
  const { store } = ctx;
  const state = store.getState();
  if (state.overlay?.kind === 'palette') {
    const overlay = state.overlay;
    store.update(() => ({ overlay: { ...overlay, query: overlay.query + text.replace(/\s+/g, ' '), selected: 0 } }));
    return true;
  }
  if (state.overlay?.kind === 'macros') {
    const overlay = state.overlay;
    store.update(() => ({ overlay: { ...overlay, query: overlay.query + text.replace(/\s+/g, ' ') } }));
    selectMacro(ctx, 0);
    return true;
  }
  if (state.overlay?.kind === 'confirmQuit') {
    if (text.toLowerCase() === 'y') ctx.exit();
    else if (text.toLowerCase() === 'n') store.update(() => ({ overlay: undefined }));
    return true;
  }
  if (state.overlay?.kind === 'dialog') {
    dialogType(ctx, text);
    return true;
  }
  if (state.overlay) return false;
  if (state.screen.name === 'conversation' && state.composing) {
    const id = state.screen.id;
    // "/" at the start of an empty reply opens the macro picker, as in Chatwoot and Slack.
    if (text.startsWith('/') && draftOf(state, id).text === '') {
      openMacroPicker(ctx, id, text.slice(1));
      return true;
    }
    ctx.actions.noteTyping();
    store.update((s) => ({ drafts: { ...s.drafts, [id]: edit.insert(draftOf(s, id), text) }, sendError: { ...s.sendError, [id]: undefined } }));
    return true;
  }
  if (state.searching) {
    store.update((s) => ({ filter: { ...s.filter, search: s.filter.search + text.replace(/[\r\n]+/g, ' ') } }));
    return true;
  }
  return false;
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
