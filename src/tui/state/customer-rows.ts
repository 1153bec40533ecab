import type { AccountStatusChange, Complaint, ConversationSummary, Refund, RefundableTransaction } from '../../api/types.js';
import { transactionMatches } from './transaction-filter.js';
import type { TuiState } from './types.js';

/** The whole history is paged in; beyond this many the screen says so rather than loading forever. */
export const CUSTOMER_TRANSACTIONS_MAX = 5000;
export const CUSTOMER_CONVERSATIONS_MAX = 2000;

/** A row of the customer screen's list: conversations first (one timeline across channels), then the money, complaints, and what happened to the wallets. */
export type CustomerRow =
  | { kind: 'conversation'; conversation: ConversationSummary }
  | { kind: 'transaction'; transaction: RefundableTransaction }
  | { kind: 'refund'; refund: Refund }
  | { kind: 'complaint'; complaint: Complaint }
  | { kind: 'walletChange'; change: AccountStatusChange };

export const CUSTOMER_SECTION_TITLES: Record<CustomerRow['kind'], string> = {
  conversation: 'Conversations',
  transaction: 'Transactions',
  refund: 'Refunds',
  complaint: 'Complaints',
  walletChange: 'Wallet status history',
};

type RowState = Pick<TuiState, 'customers' | 'customerConversations' | 'customerTransactions' | 'customerComplaints' | 'customerWalletHistory' | 'customerFilter'>;

/** The customer's transactions as the screen lists them: the whole (filtered) history once loaded, the profile's latest until then, narrowed by the filter. */
export function customerTransactions(state: RowState, customerId: string): RefundableTransaction[] {
  const filter = state.customerFilter[customerId];
  const transactions = state.customerTransactions[customerId]?.data ?? state.customers[customerId]?.data?.transactions ?? [];
  return filter ? transactions.filter((t) => transactionMatches(filter, t)) : transactions;
}

/** The rows of a customer's screen as the store has them. */
export function customerRows(state: RowState, customerId: string): CustomerRow[] {
  const context = state.customers[customerId]?.data;
  return [
    ...(state.customerConversations[customerId]?.data ?? context?.conversations ?? []).map((conversation) => ({ kind: 'conversation' as const, conversation })),
    ...customerTransactions(state, customerId).map((transaction) => ({ kind: 'transaction' as const, transaction })),
    ...(context?.refunds ?? []).map((refund) => ({ kind: 'refund' as const, refund })),
    ...(state.customerComplaints[customerId]?.data ?? []).map((complaint) => ({ kind: 'complaint' as const, complaint })),
    ...(state.customerWalletHistory[customerId]?.data ?? []).map((change) => ({ kind: 'walletChange' as const, change })),
  ];
}
