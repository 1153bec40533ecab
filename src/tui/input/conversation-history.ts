import { conversationNeighbours } from '../state/conversation-history.js';
import type { ConversationScreen } from '../state/types.js';
import type { CommandContext } from './command-context.js';

/** [ and ]: the customer's conversation just before or after this one; Esc still returns to the customer's screen it came from. */
export function jumpInHistory(ctx: CommandContext, screen: ConversationScreen, direction: -1 | 1): void {
  const state = ctx.store.getState();
  const customerId = state.conversations[screen.id]?.data?.customer.id;
  if (!customerId || !state.customers[customerId]?.data) {
    ctx.actions.flash('The customer’s conversations are still loading', 'error');
    return;
  }
  const { earlier, later } = conversationNeighbours(state, screen.id);
  const target = direction < 0 ? earlier.at(-1) : later[0];
  if (!target) {
    ctx.actions.flash(direction < 0 ? 'No earlier conversation with this customer' : 'No later conversation with this customer');
    return;
  }
  ctx.actions.openConversation(target.id, screen.back);
}
