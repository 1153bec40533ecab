import * as edit from '../state/editor.js';
import { draftOf } from '../state/selectors.js';
import type { TuiState } from '../state/types.js';
import type { CommandContext, Field } from './command-context.js';
import { atEnd } from './field.js';

/**
 * The one place text input goes: the field that has the keys now (an overlay's, from its controller;
 * else the reply box or the queue search). Typing, pasting and every editing key (Backspace, Ctrl+W,
 * Ctrl+U…) go through here, so each field edits the same way.
 */
export function focusedField(ctx: CommandContext, state: TuiState): Field | undefined {
  if (state.overlay) return ctx.overlayOf(state.overlay).field(state);
  if (state.screen.name === 'conversation' && state.composing) {
    const id = state.screen.id;
    return {
      editor: draftOf(state, id),
      selected: false,
      singleLine: false,
      write: (next) => ({ drafts: { ...state.drafts, [id]: next }, sendError: { ...state.sendError, [id]: undefined } }),
      after: (c) => c.actions.noteTyping(),
    };
  }
  if (state.searching) {
    return { editor: atEnd(state.filter.search), selected: false, singleLine: true, write: (next) => ({ filter: { ...state.filter, search: next.text } }) };
  }
  return undefined;
}

/** Whether typed characters are text here (a reply, a search, an overlay's field or answer) rather than keys. */
export function receivesText(ctx: CommandContext, state: TuiState): boolean {
  if (state.overlay) return ctx.overlayOf(state.overlay).takesText();
  return (state.screen.name === 'conversation' && state.composing) || state.searching;
}

function apply(ctx: CommandContext, field: Field, next: edit.EditorState): void {
  ctx.store.update(() => field.write(next));
  field.after?.(ctx);
}

/** Typed or pasted text: an overlay's answer, else into the focused field; false when nothing takes it. */
export function typeIntoField(ctx: CommandContext, text: string): boolean {
  const state = ctx.store.getState();
  if (state.overlay && ctx.overlayOf(state.overlay).answer(ctx, text)) return true;
  const field = focusedField(ctx, state);
  if (!field) return false;
  const clean = field.singleLine ? text.replace(/\s*[\r\n]+\s*/g, ' ') : text;
  apply(ctx, field, edit.insert(field.selected ? edit.emptyEditor : field.editor, clean));
  return true;
}

/** An editing key on the focused field. On a selected default a deletion clears it and a move keeps it. */
export function editField(ctx: CommandContext, change: (s: edit.EditorState) => edit.EditorState): void {
  const field = focusedField(ctx, ctx.store.getState());
  if (!field) return;
  const next = change(field.editor);
  apply(ctx, field, field.selected && next.text.length < field.editor.text.length ? edit.emptyEditor : next);
}
