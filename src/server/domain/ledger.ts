import { OUTGOING_TRANSACTION_TYPES, type TransactionStatus, type TransactionType } from '../../api/enums.js';

/**
 * How a transaction moves a wallet's balance. Money going out is held from the moment it is pending
 * (the customer sees it gone); failed transactions move nothing. The balance column is the running sum
 * of these effects and is only ever changed together with the transaction that causes it.
 */
export function balanceEffect(type: TransactionType, status: TransactionStatus, amount: number): number {
  if (status === 'failed') return 0;
  if (OUTGOING_TRANSACTION_TYPES.includes(type)) return -amount;
  return status === 'succeeded' ? amount : 0;
}
