import { conversationNeighbours } from '../state/conversation-history.js';
import type { ConversationScreen } from '../state/types.js';
import type { CommandContext } from './command-context.js';

/** [ and ]: the customer's conversation just before or after this one; Esc still returns to the customer's screen it came from. */
export function jumpInHistory(ctx: CommandContext, screen: ConversationScreen, direction: -1 | 1): void {
  const { earlier, later } = conversationNeighbours(ctx.store.getState(), screen.id);
  const target = direction < 0 ? earlier.at(-1) : later[0];
  if (!target) {
    ctx.actions.flash(direction < 0 ? 'No earlier conversation with this customer' : 'No later conversation with this customer');
    return;
  }
  ctx.actions.openConversation(target.id, screen.back);
}
