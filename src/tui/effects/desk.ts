import type { Availability } from '../../api/enums.js';
import { sanitize } from '../../api/text/sanitize.js';
import { DeskRefresh } from '../../client/desk-refresh.js';
import type { DeskState } from '../state/types.js';
import type { EffectContext } from './context.js';
import { messageOf } from './errors.js';

/** How many of an agent's open conversations the board lists. */
const AGENT_CONVERSATIONS = 200;

/**
 * The supervisor board: fetched while its screen is on (DeskRefresh: soon after a live event that
 * changes it, else every 10 s), the chosen agent's open conversations, and setting an agent's
 * availability from it. Moves and priority changes go through the dialogs, as from a conversation.
 */
export function createDeskEffects(ctx: EffectContext, options: { settleMs?: number; pollMs?: number } = {}) {
  const { store, client } = ctx;
  const setDesk = (change: (d: DeskState) => Partial<DeskState>) => store.update((s) => ({ desk: { ...s.desk, ...change(s.desk) } }));

  async function loadDesk(): Promise<void> {
    setDesk((d) => ({ board: { ...d.board, status: 'loading' } }));
    try {
      const data = await client.desk.get();
      if (ctx.disposed()) return;
      setDesk((d) => ({ board: { status: 'ready', data }, selected: Math.min(d.selected, Math.max(0, data.agents.length - 1)) }));
    } catch (error) {
      setDesk((d) => ({ board: { ...d.board, status: 'error', error: messageOf(error) } }));
    }
    const open = store.getState().desk.agentConversations;
    if (open) await loadAgentConversations(open.agentId);
  }

  const refresh = new DeskRefresh(loadDesk, options);
  let following = false;
  // The board is fetched only while it is on screen: started when the screen opens, stopped when it closes.
  const unsubscribe = store.subscribe(() => {
    const onDesk = store.getState().screen.name === 'desk';
    if (onDesk === following) return;
    // Set first: the fetch that start() begins updates the store, which calls this listener again.
    following = onDesk;
    if (onDesk) refresh.start();
    else refresh.stop();
  });

  async function loadAgentConversations(agentId: string): Promise<void> {
    setDesk((d) => ({
      agentConversations: d.agentConversations?.agentId === agentId ? { ...d.agentConversations, list: { ...d.agentConversations.list, status: 'loading' } } : { agentId, list: { status: 'loading' }, selected: 0 },
    }));
    try {
      const data = await client.queue.listAll({ assignee: agentId, status: 'open,pending,snoozed' }, AGENT_CONVERSATIONS);
      setDesk((d) =>
        d.agentConversations?.agentId === agentId ? { agentConversations: { agentId, list: { status: 'ready', data }, selected: Math.min(d.agentConversations.selected, Math.max(0, data.length - 1)) } } : {},
      );
    } catch (error) {
      setDesk((d) => (d.agentConversations?.agentId === agentId ? { agentConversations: { ...d.agentConversations, list: { status: 'error', error: messageOf(error) } } } : {}));
    }
  }

  async function setAgentAvailability(agentId: string, availability: Availability): Promise<void> {
    try {
      const agent = await client.agents.setAvailability(agentId, availability);
      ctx.flash(`${sanitize(agent.name, { multiline: false })} is ${availability} now`);
      await loadDesk();
    } catch (error) {
      ctx.flash(messageOf(error), 'error');
    }
  }

  return {
    loadDesk,
    loadAgentConversations,
    setAgentAvailability,
    /** A live event: the board follows it while on screen. */
    deskEvent: (type: string) => {
      if (following) refresh.onEvent(type);
    },
    disposeDesk: () => {
      unsubscribe();
      refresh.stop();
    },
  };
}
