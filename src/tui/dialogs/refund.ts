import { ENTER } from './key-tokens.js';
import { REFUND_REASONS } from '../../api/enums.js';
import { displayMoney, formatMoney, MoneyError, parseMoney } from '../../api/money.js';
import type { RefundableTransaction } from '../../api/types.js';
import { REFUND_REASON_LABELS } from './money-labels.js';
import { transactionOptions } from './transaction-options.js';
import type { DialogStateOf } from '../state/dialog-state.js';
import { oneOf } from './one-of.js';
import type { DialogDefinition } from './types.js';

// A refund awaiting approval may hold all that is left: such a payment has nothing to offer now.
type RefundDialog = DialogStateOf<'refund'>;
const refundable = (state: RefundDialog) => (state.data.payments ?? []).filter((t) => t.refundable.amount > 0);
const chosen = (state: RefundDialog) => refundable(state).find((t) => t.id === state.values['transaction']);

/** The amount typed, in minor units of the payment's currency, or why it cannot be refunded. */
export function refundAmount(text: string, transaction: RefundableTransaction): { amount: number } | { error: string } {
  try {
    const { amount } = parseMoney(text, transaction.amount.currency);
    if (amount <= 0) return { error: 'the amount must be more than zero' };
    if (amount > transaction.refundable.amount) return { error: `at most ${displayMoney(transaction.refundable)} is left to refund on this payment` };
    return { amount };
  } catch (error) {
    return { error: error instanceof MoneyError ? error.message : String(error) };
  }
}

function reasonLabel(state: RefundDialog): string {
  const reason = oneOf(REFUND_REASONS, state.values['reason']);
  return reason ? REFUND_REASON_LABELS[reason] : '';
}

/** The payment chosen and the amount typed for it, or why they cannot be refunded. */
function answered(state: RefundDialog): { t: RefundableTransaction; result: { amount: number } } {
  const t = chosen(state);
  if (!t) throw new Error('choose a payment first');
  const result = refundAmount(state.values['amount'] ?? '', t);
  if ('error' in result) throw new Error(result.error);
  return { t, result };
}

/**
 * r: refund a payment: every payment of the customer with something left to refund, newest first,
 * read page by page (the customer panel shows only the latest transactions), filtered by typing. The amount is prefilled with what is
 * left to refund, at the currency's precision; the confirmation says the amount and currency and
 * whether it waits for a supervisor.
 */
export const refundDialog: DialogDefinition<'refund'> = {
  title: () => 'Refund a payment',
  load: async (deps, state) => ({ payments: await deps.client.customers.transactionsAll(state.subject.customerId, { refundable: true }) }),
  steps: [
    (state) => (refundable(state).length ? null : { kind: 'info', title: 'Nothing to refund', lines: ['The customer has no payment with anything left to refund.'] }),
    (state) => ({
      kind: 'choice',
      key: 'transaction',
      title: 'Which payment?',
      options: transactionOptions(refundable(state), Date.now(), { showRefundable: true }),
      filter: { placeholder: 'type an amount, merchant, id or date to filter', noun: 'payment' },
    }),
    (state) => {
      const t = chosen(state);
      if (!t) return null;
      return {
        kind: 'text',
        key: 'amount',
        title: `Amount in ${t.amount.currency} (left to refund: ${displayMoney(t.refundable)})`,
        initial: formatMoney(t.refundable.amount, t.refundable.currency),
        validate: (text) => {
          const result = refundAmount(text, t);
          return 'error' in result ? result.error : undefined;
        },
      };
    },
    () => ({ kind: 'choice', key: 'reason', title: 'Reason', options: REFUND_REASONS.map((r) => ({ value: r, label: REFUND_REASON_LABELS[r], detail: r })) }),
    () => ({ kind: 'text', key: 'note', title: 'Note for the record (optional)', optional: true }),
    (state) => {
      const t = chosen(state);
      if (!t) return null;
      const preview = state.data.preview;
      const parsed = refundAmount(state.values['amount'] ?? '', t);
      const amount = 'amount' in parsed ? parsed.amount : 0;
      const money = displayMoney({ amount, currency: t.amount.currency });
      const lines = [`Refund ${money} of the payment to ${t.counterparty} (${t.id})`, `into wallet ${t.accountId} · reason: ${reasonLabel(state)}`];
      if (preview) {
        lines.push(
          preview.approvalRequired
            ? `Above your limit (${displayMoney(preview.allowance.perRefund)} per refund, ${displayMoney(preview.allowance.remainingLast24h)} left today): it will wait for a supervisor's approval.`
            : `Within your limit: the money goes back at once. (${displayMoney(preview.allowance.remainingLast24h)} of your daily limit left.)`,
        );
      }
      return { kind: 'confirm', title: `${ENTER} to refund ${money}`, lines, loading: !preview };
    },
  ],
  beforeConfirm: async (deps, state) => {
    const { t, result } = answered(state);
    return { preview: await deps.client.refunds.preview({ transactionId: t.id, amount: result.amount }) };
  },
  submit: async (deps, state, idempotencyKey) => {
    const { t, result } = answered(state);
    const reason = oneOf(REFUND_REASONS, state.values['reason']);
    if (!reason) throw new Error('choose a reason first');
    const note = state.values['note']?.trim();
    const { result: refund } = await deps.client.refunds.create(
      { transactionId: t.id, amount: result.amount, reason, ...(note ? { note } : {}) },
      { idempotencyKey },
    );
    const money = displayMoney(refund.amount);
    return refund.status === 'pending_approval' ? `Refund of ${money} waits for a supervisor's approval (${refund.id})` : `Refunded ${money} (${refund.id})`;
  },
};
