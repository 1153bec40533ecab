/** The closed vocabularies of the API. Arrays first, so that schemas, CLI choices and the TUI read one list. */

export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const AVAILABILITIES = ['online', 'away', 'offline'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export const CHANNELS = ['chat', 'email', 'phone', 'social'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CATEGORIES = [
  'payment_failed',
  'refund',
  'account_security',
  'login',
  'transfer_delay',
  'international',
  'complaint',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Most urgent first: the index is the rank the queue sorts by. */
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const MESSAGE_KINDS = ['reply', 'note'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const AUTHOR_TYPES = ['customer', 'agent', 'system'] as const;
export type AuthorType = (typeof AUTHOR_TYPES)[number];

export const LANGUAGES = ['en', 'zh', 'id'] as const;
export type Language = (typeof LANGUAGES)[number];

export const KYC_LEVELS = ['none', 'basic', 'full'] as const;
export type KycLevel = (typeof KYC_LEVELS)[number];

export const ACCOUNT_STATUSES = ['active', 'frozen', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const TRANSACTION_TYPES = ['top_up', 'payment', 'transfer_out', 'transfer_in', 'withdrawal', 'refund'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

/** Transaction types that take money out of the wallet: a frozen wallet refuses them. */
export const OUTGOING_TRANSACTION_TYPES: readonly TransactionType[] = ['payment', 'transfer_out', 'withdrawal'];

export const TRANSACTION_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

export const FAILURE_REASONS = [
  'insufficient_balance',
  'wrong_payee',
  'network_error',
  'maintenance',
  'limit_exceeded',
  'account_frozen',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** The SLA clocks of a conversation; one of them (the earliest running) sets the queue's due time. */
export const SLA_CLOCKS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

/** What a countdown shows: no clock, running, within the last 20 % of its window, past due. */
export const SLA_STATES = ['none', 'ok', 'warning', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** What another agent is doing in a conversation right now (collision detection). */
export const PRESENCE_STATES = ['viewing', 'typing'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

/** Live event types of GET /v1/events. */
export const EVENT_TYPES = [
  'conversation.created',
  'conversation.updated',
  'conversation.assigned',
  'message.created',
  'presence',
  'sla.breached',
  'complaint.created',
  'complaint.updated',
  'macro.created',
  'macro.updated',
  'macro.deleted',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** open → answered → closed; answered → second_review → answered (once) when the customer disputes the outcome. */
export const COMPLAINT_STATUSES = ['open', 'answered', 'second_review', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** A supervisor's second review keeps the first outcome (upheld) or replaces it (overturned). */
export const REVIEW_DECISIONS = ['upheld', 'overturned'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
