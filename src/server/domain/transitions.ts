import type { ConversationStatus } from '../../api/enums.js';
import { statusAfter, TRANSITIONS, type ConversationAction } from '../../api/transitions.js';
import { ProblemError } from './errors.js';

const WHAT: Record<ConversationAction, string> = {
  claim: 'be claimed',
  transfer: 'be transferred',
  set_pending: 'be set to pending',
  snooze: 'be snoozed',
  wake: 'wake up',
  resolve: 'be resolved',
  reopen: 'be reopened',
  close: 'be closed',
  agent_message: 'take more messages',
  customer_message: 'take more messages',
  update: 'be changed',
};

/**
 * The one gate every change of a conversation passes (the table is src/api/transitions.ts): returns
 * the status after `action`, or throws 409 before anything is written. Closed is final and has its
 * own code, conversation_closed; any other refusal is invalid_transition.
 */
export function assertTransition(conversation: { id: number; status: string }, action: ConversationAction): ConversationStatus {
  const status = conversation.status as ConversationStatus;
  const to = statusAfter(action, status);
  if (to !== null) return to;
  const extra = { conversationStatus: status, action, allowedFrom: [...TRANSITIONS[action].from] };
  if (status === 'closed') {
    throw new ProblemError('conversation_closed', `conversation ${conversation.id} is closed; a closed conversation cannot ${WHAT[action]}`, { status: 409, extra });
  }
  throw new ProblemError(
    'invalid_transition',
    `conversation ${conversation.id} is ${status}, so it cannot ${WHAT[action]} (only when ${TRANSITIONS[action].from.join(', ')})`,
    { status: 409, extra },
  );
}
