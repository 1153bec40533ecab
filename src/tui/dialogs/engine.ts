import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../input/commands.js';
import * as edit from '../state/editor.js';
import { visibleOptions } from './choice-filter.js';
import { DIALOGS } from './registry.js';
import type { DialogState, DialogType, Step } from './types.js';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const update = (ctx: CommandContext, change: (d: DialogState) => Partial<DialogState>) =>
  ctx.store.update((s) => (s.overlay?.kind === 'dialog' ? { overlay: { ...s.overlay, ...change(s.overlay) } } : {}));

const dialog = (ctx: CommandContext): DialogState | undefined => {
  const overlay = ctx.store.getState().overlay;
  return overlay?.kind === 'dialog' ? overlay : undefined;
};

export function stepOf(state: DialogState): Step | null {
  return DIALOGS[state.type].steps[state.step]?.(state) ?? null;
}

/** The editor and list cursor a step starts with: what was answered before, or its default. */
function enter(state: DialogState, index: number): DialogState {
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
function settle(state: DialogState, from: number, direction: 1 | -1): DialogState | undefined {
  const steps = DIALOGS[state.type].steps;
  for (let i = from; i >= 0 && i < steps.length; i += direction) {
    if (steps[i]!(state)) return enter(state, i);
  }
  return undefined;
}

async function reachConfirm(ctx: CommandContext, state: DialogState): Promise<void> {
  const before = DIALOGS[state.type].beforeConfirm;
  if (!before || stepOf(state)?.kind !== 'confirm') return;
  try {
    const data = await before(ctx, state);
    update(ctx, (d) => ({ data: { ...d.data, ...data } }));
  } catch (error) {
    update(ctx, () => ({ error: messageOf(error) }));
  }
}

/** Opens a dialog on its subject, loading what its questions need first. */
export function openDialog(ctx: CommandContext, type: DialogType, subject: DialogState['subject']): void {
  const initial: DialogState = {
    kind: 'dialog', type, subject, values: {}, data: {}, loading: Boolean(DIALOGS[type].load), step: 0, selected: 0,
    text: edit.emptyEditor, prefilled: false, busy: false, error: undefined, attempt: undefined,
  };
  ctx.store.update(() => ({ overlay: initial }));
  const load = DIALOGS[type].load;
  const start = (data: Record<string, unknown>) => {
    const current = dialog(ctx);
    if (!current || current.type !== type) return;
    const ready = settle({ ...current, data: { ...current.data, ...data }, loading: false }, 0, 1);
    ctx.store.update(() => ({ overlay: ready }));
    if (ready) void reachConfirm(ctx, ready);
  };
  if (!load) return start({});
  load(ctx, initial).then(start, (error: unknown) => update(ctx, () => ({ loading: false, error: `could not load what this needs: ${messageOf(error)}` })));
}

export function dialogMove(ctx: CommandContext, delta: number): void {
  const d = dialog(ctx);
  const step = d && stepOf(d);
  if (!d || step?.kind !== 'choice' || d.busy) return;
  const count = visibleOptions(step, d.text.text).length;
  update(ctx, () => ({ selected: Math.max(0, Math.min(count - 1, d.selected + delta)) }));
}

/** Whether typed characters go into this step: a text field, a confirmation to type, a list's filter. */
export function takesText(state: DialogState): boolean {
  const step = stepOf(state);
  return step?.kind === 'text' || (step?.kind === 'confirm' && step.expect !== undefined) || (step?.kind === 'choice' && step.filter !== undefined);
}

/** Whether Enter on this step does the thing (no question and no confirmation follows), for its hint. */
export function isLastStep(d: DialogState): boolean {
  const step = stepOf(d);
  if (!step || step.kind === 'confirm' || step.kind === 'info') return true;
  const answer = step.kind === 'choice' ? visibleOptions(step, d.text.text)[d.selected]?.value : d.text.text;
  return settle({ ...d, values: { ...d.values, [step.key]: answer ?? '' } }, d.step + 1, 1) === undefined;
}

/** Esc: one step back, or close from the first. Nothing answered is forgotten on the way. */
export function dialogBack(ctx: CommandContext): void {
  const d = dialog(ctx);
  if (!d) return;
  if (d.busy) return;
  const previous = d.step > 0 ? settle({ ...d, values: saveText(d) }, d.step - 1, -1) : undefined;
  ctx.store.update(() => ({ overlay: previous }));
}

function saveText(d: DialogState): Record<string, string> {
  const step = stepOf(d);
  return step?.kind === 'text' ? { ...d.values, [step.key]: d.text.text } : d.values;
}

/** Enter: answer this step and go on, or, on the confirmation, do it. */
export function dialogAccept(ctx: CommandContext): void {
  const d = dialog(ctx);
  if (!d || d.busy || d.loading) return;
  const step = stepOf(d);
  if (!step || step.kind === 'info') return;
  if (step.kind === 'choice') {
    const option = visibleOptions(step, d.text.text)[d.selected];
    if (!option) return update(ctx, () => ({ error: step.filter ? `no ${step.filter.noun} matches "${d.text.text.trim()}"; Backspace widens the search` : 'nothing to choose' }));
    return advance(ctx, { ...d, values: { ...d.values, [step.key]: option.value } });
  }
  if (step.kind === 'text') {
    const text = d.text.text.trim();
    if (!text && !step.optional) return update(ctx, () => ({ error: 'this is required' }));
    const problem = text ? step.validate?.(d.text.text) : undefined;
    if (problem) return update(ctx, () => ({ error: problem }));
    return advance(ctx, { ...d, values: { ...d.values, [step.key]: d.text.text } });
  }
  if (step.loading) return;
  if (step.expect !== undefined && d.text.text.trim() !== step.expect) {
    return update(ctx, () => ({ error: `type ${step.expect} exactly to confirm` }));
  }
  void submit(ctx, d);
}

function advance(ctx: CommandContext, d: DialogState): void {
  const next = settle(d, d.step + 1, 1);
  if (!next) {
    void submit(ctx, d);
    return;
  }
  ctx.store.update(() => ({ overlay: next }));
  void reachConfirm(ctx, next);
}

/**
 * Submits with an idempotency key kept for these exact answers: pressing Enter again after a timeout
 * cannot do it twice, and changed answers get a new key (the server refuses a key reused for another body).
 */
async function submit(ctx: CommandContext, d: DialogState): Promise<void> {
  const values = JSON.stringify(d.values);
  const attempt = d.attempt?.values === values ? d.attempt : { key: randomUUID(), values };
  update(ctx, () => ({ busy: true, error: undefined, attempt }));
  try {
    const message = await DIALOGS[d.type].submit(ctx, { ...d, attempt }, attempt.key);
    ctx.store.update((s) => (s.overlay?.kind === 'dialog' ? { overlay: undefined } : {}));
    ctx.actions.flash(message);
    if (DIALOGS[d.type].changesServer !== false) ctx.actions.refreshAfterChange(d.subject);
  } catch (error) {
    update(ctx, () => ({ busy: false, error: messageOf(error) }));
  }
}
