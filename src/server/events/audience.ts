import type { EventType, Role } from '../../api/enums.js';
import type { LiveEvent } from '../../api/events.js';
import type { AuthenticatedAgent } from '../context.js';

const DESK: readonly Role[] = ['agent', 'supervisor', 'admin'];

/**
 * Who receives each event type. Conversations are worked desk-wide, so every role sees every
 * conversation event, internal notes included: notes are for agents, and no customer ever holds a
 * token to this stream. A type meant for fewer roles (say, approvals for supervisors) says so here.
 */
export const EVENT_AUDIENCE: Record<EventType, readonly Role[]> = {
  'conversation.created': DESK,
  'conversation.updated': DESK,
  'conversation.assigned': DESK,
  'message.created': DESK,
  presence: DESK,
  'sla.breached': DESK,
  'complaint.created': DESK,
  'complaint.updated': DESK,
  'macro.created': DESK,
  'macro.updated': DESK,
  'macro.deleted': DESK,
  'account.status_changed': DESK,
  'refund.created': DESK,
  'refund.updated': DESK,
  'survey.answered': DESK,
  'agent.availability': DESK,
  'incident.created': DESK,
  'incident.updated': DESK,
  'announcement.created': DESK,
  'announcement.updated': DESK,
  // Agents see automatic answers in their threads, so they may know when those start and stop.
  'desk.settings_updated': DESK,
};

export function canSee(agent: Pick<AuthenticatedAgent, 'role'>, event: LiveEvent): boolean {
  return EVENT_AUDIENCE[event.type]?.includes(agent.role) ?? false;
}
