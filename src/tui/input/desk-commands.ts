import type { Availability } from '../../api/enums.js';
import type { TuiState } from '../state/types.js';
import type { CommandContext } from './command-context.js';
import type { CommandId } from './keymap.js';

const AVAILABILITY: Partial<Record<CommandId, Availability>> = { 'desk.away': 'away', 'desk.offline': 'offline', 'desk.online': 'online' };

/** The conversation under the cursor of the opened agent's list, if that list is open and has one. */
export function deskConversation(state: TuiState) {
  const open = state.desk.agentConversations;
  return open?.list.data?.[open.selected];
}

/**
 * The desk board's commands. Two levels: the agents (j/k choose one, Enter opens their conversations,
 * a/x/O set them away, offline, online), and the chosen agent's open conversations (j/k, Enter opens
 * one, t transfers it, P changes its priority). Esc goes up a level, then back to the queue.
 */
export function runDeskCommand(id: CommandId, ctx: CommandContext): void {
  const { store, actions } = ctx;
  const state = store.getState();
  const agents = state.desk.board.data?.agents ?? [];
  const agent = agents[state.desk.selected];
  const open = state.desk.agentConversations;
  const conversation = deskConversation(state);
  const move = (delta: number) =>
    store.update((s) => {
      const list = s.desk.agentConversations;
      if (list) {
        const count = list.list.data?.length ?? 0;
        return { desk: { ...s.desk, agentConversations: { ...list, selected: Math.max(0, Math.min(count - 1, list.selected + delta)) } } };
      }
      return { desk: { ...s.desk, selected: Math.max(0, Math.min(agents.length - 1, s.desk.selected + delta)) } };
    });
  switch (id) {
    case 'desk.down':
      return move(1);
    case 'desk.up':
      return move(-1);
    case 'desk.open':
      if (open && conversation) return actions.openConversation(conversation.id, { name: 'desk' });
      if (!open && agent) void actions.loadAgentConversations(agent.id);
      return;
    case 'desk.transfer':
    case 'desk.priority': {
      if (!conversation) {
        actions.flash(`Choose a conversation first: ${open ? 'this agent has none open' : 'Enter on an agent lists theirs'}`, 'error');
        return;
      }
      const subject = { conversationId: conversation.id, customerId: conversation.customer.id, agentId: state.agent.id };
      if (id === 'desk.transfer') actions.openDialog('transfer', subject);
      else actions.openDialog('priority', { ...subject, priority: conversation.priority });
      return;
    }
    case 'desk.away':
    case 'desk.offline':
    case 'desk.online': {
      const target = open ? agents.find((a) => a.id === open.agentId) : agent;
      if (target) void actions.setAgentAvailability(target.id, AVAILABILITY[id]!);
      return;
    }
    case 'desk.refresh':
      void actions.loadDesk();
      return;
    case 'desk.back':
      if (open) store.update((s) => ({ desk: { ...s.desk, agentConversations: undefined } }));
      else store.update(() => ({ screen: { name: 'queue' } }));
      return;
    default:
      return;
  }
}
