import type { DialogData, DialogStateOf, DialogType } from '../state/dialog-state.js';
import type { DialogDeps } from './deps.js';

export interface ChoiceOption {
  value: string;
  label: string;
  /** Money shown in its own column, right-aligned so that amounts line up by their last digit. */
  amount?: string;
  detail?: string;
  /** More text that typing finds the option by (an amount without grouping, a date), not shown. */
  keywords?: string;
}

/** One screen of a dialog: pick from a list, type a line, or confirm. */
export type Step =
  /** `filter`: typing narrows the list (every word typed must appear in the option), for lists longer than a screen. */
  /** `initial`: the value selected when nothing was chosen yet (the current priority). */
  | { kind: 'choice'; key: string; title: string; options: ChoiceOption[]; filter?: { placeholder: string; noun: string }; initial?: string }
  /** `initial` is text to edit (the tags there are); with `selectInitial` it is a default that typing replaces. */
  | { kind: 'text'; key: string; title: string; hint?: string; initial?: string; selectInitial?: boolean; optional?: boolean; validate?: (text: string) => string | undefined }
  | { kind: 'confirm'; title: string; lines: string[]; danger?: boolean; expect?: string; loading?: boolean }
  /** Nothing to do here, and why: only Esc leaves it. */
  | { kind: 'info'; title: string; lines: string[] };

/**
 * A dialog: its steps (each computed from the answers so far, null to skip), what it loads first,
 * what it checks before confirming, and what it does on confirmation. Steps never lose what was typed:
 * Esc goes back one step, and a refused submission stays on the confirmation with the reason. Steps are
 * pure: they read the state and never change it.
 */
export interface DialogDefinition<K extends DialogType> {
  title: (state: DialogStateOf<K>) => string;
  load?: (deps: DialogDeps, state: DialogStateOf<K>) => Promise<DialogData<K>>;
  steps: ((state: DialogStateOf<K>) => Step | null)[];
  /** Runs when the confirmation step is reached (a server-side preview), into `data`. */
  beforeConfirm?: (deps: DialogDeps, state: DialogStateOf<K>) => Promise<DialogData<K>>;
  /** Does it; returns the sentence to flash. Throws an ApiError to stay open with its message. */
  submit: (deps: DialogDeps, state: DialogStateOf<K>, idempotencyKey: string) => Promise<string>;
  /** What Enter does on its last question when no confirmation follows ("snoozes"): the hint says it. */
  verb?: string;
  /** False for a dialog that only changes the workspace (a draft's kind): nothing to reload after it. */
  changesServer?: boolean;
}

/** Every dialog's definition, by type: a missing or mistyped one does not compile. */
export type DialogRegistry = { [K in DialogType]: DialogDefinition<K> };
