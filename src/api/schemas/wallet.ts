import Type from 'typebox';
import {
  ACCOUNT_STATUSES,
  FAILURE_REASONS,
  PAYMENT_METHODS,
  KYC_LEVELS,
  LANGUAGES,
  TRANSACTION_STATUSES,
  TRANSACTION_TYPES,
} from '../enums.js';
import { CurrencyCode, Money, Nullable, PrefixedId, Timestamp } from './common.js';

export const CustomerId = PrefixedId('cus');
export const AccountId = PrefixedId('wal');
export const TransactionId = PrefixedId('txn');

export const Customer = Type.Object({
  id: CustomerId,
  name: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  language: Type.Enum(LANGUAGES),
  kycLevel: Type.Enum(KYC_LEVELS),
  twoFactorEnabled: Type.Boolean(),
  createdAt: Timestamp,
});

export const WalletAccount = Type.Object({
  id: AccountId,
  customerId: CustomerId,
  currency: CurrencyCode,
  balance: Money,
  status: Type.Enum(ACCOUNT_STATUSES),
  createdAt: Timestamp,
});

export const Transaction = Type.Object({
  id: TransactionId,
  accountId: AccountId,
  type: Type.Enum(TRANSACTION_TYPES),
  status: Type.Enum(TRANSACTION_STATUSES),
  amount: Money,
  refunded: Money,
  failureReason: Nullable(Type.Enum(FAILURE_REASONS)),
  /** How it was paid or funded; null for transactions recorded before the desk kept it. */
  paymentMethod: Nullable(Type.Enum(PAYMENT_METHODS)),
  counterparty: Type.String(),
  description: Type.String(),
  /** For international payments: what the counterparty received, and the rate applied. */
  foreign: Nullable(Type.Object({ amount: Money, exchangeRate: Type.String() })),
  createdAt: Timestamp,
});
