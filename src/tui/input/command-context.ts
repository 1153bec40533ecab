import type { Actions } from '../effects/actions.js';
import type { EditorState } from '../state/editor.js';
import type { Store } from '../state/store.js';
import type { Overlay, TuiState } from '../state/types.js';

/** What commands act through: the store, the effects, the app's exit and suspend, and the overlays' controllers. */
export interface CommandContext {
  store: Store;
  actions: Actions;
  exit: () => void;
  suspend: () => void;
  /**
   * Runs a shell command with the terminal handed to it (the workspace suspended, then redrawn), and
   * resolves with its exit code (null when a signal ended it).
   */
  runInTerminal: (command: string, env: Record<string, string>) => Promise<number | null>;
  /** The open overlay's controller, bound to it (the registry in view/overlays/ declares one per kind). */
  overlayOf: (overlay: Overlay) => BoundOverlay;
}

/** An overlay's controller (input/overlays/controller.ts) with its overlay: what the commands and the text input call. */
export interface BoundOverlay {
  takesText(): boolean;
  field(state: TuiState): Field | undefined;
  /** False when the overlay takes no answer (typed text then goes to its field). */
  answer(ctx: CommandContext, text: string): boolean;
  close(ctx: CommandContext): void;
  move(ctx: CommandContext, delta: number): void;
  accept(ctx: CommandContext): void;
}

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
