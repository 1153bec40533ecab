import type { PaymentMethod, TransactionType } from '../../api/enums.js';

/** Stores where customers mostly scan a QRIS code at the till. */
const AT_THE_TILL = /alfamart|indomaret|starbucks|uniqlo|pertamina|kopi/i;

// A string, not a regex literal: the bundle stays one byte a character (assertOneByteSources in bin/build.js).
const EWALLET_TOP_UP = new RegExp('支付宝|ovo|gopay|dana', 'i');

/**
 * How a demo transaction was paid, from what it already says: top-ups name their source, transfers
 * go through banks, refunds land in the wallet, international payments go on a card, and a payment
 * is spread over QRIS, the balance and a card by its id, so that the seed's random draws stay the same.
 */
export function demoPaymentMethod(t: { id: string; type: string; counterparty: string; foreign_currency?: string | null | undefined }): PaymentMethod {
  const type = t.type as TransactionType;
  if (type === 'refund') return 'wallet_balance';
  if (type === 'top_up' || type === 'transfer_in') {
    if (/virtual account/i.test(t.counterparty)) return 'virtual_account';
    if (EWALLET_TOP_UP.test(t.counterparty)) return 'ewallet_topup';
    return 'bank_transfer';
  }
  if (type === 'transfer_out' || type === 'withdrawal') return /ovo|gopay|dana/i.test(t.counterparty) ? 'ewallet_topup' : 'bank_transfer';
  if (t.foreign_currency) return 'card';
  const spread = [...t.id].reduce((sum, ch) => (sum * 31 + ch.charCodeAt(0)) % 1009, 7) % 10;
  if (AT_THE_TILL.test(t.counterparty)) return spread < 7 ? 'qris' : 'wallet_balance';
  return spread < 2 ? 'qris' : spread < 8 ? 'wallet_balance' : 'card';
}
