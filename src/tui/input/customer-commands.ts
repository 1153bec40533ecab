import { customerRows } from '../state/customer-rows.js';
import { isSupervisor, pageSize } from '../state/selectors.js';
import type { CustomerScreen } from '../state/types.js';
import type { CommandContext } from './command-context.js';
import { firstKey, type CommandId } from './keymap.js';

/** The customer screen's commands: move over its rows, open a conversation, filter the transactions, freeze, refund, a complaint, start a conversation, log a call, back. */
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
      // Esc in the conversation comes back here, to this row.
      if (row?.kind === 'conversation') actions.openConversation(row.conversation.id, screen);
      else if (row?.kind === 'complaint') actions.openConversation(row.complaint.conversationId, screen);
      return;
    }
    case 'customer.filter':
      actions.openDialog('transactionFilter', { customerId: screen.id, text: state.customerFilter[screen.id]?.text ?? '' });
      return;
    case 'customer.clearFilter':
      if (state.customerFilter[screen.id]) actions.filterTransactions(screen.id, undefined);
      return;
    case 'customer.complaint': {
      // A complaint belongs to a conversation: the chosen one, or the one a chosen complaint is about.
      const row = rows[state.customerSelected];
      const conversation = row?.kind === 'conversation' ? row.conversation : row?.kind === 'complaint' ? rows.flatMap((r) => (r.kind === 'conversation' && r.conversation.id === row.complaint.conversationId ? [r.conversation] : []))[0] : undefined;
      const conversationId = row?.kind === 'complaint' ? row.complaint.conversationId : conversation?.id;
      if (conversationId === undefined) {
        actions.flash(`Choose the conversation the complaint is about (${firstKey(state.commands, 'customer.down')}/${firstKey(state.commands, 'customer.up')}), then ${firstKey(state.commands, 'customer.complaint')}`, 'error');
        return;
      }
      actions.openDialog('complaint', { conversationId, customerId: screen.id, agentId: state.agent.id, role: state.agent.role, summary: conversation?.subject ?? '' });
      return;
    }
    case 'customer.startConversation':
      actions.openDialog('startConversation', subject);
      return;
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
