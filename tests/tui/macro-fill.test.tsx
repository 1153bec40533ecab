import { describe, expect, it } from 'vitest';
import { isApiError } from '../../src/client/errors.js';
import { macroFillDialog } from '../../src/tui/dialogs/macro-fill.js';
import type { RenderedMacro } from '../../src/api/types.js';
import type { DialogDeps } from '../../src/tui/dialogs/deps.js';
import type { DialogStateOf } from '../../src/tui/state/dialog-state.js';
import { emptyEditor } from '../../src/tui/state/editor.js';
import { DOWN, ENTER, workspaceSuite } from '../helpers/workspace-harness.js';


describe('a macro that needs a transaction or wallet the conversation does not name', () => {
  const suite = workspaceSuite();

  /** The first open conversation where rendering `macro` fails on exactly `variable`. */
  async function conversationLacking(macro: string, variable: string) {
    for (const c of await suite.client.queue.listAll()) {
      try {
        await suite.client.macros.render(macro, { conversationId: c.id });
      } catch (error) {
        if (isApiError(error) && error.problem?.errors?.length === 1 && error.problem.errors[0]!.field === variable) return c;
      }
    }
    throw new Error(`no conversation lacks ${variable}`);
  }

  async function openReply(conversationId: number) {
    const { tui, frame, until, press } = await suite.open({ flatten: true });
    tui.actions.openConversation(conversationId);
    await until((f) => f.includes('Enter to reply'));
    await press(ENTER);
    await until((f) => f.includes('Reply to the customer'));
    return { tui, frame, until, press };
  }

  it('lets the agent choose the transaction in the picker, shows the filled text, and puts it into the reply', async () => {
    const conversation = await conversationLacking('refund-proof', '{{transaction.id}}');
    const transactions = await suite.client.customers.transactionsAll(conversation.customer.id);
    expect(transactions.length).toBeGreaterThan(1);
    const wanted = transactions[1]!;
    const { tui, frame, until, press } = await openReply(conversation.id);

    await press('/refund-proof');
    await until((f) => f.includes('▸ /refund-proof') && f.includes('cannot fill {{transaction.id}}'));
    await until((f) => f.includes('Enter: choose the transaction here'));
    // The workspace cannot pass an API parameter: it does not tell the agent to.
    expect(frame()).not.toContain('transactionId');

    await press(ENTER);
    await until((f) => f.includes('Which transaction is it about?') && f.includes(`${transactions.length} transactions`));
    // A first choice, then back (Esc) to another: the text shown is always the one for the current choice.
    await press(ENTER);
    await until((f) => f.includes('Enter to put it into the reply') && f.includes(transactions[0]!.id));
    await press('\u001b');
    await until((f) => f.includes('Which transaction is it about?'));
    await press(wanted.id);
    await until((f) => f.includes(`1 of ${transactions.length} transactions match`));
    await press(ENTER);
    // Filled in the customer's language, naming the chosen transaction.
    await until((f) => f.includes('Enter to put it into the reply') && f.includes(wanted.id) && !f.includes('Which transaction'));
    expect(frame()).not.toContain(transactions[0]!.id);
    expect(tui.store.getState().drafts[conversation.id]?.text ?? '').toBe('');
    await press(ENTER);
    await until((f) => f.includes(`Inserted /refund-proof for ${wanted.id}`));
    expect(tui.store.getState().overlay).toBeUndefined();
    const draft = tui.store.getState().drafts[conversation.id]!.text;
    expect(draft).toContain(wanted.id);
    expect(draft).not.toContain('{{');
    expect(tui.store.getState().composeKind[conversation.id]).toBe('reply');
  });

  it('lets the agent choose the wallet when the customer has several', async () => {
    const conversation = await conversationLacking('sec-frozen', '{{account.id}}');
    const wallets = (await suite.client.conversations.get(conversation.id)).accounts;
    expect(wallets.length).toBeGreaterThan(1);
    const { tui, until, press } = await openReply(conversation.id);
    await press('/sec-frozen');
    await until((f) => f.includes('Enter: choose the wallet here'));
    await press(ENTER);
    await until((f) => f.includes('Which wallet is it about?'));
    await press(DOWN);
    await press(ENTER);
    await until((f) => f.includes('Enter to put it into the reply') && f.includes(wallets[1]!.id) && !f.includes('Which wallet'));
    await press(ENTER);
    await until((f) => !f.includes('Enter to put it into the reply'));
    expect(tui.store.getState().drafts[conversation.id]!.text).toContain(wallets[1]!.id);
  });

  it('never shows or inserts text filled for an earlier choice while the new one is on its way', async () => {
    const earlier = { macro: { id: 'mac_x', name: 'x', shortcut: 'x' }, conversationId: 1, language: 'en' as const, requestedLanguage: 'en' as const, fallback: false, notice: null, text: 'about txn_first000', variables: [] } satisfies RenderedMacro;
    const state: DialogStateOf<'macroFill'> = {
      kind: 'dialog', type: 'macroFill', subject: { conversationId: 1, macroId: 'mac_x', shortcut: 'x', choose: 'transaction' },
      values: { transaction: 'txn_second00' },
      data: { rendered: { key: 'txn_first000|', macro: earlier } },
      loading: false, step: 2, selected: 0, text: emptyEditor, prefilled: false, busy: false, error: undefined, attempt: undefined,
    };
    expect(macroFillDialog.steps[2]!(state)).toMatchObject({ kind: 'confirm', lines: [], loading: true });
    const inserted: unknown[] = [];
    // Only the store is reached for: a submission that inserted anything would call its update.
    const deps = { store: { update: (change: unknown) => inserted.push(change) } } as unknown as DialogDeps;
    await expect(macroFillDialog.submit(deps, state, 'key')).rejects.toThrow('not here yet');
    expect(inserted).toEqual([]);
  });
});
