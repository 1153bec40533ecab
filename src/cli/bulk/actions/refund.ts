import { isCurrency, type Currency } from '../../../api/currencies.js';
import { REFUND_REASONS } from '../../../api/enums.js';
import { displayMoney, formatMoney, MoneyError, parseMoney } from '../../../api/money.js';
import { CreateRefundRequest } from '../../../api/schemas/money.js';
import { checkRequest, present } from './check-request.js';
import { notFound, optional, replayed, required, type ActionSpec } from './spec.js';

interface RefundRow {
  transaction: string;
  /** Minor units; absent: everything left to refund. */
  amount?: number;
  currency?: Currency;
  reason: (typeof REFUND_REASONS)[number];
  note?: string;
}

export const refund: ActionSpec<RefundRow> = {
  noun: ['payment', 'payments'],
  verb: 'refund',
  columns: [
    { name: 'transaction', required: true, help: 'the payment to refund (txn_…)' },
    { name: 'amount', required: false, help: 'in the payment’s currency, such as 12.50 or 50000; empty: everything left to refund' },
    { name: 'currency', required: false, help: 'the payment’s currency (IDR, CNY…); required with an amount, so that its decimals are checked' },
    { name: 'reason', required: true, help: REFUND_REASONS.join(' | ') },
    { name: 'note', required: false, help: 'what the customer was told, or why' },
  ],
  example: ['transaction,amount,currency,reason,note', 'txn_4Jx2Qp9LmN7a,12.50,CNY,failed_delivery,Parcel lost', 'txn_9Tr5Wd2KpB4c,50000,IDR,duplicate,', 'txn_2Mn8Xc4VqR1e,,,service_issue,Whole payment back'],
  parse(fields, problem) {
    const transaction = required(fields, 'transaction', problem);
    const reason = required(fields, 'reason', problem);
    const note = optional(fields, 'note');
    const fieldsOk = checkRequest(
      CreateRefundRequest,
      present({ transactionId: transaction, reason, note }),
      { transactionId: { column: 'transaction', is: 'a transaction id (txn_…)' }, reason: { column: 'reason' }, note: { column: 'note' } },
      problem,
    );
    const rawAmount = optional(fields, 'amount');
    const rawCurrency = optional(fields, 'currency')?.toUpperCase();
    let amount: number | undefined;
    let currency: Currency | undefined;
    let moneyOk = true;
    if (rawCurrency !== undefined) {
      if (isCurrency(rawCurrency)) currency = rawCurrency;
      else {
        problem('currency', `"${rawCurrency}" is not a currency code (IDR, CNY, USD…)`);
        moneyOk = false;
      }
    }
    if (rawAmount !== undefined) {
      if (rawCurrency === undefined) {
        problem('currency', 'is empty: say the currency of the amount, so that its decimals can be checked');
        moneyOk = false;
      } else if (currency) {
        try {
          amount = parseMoney(rawAmount, currency).amount;
          if (amount === 0) {
            problem('amount', 'is zero: a refund must be more than zero');
            moneyOk = false;
          }
        } catch (error) {
          if (!(error instanceof MoneyError)) throw error;
          problem('amount', error.message);
          moneyOk = false;
        }
      }
    }
    if (!transaction || !reason || !fieldsOk || !moneyOk) return undefined;
    // The reason is one of REFUND_REASONS: the schema said so above.
    return { transaction, ...(amount !== undefined ? { amount } : {}), ...(currency ? { currency } : {}), reason: reason as RefundRow['reason'], ...(note ? { note } : {}) };
  },
  target: (row) => row.transaction,
  targetColumn: 'transaction',
  async lookup({ client }, id) {
    try {
      const { transaction } = await client.transactions.get(id);
      return { status: transaction.status, currency: transaction.amount.currency, refundable: transaction.refundable.amount, label: displayMoney(transaction.amount) };
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  },
  checkTarget(row, t) {
    if (row.currency && t.currency && row.currency !== t.currency) return { column: 'currency', message: `payment ${row.transaction} is in ${t.currency}, not ${row.currency}` };
    return undefined;
  },
  preview(row, t) {
    const currency = t.currency!;
    const amount = row.amount ?? t.refundable ?? 0;
    if ((t.refundable ?? 0) === 0) return `would be refused: nothing is left to refund of ${row.transaction}`;
    if (amount > (t.refundable ?? 0)) return `would be refused: ${formatMoney(amount, currency, { grouping: true })} ${currency} is more than the ${formatMoney(t.refundable!, currency, { grouping: true })} ${currency} left to refund`;
    return `would refund ${formatMoney(amount, currency, { grouping: true })} ${currency} of ${row.transaction} (${t.label})`;
  },
  async execute({ client }, row, key) {
    const done = await client.refunds.create(
      { transactionId: row.transaction, ...(row.amount !== undefined ? { amount: row.amount } : {}), reason: row.reason, ...(row.note ? { note: row.note } : {}) },
      { idempotencyKey: key },
    );
    return replayed(done.replayed, done.result.id, `${displayMoney(done.result.amount)} ${done.result.status}`);
  },
};
