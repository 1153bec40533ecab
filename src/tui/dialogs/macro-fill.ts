import { displayMoney } from '../../api/money.js';
import type { RenderedMacro } from '../../api/types.js';
import type { DialogStateOf } from '../state/dialog-state.js';
import { withMacroText } from '../state/macro-text.js';
import { transactionOptions } from './transaction-options.js';
import type { DialogDefinition } from './types.js';

type DialogState = DialogStateOf<'macroFill'>;

/** Customers rarely have more; beyond this the filter still finds the latest ones. */
const MAX_TRANSACTIONS = 1000;

const transactionsOf = (state: DialogState) => state.data.transactions ?? [];
const walletsOf = (state: DialogState) => state.data.accounts ?? [];
const choosing = (state: DialogState) => state.subject.choose;
/** The answers the filled text was made for: going back and choosing again asks the server again. */
const answersKey = (state: DialogState) => `${state.values['transaction'] ?? ''}|${state.values['account'] ?? ''}`;

function renderedFor(state: DialogState): RenderedMacro | undefined {
  const rendered = state.data.rendered;
  return rendered?.key === answersKey(state) ? rendered.macro : undefined;
}

/**
 * The macro picker's Enter on a macro that needs a transaction (or a wallet) the conversation does not
 * name: the agent chooses it from the customer's transactions, newest first, filtered by typing (or
 * from the wallets), sees the filled text, and Enter puts it into the reply.
 */
export const macroFillDialog: DialogDefinition<'macroFill'> = {
  title: (state) => `Fill /${state.subject.shortcut}`,
  load: async (deps, state) => {
    const detail = await deps.client.conversations.get(state.subject.conversationId);
    const transactions = choosing(state) === 'transaction' ? await deps.client.customers.transactionsAll(detail.customer.id, {}, MAX_TRANSACTIONS) : [];
    return { accounts: detail.accounts, transactions };
  },
  steps: [
    (state) => {
      if (choosing(state) !== 'transaction') return null;
      if (!transactionsOf(state).length) return { kind: 'info', title: 'No transaction to choose', lines: ['This customer has no transaction yet, so the macro cannot name one.'] };
      return {
        kind: 'choice',
        key: 'transaction',
        title: 'Which transaction is it about?',
        options: transactionOptions(transactionsOf(state), Date.now()),
        filter: { placeholder: 'type an amount, merchant, id or date to filter', noun: 'transaction' },
      };
    },
    (state) =>
      choosing(state) === 'account'
        ? {
            kind: 'choice',
            key: 'account',
            title: 'Which wallet is it about?',
            options: walletsOf(state).map((w) => ({ value: w.id, label: `${w.currency}  ${displayMoney(w.balance)}  ${w.status}`, detail: w.id })),
          }
        : null,
    (state) => {
      const rendered = renderedFor(state);
      return { kind: 'confirm', title: 'Enter to put it into the reply', lines: rendered ? rendered.text.split('\n') : [], loading: !rendered };
    },
  ],
  beforeConfirm: async (deps, state) => {
    const transactionId = state.values['transaction'];
    const accountId = state.values['account'];
    const macro = await deps.client.macros.render(state.subject.macroId, {
      conversationId: state.subject.conversationId,
      ...(transactionId ? { transactionId } : {}),
      ...(accountId ? { accountId } : {}),
    });
    return { rendered: { key: answersKey(state), macro } };
  },
  submit: async (deps, state) => {
    const rendered = renderedFor(state);
    if (!rendered) throw new Error('the filled text is not here yet');
    deps.store.update((s) => withMacroText(s, state.subject.conversationId, rendered.text));
    return `Inserted /${rendered.macro.shortcut} for ${state.values['transaction'] ?? state.values['account']}`;
  },
  changesServer: false,
};
