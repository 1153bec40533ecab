import { parseTransactionFilter } from '../state/transaction-filter.js';
import type { DialogDefinition } from './types.js';

/**
 * / on the customer screen: narrow the transactions on one line. Status, type and since are asked of the
 * API over the whole history; amounts and counterparty narrow its answer. An empty line shows everything.
 */
export const transactionFilterDialog: DialogDefinition<'transactionFilter'> = {
  title: () => 'Filter the transactions',
  verb: 'filters',
  changesServer: false,
  steps: [
    (state) => ({
      kind: 'text',
      key: 'filter',
      title: 'Status, type, since, amount, counterparty (e.g. failed payment 7d >50000 tokopedia; empty: all)',
      hint: 'statuses: pending succeeded failed · types: payment top_up transfer_out transfer_in withdrawal refund · since: 7d, 24h, 2026-11-01 · days: 2026-11-01..2026-11-30 · amounts: 50000, >=12.50, 10000-50000',
      initial: state.subject.text,
      optional: true,
      validate: (text) => {
        const parsed = parseTransactionFilter(text, Date.now());
        return 'error' in parsed ? parsed.error : undefined;
      },
    }),
  ],
  submit: async (deps, state) => {
    const text = (state.values['filter'] ?? '').trim();
    if (!text) {
      deps.filterTransactions(state.subject.customerId, undefined);
      return 'Showing every transaction';
    }
    const parsed = parseTransactionFilter(text, Date.now());
    if ('error' in parsed) throw new Error(parsed.error);
    deps.filterTransactions(state.subject.customerId, parsed.filter);
    return `Transactions filtered: ${text}`;
  },
};
