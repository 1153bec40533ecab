import { customerRows } from '../state/customer-rows.js';
import { isSupervisor, pageSize } from '../state/selectors.js';
import type { Screen } from '../state/types.js';
import type { CommandContext } from './command-context.js';
import type { CommandId } from './keymap.js';

type CustomerScreen = Extract<Screen, { name: 'customer' }>;

/** The customer screen's commands: move over its rows, open a conversation, freeze, refund, log a call, back. */
export function runCustomerCommand(id: CommandId, ctx: CommandContext, screen: CustomerScreen): void {
  const { store, actions } = ctx;
  const state = store.getState();
  const rows = customerRows(state, screen.id);
  const subject = { customerId: screen.id, agentId: state.agent.id };
  const move = (delta: number) => store.update((s) => ({ customerSelected: Math.max(0, Math.min(rows.length - 1, s.customerSelected + delta)) }));
  switch (id) {
    case 'customer.back':
      if (screen.back.name === 'conversation') actions.openConversation(screen.back.id, screen.back.back);
      else store.update(() => ({ screen: screen.back }));
      return;
    case 'customer.down':
      return move(1);
    case 'customer.up':
      return move(-1);
    case 'customer.pageDown':
      return move(pageSize(state));
    case 'customer.pageUp':
      return move(-pageSize(state));
    case 'customer.open': {
      const row = rows[state.customerSelected];
      if (row?.kind === 'conversation') actions.openConversation(row.conversation.id);
      else if (row?.kind === 'complaint') actions.openConversation(row.complaint.conversationId);
      return;
    }
    case 'customer.freeze':
      actions.openDialog('freeze', subject);
      return;
    case 'customer.unfreeze':
      if (!isSupervisor(state)) {
        actions.flash('Unfreezing is for supervisors and admins, after an identity check', 'error');
        return;
      }
      actions.openDialog('unfreeze', subject);
      return;
    case 'customer.refund':
      actions.openDialog('refund', subject);
      return;
    case 'customer.logCall':
      if (state.call?.customerId === screen.id) actions.openDialog('endCall', { conversationId: state.call.conversationId, customerId: screen.id });
      else if (state.call) actions.flash(`Call #${state.call.conversationId} with another customer is not ended yet: l on their screen ends it`, 'error');
      else void actions.startCall(screen.id);
      return;
    case 'customer.refresh':
      void actions.loadCustomerScreen(screen.id);
      return;
    default:
      return;
  }
}
