import type { EditorState } from '../state/editor.js';
import type { CommandContext } from '../input/commands.js';

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

export type DialogType = 'freeze' | 'unfreeze' | 'refund' | 'approve' | 'reject' | 'snooze' | 'transfer' | 'tags' | 'makeReply' | 'resolveOthers'
  | 'priority' | 'category' | 'complaint' | 'macroFill';

export interface DialogState {
  kind: 'dialog';
  type: DialogType;
  /** What the dialog acts on: a conversation, an account, a refund. */
  subject: Record<string, string | number>;
  /** Answers so far, by step key. */
  values: Record<string, string>;
  /** What the dialog loaded to ask its questions (a customer's wallets, the agents, a preview). */
  data: Record<string, unknown>;
  loading: boolean;
  step: number;
  /** The list cursor of a choice step. */
  selected: number;
  /** The editor of a text step, what is typed to confirm, or the filter of a filtering choice step. */
  text: EditorState;
  /** The text is the step's default, shown selected: the first typing replaces it. */
  prefilled: boolean;
  busy: boolean;
  error: string | undefined;
  /** The idempotency key of the last submission and the answers it carried: resubmitting the same answers reuses it. */
  attempt: { key: string; values: string } | undefined;
}

/**
 * A dialog: its steps (each computed from the answers so far, null to skip), what it loads first,
 * what it checks before confirming, and what it does on confirmation. Steps never lose what was typed:
 * Esc goes back one step, and a refused submission stays on the confirmation with the reason.
 */
export interface DialogDefinition {
  title: (state: DialogState) => string;
  load?: (ctx: CommandContext, state: DialogState) => Promise<Record<string, unknown>>;
  steps: ((state: DialogState) => Step | null)[];
  /** Runs when the confirmation step is reached (a server-side preview), into `data`. */
  beforeConfirm?: (ctx: CommandContext, state: DialogState) => Promise<Record<string, unknown>>;
  /** Does it; returns the sentence to flash. Throws an ApiError to stay open with its message. */
  submit: (ctx: CommandContext, state: DialogState, idempotencyKey: string) => Promise<string>;
  /** What Enter does on its last question when no confirmation follows ("snoozes"): the hint says it. */
  verb?: string;
  /** False for a dialog that only changes the workspace (a draft's kind): nothing to reload after it. */
  changesServer?: boolean;
}
