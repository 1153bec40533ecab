import type { ConversationStatus } from './enums.js';

/**
 * What can happen to a conversation, and from which statuses. The server enforces this table in one
 * place (src/server/domain/transitions.ts); clients read it to offer only the actions that can work.
 *
 * open      an agent owes the customer an answer (response clocks run)
 * pending   waiting on the customer (response clocks paused; the resolution clock runs)
 * snoozed   put aside until a time; wakes then, or when the customer writes (every clock paused)
 * resolved  done; a customer message reopens it (every clock paused)
 * closed    final: nothing changes any more
 */
export const CONVERSATION_ACTIONS = [
  'claim',
  'transfer',
  'set_pending',
  'snooze',
  'wake',
  'resolve',
  'reopen',
  'close',
  'agent_message',
  'customer_message',
  'update',
] as const;
export type ConversationAction = (typeof CONVERSATION_ACTIONS)[number];

export interface Transition {
  from: readonly ConversationStatus[];
  /** The status the action leaves; null keeps the current one. */
  to: ConversationStatus | null;
}

export const TRANSITIONS: Record<ConversationAction, Transition> = {
  claim: { from: ['open'], to: null },
  transfer: { from: ['open', 'pending', 'snoozed'], to: null },
  set_pending: { from: ['open', 'snoozed'], to: 'pending' },
  snooze: { from: ['open', 'pending', 'snoozed'], to: 'snoozed' },
  wake: { from: ['snoozed'], to: 'open' },
  resolve: { from: ['open', 'pending', 'snoozed'], to: 'resolved' },
  reopen: { from: ['pending', 'snoozed', 'resolved'], to: 'open' },
  close: { from: ['resolved'], to: 'closed' },
  agent_message: { from: ['open', 'pending', 'snoozed', 'resolved'], to: null },
  customer_message: { from: ['open', 'pending', 'snoozed', 'resolved'], to: 'open' },
  update: { from: ['open', 'pending', 'snoozed', 'resolved'], to: null },
};

export function canApply(action: ConversationAction, status: ConversationStatus): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** The status after `action`, or null when the action is not allowed from `status`. */
export function statusAfter(action: ConversationAction, status: ConversationStatus): ConversationStatus | null {
  if (!canApply(action, status)) return null;
  return TRANSITIONS[action].to ?? status;
}

/** Every action allowed from a status, e.g. to show only the keys that work. */
export function actionsFrom(status: ConversationStatus): ConversationAction[] {
  return CONVERSATION_ACTIONS.filter((action) => canApply(action, status));
}
