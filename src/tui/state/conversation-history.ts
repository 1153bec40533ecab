import type { ConversationSummary } from '../../api/types.js';
import type { TuiState } from './types.js';

const order = (a: Pick<ConversationSummary, 'createdAt' | 'id'>, b: Pick<ConversationSummary, 'createdAt' | 'id'>) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id;

/**
 * The customer's other conversations around this one, across channels, oldest first: those started
 * before it (shown collapsed above its thread) and after it: all of them once the customer's screen
 * loaded them, else the latest 20 of the customer's context; empty until that has loaded.
 */
export function conversationNeighbours(state: Pick<TuiState, 'conversations' | 'customers' | 'customerConversations'>, conversationId: number): { earlier: ConversationSummary[]; later: ConversationSummary[] } {
  const current = state.conversations[conversationId]?.data;
  const all = current ? (state.customerConversations[current.customer.id]?.data ?? state.customers[current.customer.id]?.data?.conversations ?? []) : [];
  if (!current) return { earlier: [], later: [] };
  const others = all.filter((c) => c.id !== conversationId).sort(order);
  return {
    earlier: others.filter((c) => order(c, current.conversation) < 0),
    later: others.filter((c) => order(c, current.conversation) > 0),
  };
}
