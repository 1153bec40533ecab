import * as edit from '../state/editor.js';
import type { DialogData, DialogStateOf, DialogSubject, DialogType } from '../state/dialog-state.js';
import { visibleOptions } from './choice-filter.js';
import { definitionOf } from './registry.js';
import type { Step } from './types.js';

/**
 * How a dialog moves through its steps, as pure functions of its state: the effects (effects/dialogs.ts)
 * put what these return into the store and run the loads and submissions.
 */

export function stepOf<K extends DialogType>(state: DialogStateOf<K>): Step | null {
  return definitionOf(state.type).steps[state.step]?.(state) ?? null;
}

/** A dialog just opened on its subject: loading first when its questions need data. */
export function newDialog<K extends DialogType>(type: K, subject: DialogSubject<K>): DialogStateOf<K> {
  return {
    kind: 'dialog', type, subject, values: {}, data: {}, loading: Boolean(definitionOf(type).load), step: 0, selected: 0,
    text: edit.emptyEditor, prefilled: false, busy: false, error: undefined, attempt: undefined,
  };
}

/** The editor and list cursor a step starts with: what was answered before, or its default. */
function enter<K extends DialogType>(state: DialogStateOf<K>, index: number): DialogStateOf<K> {
  const at = { ...state, step: index, error: undefined };
  const step = stepOf(at);
  if (step?.kind === 'choice') {
    // Coming back to a list shows all of it again, the earlier answer selected.
    const i = step.options.findIndex((o) => o.value === (at.values[step.key] ?? step.initial));
    return { ...at, selected: Math.max(0, i), text: edit.emptyEditor, prefilled: false };
  }
  if (step?.kind === 'text') {
    const answered = at.values[step.key];
    const text = answered ?? step.initial ?? '';
    return { ...at, text: { text, cursor: text.length }, prefilled: answered === undefined && Boolean(step.selectInitial && text) };
  }
  return { ...at, text: edit.emptyEditor, prefilled: false };
}

/** The first step at or after `from` (or before, going back) that applies to the answers so far. */
function settle<K extends DialogType>(state: DialogStateOf<K>, from: number, direction: 1 | -1): DialogStateOf<K> | undefined {
  const steps = definitionOf(state.type).steps;
  for (let i = from; i >= 0 && i < steps.length; i += direction) {
    if (steps[i]?.(state)) return enter(state, i);
  }
  return undefined;
}

/** What it loaded is here: the first step that applies (undefined: none does, the dialog closes). */
export function loaded<K extends DialogType>(state: DialogStateOf<K>, data: DialogData<K>): DialogStateOf<K> | undefined {
  return settle({ ...state, data: { ...state.data, ...data }, loading: false }, 0, 1);
}

/** Whether this step is the confirmation and the dialog checks with the server before it. */
export function wantsPreview<K extends DialogType>(state: DialogStateOf<K>): boolean {
  return Boolean(definitionOf(state.type).beforeConfirm) && stepOf(state)?.kind === 'confirm';
}

/** Up or down a list step's options (those its filter leaves). */
export function moved<K extends DialogType>(d: DialogStateOf<K>, delta: number): DialogStateOf<K> {
  const step = stepOf(d);
  if (step?.kind !== 'choice' || d.busy) return d;
  const count = visibleOptions(step, d.text.text).length;
  return { ...d, selected: Math.max(0, Math.min(count - 1, d.selected + delta)) };
}

/** Whether typed characters go into this step: a text field, a confirmation to type, a list's filter. */
export function takesText<K extends DialogType>(state: DialogStateOf<K>): boolean {
  const step = stepOf(state);
  return step?.kind === 'text' || (step?.kind === 'confirm' && step.expect !== undefined) || (step?.kind === 'choice' && step.filter !== undefined);
}

/** Whether Enter on this step does the thing (no question and no confirmation follows), for its hint. */
export function isLastStep<K extends DialogType>(d: DialogStateOf<K>): boolean {
  const step = stepOf(d);
  if (!step || step.kind === 'confirm' || step.kind === 'info') return true;
  const answer = step.kind === 'choice' ? visibleOptions(step, d.text.text)[d.selected]?.value : d.text.text;
  return settle({ ...d, values: { ...d.values, [step.key]: answer ?? '' } }, d.step + 1, 1) === undefined;
}

/** Esc: one step back (undefined from the first: it closes). Nothing answered is forgotten on the way. */
export function back<K extends DialogType>(d: DialogStateOf<K>): DialogStateOf<K> | undefined {
  if (d.step === 0) return undefined;
  const step = stepOf(d);
  const values = step?.kind === 'text' ? { ...d.values, [step.key]: d.text.text } : d.values;
  return settle({ ...d, values }, d.step - 1, -1);
}

/** What Enter does: nothing, an error shown in place, the next step, or the submission of these answers. */
export type Accepted<K extends DialogType> =
  | { kind: 'nothing' }
  | { kind: 'error'; error: string }
  | { kind: 'next'; state: DialogStateOf<K> }
  | { kind: 'submit'; state: DialogStateOf<K> };

function advance<K extends DialogType>(d: DialogStateOf<K>): Accepted<K> {
  const next = settle(d, d.step + 1, 1);
  return next ? { kind: 'next', state: next } : { kind: 'submit', state: d };
}

/** Enter: answer this step and go on, or, on the confirmation, do it. */
export function accept<K extends DialogType>(d: DialogStateOf<K>): Accepted<K> {
  if (d.busy || d.loading) return { kind: 'nothing' };
  const step = stepOf(d);
  if (!step || step.kind === 'info') return { kind: 'nothing' };
  if (step.kind === 'choice') {
    const option = visibleOptions(step, d.text.text)[d.selected];
    if (!option) return { kind: 'error', error: step.filter ? `no ${step.filter.noun} matches "${d.text.text.trim()}"; Backspace widens the search` : 'nothing to choose' };
    return advance({ ...d, values: { ...d.values, [step.key]: option.value } });
  }
  if (step.kind === 'text') {
    const text = d.text.text.trim();
    if (!text && !step.optional) return { kind: 'error', error: 'this is required' };
    const problem = text ? step.validate?.(d.text.text) : undefined;
    if (problem) return { kind: 'error', error: problem };
    return advance({ ...d, values: { ...d.values, [step.key]: d.text.text } });
  }
  if (step.loading) return { kind: 'nothing' };
  if (step.expect !== undefined && d.text.text.trim() !== step.expect) return { kind: 'error', error: `type ${step.expect} exactly to confirm` };
  return { kind: 'submit', state: d };
}
