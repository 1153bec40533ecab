import type { LiveEvent } from '../../api/events.js';
import { displayMoney } from '../../api/money.js';
import type { Refund } from '../../api/types.js';
import { withConversation, withMessage } from '../state/changes.js';
import { isSupervisor } from '../state/selectors.js';
import type { LoggedMessage, TuiState } from '../state/types.js';

/** What an event asks to be fetched again: what it changed that the event does not carry whole. */
export type Reload = { kind: 'conversation'; id: number } | { kind: 'customer'; customerId: string } | { kind: 'approvals' } | { kind: 'suggestions'; id: number } | { kind: 'incidents'; conversationId?: number };

/** What a live event does: a change of the state, what to reload, and what to tell the agent. */
export interface LiveOutcome {
  patch: Partial<TuiState>;
  reloads: Reload[];
  flash?: Pick<LoggedMessage, 'text' | 'kind'>;
}

const none = (): LiveOutcome => ({ patch: {}, reloads: [] });

/**
 * Live events into the state, as a pure function: rows move, messages appear, presence updates; what
 * the event does not carry (a customer's wallets after a refund) is named for the effects to reload.
 */
export function reduceLiveEvent(state: TuiState, event: LiveEvent): LiveOutcome {
  const open = state.screen.name === 'conversation' ? state.screen.id : undefined;
  switch (event.type) {
    case 'conversation.created':
    case 'conversation.updated':
    case 'conversation.assigned':
    case 'sla.breached':
      return { patch: withConversation(state, event.data.conversation), reloads: [] };
    case 'message.created': {
      const { message, conversation } = event.data;
      // The message into the open view, then the row and the view's summary as the event has them.
      const withIt = { ...state, ...withMessage(state, conversation.id, message, undefined) };
      // The customer said something new: the suggestions under the open thread answer it instead.
      const reloads: Reload[] = message.author.type === 'customer' && conversation.id === open ? [{ kind: 'suggestions', id: conversation.id }] : [];
      return { patch: withConversation(withIt, conversation), reloads };
    }
    case 'presence':
      return { patch: { presence: { ...state.presence, [event.data.conversationId]: event.data.presence } }, reloads: [] };
    case 'macro.created':
    case 'macro.updated':
    case 'macro.deleted':
      return { patch: { macros: { status: 'idle' } }, reloads: open !== undefined ? [{ kind: 'suggestions', id: open }] : [] };
    case 'complaint.created':
    case 'complaint.updated':
      return open !== undefined && event.data.complaint.conversationId === open ? { patch: {}, reloads: [{ kind: 'conversation', id: open }] } : none();
    case 'account.status_changed': {
      const { customerId } = event.data;
      const reloads: Reload[] = [];
      if (state.customers[customerId] || state.wallets[event.data.accountId]) reloads.push({ kind: 'customer', customerId });
      if (open !== undefined && state.conversations[open]?.data?.customer.id === customerId) reloads.push({ kind: 'conversation', id: open });
      return { patch: {}, reloads };
    }
    case 'refund.created':
    case 'refund.updated': {
      const { refund } = event.data;
      const reloads: Reload[] = [];
      // The live count of refunds waiting for a supervisor, and their list when it is open.
      if (state.approvals.status !== 'idle' || isSupervisor(state)) reloads.push({ kind: 'approvals' });
      // An approved refund credits the wallet: every place showing it reads the reloaded one.
      if (state.customers[refund.customerId] || state.wallets[refund.accountId]) reloads.push({ kind: 'customer', customerId: refund.customerId });
      if (refund.requestedBy.id !== state.agent.id) return { patch: {}, reloads };
      const flash = decisionOf(refund, event.type === 'refund.updated');
      return { patch: withMyRefund(state, refund), reloads, ...(flash ? { flash } : {}) };
    }
    case 'survey.answered':
      // The open conversation shows its ratings: read again with the new one.
      return open !== undefined && event.data.survey.conversationId === open ? { patch: {}, reloads: [{ kind: 'conversation', id: open }] } : none();
    case 'agent.availability':
      // The board follows it (effects/desk.ts); the agent's own status line reads it from /v1/me.
      return none();
    case 'incident.created':
    case 'incident.updated':
      // The banners, and the open conversation's header (it may just have been linked or unlinked).
      return { patch: {}, reloads: [open !== undefined ? { kind: 'incidents', conversationId: open } : { kind: 'incidents' }] };
    case 'announcement.created':
    case 'announcement.updated':
      return { patch: {}, reloads: [{ kind: 'incidents' }] };
    case 'desk.settings_updated':
      // Nothing the workspace shows depends on them: new conversations arrive triaged or answered as they are.
      return none();
  }
}

/** The requester's own refund changed: kept in "my refunds" (when that list was loaded). */
function withMyRefund(state: TuiState, refund: Refund): Partial<TuiState> {
  if (!state.myRefunds.data) return {};
  const rest = state.myRefunds.data.filter((r) => r.id !== refund.id);
  return { myRefunds: { ...state.myRefunds, data: [refund, ...rest].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) } };
}

/** A decision on the requester's own refund, said in the status bar. */
function decisionOf(refund: Refund, decided: boolean): LiveOutcome['flash'] {
  if (!decided || refund.status === 'pending_approval') return undefined;
  // The decision first: the status bar may have room for little more (the log has it whole).
  const who = refund.decidedBy ? ` by ${refund.decidedBy.name}` : '';
  const which = `(your ${refund.id}, payment ${refund.transactionId})`;
  if (refund.status === 'succeeded') return { text: `Refund of ${displayMoney(refund.amount)} approved${who}: the wallet is credited ${which}`, kind: 'info' };
  return { text: `Refund of ${displayMoney(refund.amount)} rejected${who}${refund.decisionNote ? `: ${refund.decisionNote}` : ''} ${which}`, kind: 'error' };
}
