import type { EditorState } from '../state/editor.js';
import type { TuiState } from '../state/types.js';
import type { CommandContext } from './command-context.js';

/**
 * A text field that has the keys: the reply box, the queue search, a dialog's line, the palette's or
 * the macro picker's filter. Typing and every editing key go through input/text-field.ts to it.
 */
export interface Field {
  editor: EditorState;
  /** A prefilled default not typed into yet: typing replaces it and a deletion clears it, as with a selected default. */
  selected: boolean;
  /** One-line fields take a pasted newline as a space. */
  singleLine: boolean;
  write: (next: EditorState) => Partial<TuiState>;
  /** What follows a change (the picker previews its new first match; others see us typing). */
  after?: (ctx: CommandContext) => void;
}

export const atEnd = (text: string): EditorState => ({ text, cursor: text.length });
