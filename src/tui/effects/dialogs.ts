import { randomUUID } from 'node:crypto';
import type { DialogDeps } from '../dialogs/deps.js';
import { accept, back, loaded, moved, newDialog, wantsPreview } from '../dialogs/engine.js';
import { definitionOf } from '../dialogs/registry.js';
import { isDialogOf, type DialogData, type DialogState, type DialogStateOf, type DialogSubject, type DialogType } from '../state/dialog-state.js';
import type { Store } from '../state/store.js';

// A dialog shows the server's sentence as it is: no hint about the outbox, which dialogs do not use.
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface DialogOutcomes {
  flash(text: string): void;
  /** After a dialog changed something on the server: what shows it is loaded again. */
  refreshAfterChange(subject: object): void;
}

/** Runs dialogs: puts the engine's next state in the store, loads what they ask, submits once per answers. */
export function createDialogEffects(store: Store, deps: DialogDeps, outcomes: DialogOutcomes) {
  const current = (): DialogState | undefined => {
    const overlay = store.getState().overlay;
    return overlay?.kind === 'dialog' ? overlay : undefined;
  };
  const currentOf = <K extends DialogType>(type: K): DialogStateOf<K> | undefined => {
    const d = current();
    return d && isDialogOf(d, type) ? d : undefined;
  };
  const show = <K extends DialogType>(d: DialogStateOf<K> | undefined) => store.update(() => ({ overlay: d }));
  const patch = (change: Partial<Pick<DialogState, 'error' | 'busy' | 'loading' | 'attempt'>>) =>
    store.update((s) => (s.overlay?.kind === 'dialog' ? { overlay: { ...s.overlay, ...change } } : {}));
  const mergeData = <K extends DialogType>(type: K, data: DialogData<K>) => {
    const d = currentOf(type);
    if (d) show({ ...d, data: { ...d.data, ...data } });
  };

  async function reachConfirm<K extends DialogType>(state: DialogStateOf<K>): Promise<void> {
    const before = definitionOf(state.type).beforeConfirm;
    if (!before || !wantsPreview(state)) return;
    try {
      mergeData(state.type, await before(deps, state));
    } catch (error) {
      patch({ error: messageOf(error) });
    }
  }

  /** Opens a dialog on its subject, loading what its questions need first. */
  function openDialog<K extends DialogType>(type: K, subject: DialogSubject<K>): void {
    const initial = newDialog(type, subject);
    show(initial);
    const start = (data: DialogData<K>) => {
      const d = currentOf(type);
      if (!d) return;
      const ready = loaded(d, data);
      show(ready);
      if (ready) void reachConfirm(ready);
    };
    const load = definitionOf(type).load;
    if (!load) return start({});
    load(deps, initial).then(start, (error: unknown) => patch({ loading: false, error: `could not load what this needs: ${messageOf(error)}` }));
  }

  function dialogMove(delta: number): void {
    const d = current();
    if (d) show(moved(d, delta));
  }

  /** Esc: one step back, or close from the first. */
  function dialogBack(): void {
    const d = current();
    if (d && !d.busy) show(back(d));
  }

  /** Enter: answer this step and go on, or, on the confirmation, do it. */
  function dialogAccept(): void {
    const d = current();
    if (!d) return;
    const outcome = accept(d);
    if (outcome.kind === 'error') patch({ error: outcome.error });
    else if (outcome.kind === 'next') {
      show(outcome.state);
      void reachConfirm(outcome.state);
    } else if (outcome.kind === 'submit') void submit(outcome.state);
  }

  /**
   * Submits with an idempotency key kept for these exact answers: pressing Enter again after a timeout
   * cannot do it twice, and changed answers get a new key (the server refuses a key reused for another body).
   */
  async function submit<K extends DialogType>(d: DialogStateOf<K>): Promise<void> {
    const values = JSON.stringify(d.values);
    const attempt = d.attempt?.values === values ? d.attempt : { key: randomUUID(), values };
    patch({ busy: true, error: undefined, attempt });
    const definition = definitionOf(d.type);
    try {
      const message = await definition.submit(deps, { ...d, attempt }, attempt.key);
      store.update((s) => (s.overlay?.kind === 'dialog' ? { overlay: undefined } : {}));
      outcomes.flash(message);
      if (definition.changesServer !== false) outcomes.refreshAfterChange(d.subject);
    } catch (error) {
      patch({ busy: false, error: messageOf(error) });
    }
  }

  return { openDialog, dialogMove, dialogBack, dialogAccept };
}
