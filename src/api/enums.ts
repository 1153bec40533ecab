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

/** What an agent may do to a wallet account; the server's transition table says from which states and by whom. */
export const ACCOUNT_ACTIONS = ['freeze', 'unfreeze', 'close'] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export const FREEZE_REASONS = ['suspected_takeover', 'customer_request', 'fraud_review', 'compliance'] as const;
export type FreezeReason = (typeof FREEZE_REASONS)[number];

export const CLOSE_REASONS = ['customer_request', 'fraud_confirmed', 'compliance', 'duplicate_account'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** How a customer proved who they are before a frozen wallet is opened again. */
export const VERIFICATION_METHODS = ['id_document', 'video_call', 'security_questions', 'in_app_biometric'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

export const REFUND_REASONS = ['duplicate', 'failed_delivery', 'fraudulent', 'requested_by_customer', 'service_issue'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/** pending_approval waits for a second person (four eyes); the other two are final. */
export const REFUND_STATUSES = ['pending_approval', 'succeeded', 'rejected'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** Why a refund waits for approval: it is above the requester's limit per refund, or per 24 hours. */
export const APPROVAL_REASONS = ['per_refund_limit', 'daily_limit'] as const;
export type ApprovalReason = (typeof APPROVAL_REASONS)[number];

export const AUDIT_OUTCOMES = ['succeeded', 'failed', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const LOGIN_OUTCOMES = ['succeeded', 'failed', 'challenged'] as const;
export type LoginOutcome = (typeof LOGIN_OUTCOMES)[number];

export const TWO_FACTOR_METHODS = ['sms', 'totp', 'app_push'] as const;
export type TwoFactorMethod = (typeof TWO_FACTOR_METHODS)[number];

/** Transactions the wallet backend posts through the ledger; refunds are made with POST /v1/refunds only. */
export const POSTABLE_TRANSACTION_TYPES = ['top_up', 'payment', 'transfer_out', 'transfer_in', 'withdrawal'] as const;
export type PostableTransactionType = (typeof POSTABLE_TRANSACTION_TYPES)[number];

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

/**
 * How a transaction was paid or funded: from the wallet's balance, a card, a bank transfer, a bank's
 * virtual account, a QRIS code, or a top-up from another e-wallet.
 */
export const PAYMENT_METHODS = ['wallet_balance', 'card', 'bank_transfer', 'virtual_account', 'qris', 'ewallet_topup'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

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
  'account.status_changed',
  'refund.created',
  'refund.updated',
  'survey.answered',
  'agent.availability',
  'incident.created',
  'incident.updated',
  'announcement.created',
  'announcement.updated',
  'desk.settings_updated',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** open → answered → closed; answered → second_review → answered (once) when the customer disputes the outcome. */
export const COMPLAINT_STATUSES = ['open', 'answered', 'second_review', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** A supervisor's second review keeps the first outcome (upheld) or replaces it (overturned). */
export const REVIEW_DECISIONS = ['upheld', 'overturned'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** What a customer's suggestion is about (the feedback list groups by it). */
export const FEEDBACK_TOPICS = ['app', 'payments', 'fees', 'support', 'other'] as const;
export type FeedbackTopic = (typeof FEEDBACK_TOPICS)[number];

/** A low rating's follow-up: open until a supervisor closes it with a note. */
export const FOLLOW_UP_STATUSES = ['open', 'closed'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
/** How an SLA policy's clocks count: around the clock, or in the team's business hours (issue 16). */
export const SLA_CLOCK_MODES = ['calendar', 'business'] as const;
export type SlaClockMode = (typeof SLA_CLOCK_MODES)[number];
/** An incident is declared active and ends resolved; resolved is final. */
export const INCIDENT_STATUSES = ['active', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** An incident's history: declared, changed for agents, broadcast to customers, resolved. */
export const INCIDENT_UPDATE_KINDS = ['declared', 'updated', 'broadcast', 'resolved'] as const;
export type IncidentUpdateKind = (typeof INCIDENT_UPDATE_KINDS)[number];

/**
 * The reports (GET /v1/reports/KIND). Here, not beside their schemas: the workspace lists them on its
 * reports screen, and importing a schema module loads TypeBox (some 30 ms of CPU) before its first frame.
 */
export const REPORT_KINDS = ['sla', 'volume', 'agents', 'csat', 'complaints', 'refunds'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
