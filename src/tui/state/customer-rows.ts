import type { Complaint, ConversationSummary, Refund, RefundableTransaction } from '../../api/types.js';
import type { TuiState } from './types.js';

/** The whole history is paged in; beyond this many the screen says so rather than loading forever. */
export const CUSTOMER_TRANSACTIONS_MAX = 5000;

/** A row of the customer screen's list: conversations first (one timeline across channels), then the money, then complaints. */
export type CustomerRow =
  | { kind: 'conversation'; conversation: ConversationSummary }
  | { kind: 'transaction'; transaction: RefundableTransaction }
  | { kind: 'refund'; refund: Refund }
  | { kind: 'complaint'; complaint: Complaint };

export const CUSTOMER_SECTION_TITLES: Record<CustomerRow['kind'], string> = {
  conversation: 'Conversations',
  transaction: 'Transactions',
  refund: 'Refunds',
  complaint: 'Complaints',
};

/** The rows of a customer's screen as the store has them: the whole transaction history once it is loaded, the profile's latest until then. */
export function customerRows(state: Pick<TuiState, 'customers' | 'customerTransactions' | 'customerComplaints'>, customerId: string): CustomerRow[] {
  const context = state.customers[customerId]?.data;
  const transactions = state.customerTransactions[customerId]?.data ?? context?.transactions ?? [];
  return [
    ...(context?.conversations ?? []).map((conversation) => ({ kind: 'conversation' as const, conversation })),
    ...transactions.map((transaction) => ({ kind: 'transaction' as const, transaction })),
    ...(context?.refunds ?? []).map((refund) => ({ kind: 'refund' as const, refund })),
    ...(state.customerComplaints[customerId]?.data ?? []).map((complaint) => ({ kind: 'complaint' as const, complaint })),
  ];
}
