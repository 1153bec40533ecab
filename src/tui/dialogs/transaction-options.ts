import { displayMoney, formatMoney } from '../../api/money.js';
import { shortTime } from '../../api/text/durations.js';
import { displayWidth, fitToWidth } from '../../api/text/width.js';
import type { RefundableTransaction } from '../../api/types.js';
import type { ChoiceOption } from './types.js';

/**
 * Transactions as list options, in the order given (newest first from the API): the amount in the
 * option's own column (the dialog view right-aligns it so amounts compare at a glance), the time, the merchant, and what is
 * left to refund when part of it was. Typing finds one by amount (with or without grouping), merchant,
 * id, date (2026-11-24) or type.
 */
export function transactionOptions(transactions: readonly RefundableTransaction[], now: number, options: { showRefundable?: boolean } = {}): ChoiceOption[] {
  const times = transactions.map((t) => shortTime(t.createdAt, now));
  const timeWidth = Math.max(0, ...times.map(displayWidth));
  return transactions.map((t, i) => {
    const partial = options.showRefundable && t.refundable.amount < t.amount.amount ? ` · refundable ${displayMoney(t.refundable)}` : '';
    const kind = t.type === 'payment' ? '' : ` · ${t.type.replace('_', ' ')}`;
    const failed = t.status === 'succeeded' ? '' : ` · ${t.status}`;
    return {
      value: t.id,
      label: `${fitToWidth(times[i]!, timeWidth)}  ${t.counterparty}${kind}${failed}${partial}`,
      amount: displayMoney(t.amount),
      detail: t.id,
      keywords: `${formatMoney(t.amount.amount, t.amount.currency)} ${t.createdAt.slice(0, 10)} ${t.type}`,
    };
  });
}
