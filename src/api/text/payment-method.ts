import type { PaymentMethod } from '../enums.js';

const LABELS: Record<PaymentMethod, string> = {
  wallet_balance: 'balance',
  card: 'card',
  bank_transfer: 'bank transfer',
  virtual_account: 'VA',
  qris: 'QRIS',
  ewallet_topup: 'e-wallet',
};

/** "QRIS", "VA", "balance": how a transaction was paid, short enough for a wallet line; '' when unknown. */
export function paymentMethodLabel(method: PaymentMethod | null): string {
  return method === null ? '' : LABELS[method];
}
