import { describe, expect, it } from 'vitest';
import type { CustomerContext } from '../../../src/api/types.js';
import { accept, back, isLastStep, loaded, moved, newDialog, stepOf, takesText } from '../../../src/tui/dialogs/engine.js';
import type { DialogStateOf, DialogType } from '../../../src/tui/state/dialog-state.js';
import { insert } from '../../../src/tui/state/editor.js';
import { wallet } from '../../helpers/tui-state.js';

const onConversation = { conversationId: 7, customerId: 'cus_00000001', agentId: 'agt_me000000' };

/** The dialog as it stands after opening and loading (with this data). */
function opened<K extends DialogType>(dialog: DialogStateOf<K>, data: DialogStateOf<K>['data'] = {}): DialogStateOf<K> {
  const ready = loaded(dialog, data);
  if (!ready) throw new Error('no step applies');
  return ready;
}

const typed = <K extends DialogType>(d: DialogStateOf<K>, text: string): DialogStateOf<K> => ({ ...d, text: insert({ text: '', cursor: 0 }, text), prefilled: false });

function next<K extends DialogType>(d: DialogStateOf<K>): DialogStateOf<K> {
  const outcome = accept(d);
  if (outcome.kind !== 'next') throw new Error(`expected the next step, got ${JSON.stringify(outcome)}`);
  return outcome.state;
}

/** Frozen all the way down: a step that writes into the state it is shown throws here. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('the dialog engine', () => {
  it('starts a text step with its default selected, so that typing replaces it', () => {
    const d = opened(newDialog('snooze', onConversation));
    expect(d.text.text).toBe('2h');
    expect(d.prefilled).toBe(true);
    expect(takesText(d)).toBe(true);
    expect(isLastStep(d)).toBe(true);
  });

  it('refuses an empty required answer and an invalid one in place, and submits a valid one', () => {
    const d = opened(newDialog('snooze', onConversation));
    expect(accept(typed(d, '  '))).toEqual({ kind: 'error', error: 'this is required' });
    expect(accept(typed(d, 'soon'))).toMatchObject({ kind: 'error', error: expect.stringContaining('write a duration') });
    const outcome = accept(typed(d, '30m'));
    expect(outcome).toMatchObject({ kind: 'submit', state: { values: { until: '30m' } } });
  });

  it('selects the current value of a list, and moves within its options only', () => {
    const d = opened(newDialog('priority', { ...onConversation, priority: 'high' }));
    const step = stepOf(d);
    expect(step?.kind).toBe('choice');
    const options = step?.kind === 'choice' ? step.options.map((o) => o.value) : [];
    expect(options[d.selected]).toBe('high');
    expect(moved(d, -100).selected).toBe(0);
    expect(moved(d, 100).selected).toBe(options.length - 1);
  });

  it('goes back a step keeping what was typed, and closes from the first', () => {
    const first = opened(newDialog('reject', { refundId: 'ref_00000001' }));
    const confirm = next(typed(first, 'duplicate'));
    expect(stepOf(confirm)?.kind).toBe('confirm');
    const again = back(confirm);
    expect(again?.text.text).toBe('duplicate');
    expect(back(first)).toBeUndefined();
  });

  it('asks for the wallet id typed exactly before freezing, and never writes into the state while showing a step', () => {
    const context = { accounts: [wallet('acc_only0001'), wallet('acc_frozen01', 'frozen')] } as unknown as CustomerContext; // only the wallets are read
    const d = opened(deepFreeze(newDialog('freeze', onConversation)), deepFreeze({ context }));
    // One active wallet: its question is skipped; the reason comes first.
    expect(stepOf(d)).toMatchObject({ kind: 'choice', key: 'reason' });
    const note = next(deepFreeze(d));
    const confirm = next(typed(note, 'customer called'));
    expect(stepOf(confirm)).toMatchObject({ kind: 'confirm', expect: 'acc_only0001' });
    expect(accept(typed(confirm, 'acc_other'))).toEqual({ kind: 'error', error: 'type acc_only0001 exactly to confirm' });
    expect(accept(typed(confirm, 'acc_only0001')).kind).toBe('submit');
  });

  it('says there is nothing to do when no step applies yet but an information step does', () => {
    const d = opened(newDialog('unfreeze', onConversation), { context: { accounts: [wallet('acc_only0001')] } as unknown as CustomerContext }); // only the wallets are read
    expect(stepOf(d)).toMatchObject({ kind: 'info', title: 'Nothing to unfreeze' });
    expect(accept(d)).toEqual({ kind: 'nothing' });
  });
});
