import { displayMoney, formatMoney } from '../../api/money.js';
import { shortTime } from '../../api/text/durations.js';
import { displayWidth, fitToWidth } from '../../api/text/width.js';
import type { RefundableTransaction } from '../../api/types.js';
import type { ChoiceOption } from './types.js';

/**
 * Transactions as list options, in the order given (newest first from the API): the time, the amount
 * right-aligned in its own column so amounts can be compared at a glance, the merchant, and what is
 * left to refund when part of it was. Typing finds one by amount (with or without grouping), merchant,
 * id, date (2026-11-24) or type.
 */
export function transactionOptions(transactions: readonly RefundableTransaction[], now: number, options: { showRefundable?: boolean } = {}): ChoiceOption[] {
  const times = transactions.map((t) => shortTime(t.createdAt, now));
  const amounts = transactions.map((t) => displayMoney(t.amount));
  const timeWidth = Math.max(0, ...times.map(displayWidth));
  const amountWidth = Math.max(0, ...amounts.map(displayWidth));
  return transactions.map((t, i) => {
    const partial = options.showRefundable && t.refundable.amount < t.amount.amount ? ` · refundable ${displayMoney(t.refundable)}` : '';
    const kind = t.type === 'payment' ? '' : ` · ${t.type.replace('_', ' ')}`;
    const failed = t.status === 'succeeded' ? '' : ` · ${t.status}`;
    return {
      value: t.id,
      label: `${fitToWidth(times[i]!, timeWidth)}  ${fitToWidth(amounts[i]!, amountWidth, 'right')}  ${t.counterparty}${kind}${failed}${partial}`,
      detail: t.id,
      keywords: `${formatMoney(t.amount.amount, t.amount.currency)} ${t.createdAt.slice(0, 10)} ${t.type}`,
    };
  });
}
