import type { CommandContext } from './commands.js';
import { selectMacro } from './commands.js';
import { stepOf, takesText } from '../dialogs/engine.js';
import * as edit from '../state/editor.js';
import { draftOf, type TuiState } from '../state/store.js';

/**
 * The text field that has the keys now: the reply box, the queue search, a dialog's line, the palette's
 * or the macro picker's filter. Typing and every editing key (Backspace, Ctrl+W, Ctrl+U…) go through
 * here, so each field edits the same way.
 */
interface Field {
  editor: edit.EditorState;
  /** A prefilled default not typed into yet: typing replaces it and a deletion clears it, as with a selected default. */
  selected: boolean;
  /** One-line fields take a pasted newline as a space. */
  singleLine: boolean;
  write: (next: edit.EditorState) => Partial<TuiState>;
  /** What follows a change (the picker previews its new first match; others see us typing). */
  after?: (ctx: CommandContext) => void;
}

const atEnd = (text: string): edit.EditorState => ({ text, cursor: text.length });

export function focusedField(state: TuiState): Field | undefined {
  const overlay = state.overlay;
  if (overlay?.kind === 'palette') {
    return { editor: atEnd(overlay.query), selected: false, singleLine: true, write: (next) => ({ overlay: { ...overlay, query: next.text, selected: 0 } }) };
  }
  if (overlay?.kind === 'macros') {
    return { editor: atEnd(overlay.query), selected: false, singleLine: true, write: (next) => ({ overlay: { ...overlay, query: next.text } }), after: (ctx) => selectMacro(ctx, 0) };
  }
  if (overlay?.kind === 'dialog') {
    if (overlay.busy || !takesText(overlay)) return undefined;
    // A list's filter is this field too: a new filter starts at the top of what it leaves.
    const selected = stepOf(overlay)?.kind === 'choice' ? 0 : overlay.selected;
    return { editor: overlay.text, selected: overlay.prefilled, singleLine: true, write: (next) => ({ overlay: { ...overlay, text: next, prefilled: false, error: undefined, selected } }) };
  }
  if (overlay) return undefined;
  if (state.screen.name === 'conversation' && state.composing) {
    const id = state.screen.id;
    return {
      editor: draftOf(state, id),
      selected: false,
      singleLine: false,
      write: (next) => ({ drafts: { ...state.drafts, [id]: next }, sendError: { ...state.sendError, [id]: undefined } }),
      after: (ctx) => ctx.actions.noteTyping(),
    };
  }
  if (state.searching) {
    return { editor: atEnd(state.filter.search), selected: false, singleLine: true, write: (next) => ({ filter: { ...state.filter, search: next.text } }) };
  }
  return undefined;
}

function apply(ctx: CommandContext, field: Field, next: edit.EditorState): void {
  ctx.store.update(() => field.write(next));
  field.after?.(ctx);
}

/** Typed or pasted text into the focused field; false when no field has the keys. */
export function typeIntoField(ctx: CommandContext, text: string): boolean {
  const field = focusedField(ctx.store.getState());
  if (!field) return false;
  const clean = field.singleLine ? text.replace(/\s*[\r\n]+\s*/g, ' ') : text;
  apply(ctx, field, edit.insert(field.selected ? edit.emptyEditor : field.editor, clean));
  return true;
}

/** An editing key on the focused field. On a selected default a deletion clears it and a move keeps it. */
export function editField(ctx: CommandContext, change: (s: edit.EditorState) => edit.EditorState): void {
  const field = focusedField(ctx.store.getState());
  if (!field) return;
  const next = change(field.editor);
  apply(ctx, field, field.selected && next.text.length < field.editor.text.length ? edit.emptyEditor : next);
}
