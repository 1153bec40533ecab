import type { ConversationSummary, Message, WalletAccount } from '../../api/types.js';
import type { TuiState } from './types.js';
import { upsertRow } from './queue-order.js';
import { belongsInQueue } from './queue-view.js';

/** Adds a message to a loaded conversation (once) and moves its queue row, without refetching. */
export function withMessage(state: TuiState, id: number, message: Message, summary: ConversationSummary | undefined): Partial<TuiState> {
  const current = state.conversations[id];
  const detail = current?.data;
  const conversations =
    detail && !detail.messages.some((m) => m.id === message.id)
      ? { ...state.conversations, [id]: { ...current, data: { ...detail, conversation: summary ?? detail.conversation, messages: [...detail.messages, message] } } }
      : state.conversations;
  const queue = summary && state.queue.data ? { ...state.queue, data: state.queue.data.map((c) => (c.id === id ? summary : c)) } : state.queue;
  return { conversations, queue };
}

/** Records wallets as an answer or event has them now. */
export function withWallets(state: TuiState, accounts: readonly WalletAccount[]): Partial<TuiState> {
  if (accounts.length === 0) return {};
  const wallets = { ...state.wallets };
  for (const a of accounts) wallets[a.id] = a;
  return { wallets };
}


/** A conversation as the server now has it: its queue row (in order, or out of a queue that does not show its status) and its open view. */
export function withConversation(state: TuiState, c: ConversationSummary): Partial<TuiState> {
  const queue = state.queue.data ? { ...state.queue, data: upsertRow(state.queue.data, c, belongsInQueue(state, c)) } : state.queue;
  const entry = state.conversations[c.id];
  const conversations = entry?.data ? { ...state.conversations, [c.id]: { ...entry, data: { ...entry.data, conversation: c } } } : state.conversations;
  return { queue, conversations };
}
