import type { Kysely } from 'kysely';
import type { Currency } from '../../api/currencies.js';
import type { AccountStatus, FailureReason, KycLevel, Language, PaymentMethod, TransactionStatus, TransactionType } from '../../api/enums.js';
import type { Customer, Transaction, WalletAccount } from '../../api/types.js';
import type { CustomersTable, Database, TransactionsTable, WalletAccountsTable } from './tables.js';
import { iso } from './time.js';

export function toCustomer(row: CustomersTable): Customer {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    language: row.language as Language,
    kycLevel: row.kyc_level as KycLevel,
    twoFactorEnabled: row.two_factor_enabled === 1,
    createdAt: iso(row.created_at),
  };
}

export function toWalletAccount(row: WalletAccountsTable): WalletAccount {
  return {
    id: row.id,
    customerId: row.customer_id,
    currency: row.currency as Currency,
    balance: { amount: row.balance, currency: row.currency as Currency },
    status: row.status as AccountStatus,
    createdAt: iso(row.created_at),
  };
}

export function toTransaction(row: TransactionsTable): Transaction {
  const currency = row.currency as Currency;
  return {
    id: row.id,
    accountId: row.account_id,
    type: row.type as TransactionType,
    status: row.status as TransactionStatus,
    amount: { amount: row.amount, currency },
    refunded: { amount: row.refunded_amount, currency },
    failureReason: row.failure_reason as FailureReason | null,
    paymentMethod: row.payment_method as PaymentMethod | null,
    counterparty: row.counterparty,
    description: row.description,
    foreign:
      row.foreign_amount !== null && row.foreign_currency !== null
        ? { amount: { amount: row.foreign_amount, currency: row.foreign_currency as Currency }, exchangeRate: row.exchange_rate ?? '' }
        : null,
    createdAt: iso(row.created_at),
  };
}

export async function findCustomer(db: Kysely<Database>, id: string) {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function accountsOf(db: Kysely<Database>, customerId: string) {
  return db.selectFrom('wallet_accounts').selectAll().where('customer_id', '=', customerId).orderBy('created_at').orderBy('id').execute();
}

export async function recentTransactionsOf(db: Kysely<Database>, customerId: string, limit: number) {
  return db
    .selectFrom('transactions')
    .innerJoin('wallet_accounts', 'wallet_accounts.id', 'transactions.account_id')
    .selectAll('transactions')
    .where('wallet_accounts.customer_id', '=', customerId)
    .orderBy('transactions.created_at', 'desc')
    .orderBy('transactions.id', 'desc')
    .limit(limit)
    .execute();
}

export async function findAccountRow(db: Kysely<Database>, id: string) {
  return db.selectFrom('wallet_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTransactionRow(db: Kysely<Database>, id: string) {
  return db.selectFrom('transactions').selectAll().where('id', '=', id).executeTakeFirst();
}
