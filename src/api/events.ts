import type { Availability, EventType, SlaClock } from './enums.js';
import type { AccountStatusChange, AgentRef, Announcement, DeskSettings, Complaint, ConversationSummary, Incident, Macro, Message, PresenceEntry, Refund, Survey } from './types.js';

/** What each live event carries in `data`. Every conversation event carries the conversation as it is after the change. */
export interface LiveEventData {
  'conversation.created': { conversation: ConversationSummary; message: Message };
  'conversation.updated': {
    conversation: ConversationSummary;
    /** What changed, e.g. { status: { from: 'open', to: 'snoozed' } }. */
    changes: Record<string, { from: unknown; to: unknown }>;
    /** Who changed it; null for the server itself (a snooze that woke up). */
    by: AgentRef | null;
  };
  'conversation.assigned': {
    conversation: ConversationSummary;
    from: AgentRef | null;
    to: AgentRef | null;
    team: string | null;
    by: AgentRef | null;
    /** claim, transfer, or reply (an agent answered an unassigned conversation and it became theirs) */
    reason: 'claim' | 'transfer' | 'reply';
  };
  'message.created': { message: Message; conversation: ConversationSummary };
  presence: { conversationId: number; presence: PresenceEntry[] };
  'sla.breached': { conversation: ConversationSummary; clock: SlaClock; dueAt: string };
  /** action: complaint.created, complaint.answered, complaint.second_review_requested, complaint.reviewed, complaint.closed */
  'complaint.created': { action: string; complaint: Complaint };
  'complaint.updated': { action: string; complaint: Complaint };
  /** The macro list changed: pickers refresh. `macro` is null when it was deleted. */
  'macro.created': { id: string; macro: Macro | null };
  'macro.updated': { id: string; macro: Macro | null };
  'macro.deleted': { id: string; macro: Macro | null };
  /** A wallet was frozen, unfrozen or closed. */
  'account.status_changed': { accountId: string; customerId: string; change: AccountStatusChange };
  /** A refund was asked for (succeeded at once or waiting for approval), then approved or rejected. */
  'refund.created': { refund: Refund };
  'refund.updated': { refund: Refund };
  /** A customer rated a resolution (the survey, without its token). */
  'survey.answered': { survey: Survey };
  /** An agent's availability changed: they set it, or a supervisor did from the board. */
  'agent.availability': { agent: AgentRef; availability: Availability; by: AgentRef | null };
  /** action: incident.created, incident.updated, incident.linked, incident.unlinked, incident.broadcast, incident.resolved */
  'incident.created': { action: string; incident: Incident };
  'incident.updated': { action: string; incident: Incident };
  /** A maintenance window was scheduled or cancelled. */
  'announcement.created': { announcement: Announcement };
  'announcement.updated': { announcement: Announcement };
  /** An admin changed the desk's automation (automatic triage and answers): the settings as they are now. */
  'desk.settings_updated': { settings: DeskSettings; by: AgentRef };
}

/** One event of GET /v1/events; `id` is what Last-Event-ID resumes after. */
export type LiveEvent = {
  [T in EventType]: { id: number; type: T; conversationId: number | null; at: string; data: LiveEventData[T] };
}[EventType];
