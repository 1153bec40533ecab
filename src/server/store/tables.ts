import type { ColumnType, Generated } from 'kysely';

/**
 * The database as kysely sees it. Times are epoch milliseconds (bigint in PostgreSQL, parsed back to
 * number), money is integer minor units, booleans are 0/1 and lists are JSON text, so that one set of
 * queries runs unchanged on SQLite and PostgreSQL.
 */
export interface AgentsTable {
  id: string;
  email: string;
  name: string;
  role: string;
  availability: string;
  password_hash: string;
  teams: string;
  created_at: number;
  /** JSON lists of the channels and categories the agent takes from the queue. */
  channels: string;
  categories: string;
  /** Open conversations the agent may hold at once. */
  capacity: number;
  /** When the availability last changed (null: not since the board's migration). */
  availability_since: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface TokensTable {
  token_hash: string;
  agent_id: string;
  created_at: number;
  expires_at: number;
  last_used_at: number;
}

export interface RateLimitsTable {
  bucket: string;
  window_start: number;
  count: number;
}

/** A row per per-actor limit, locked while a transaction decides against it (store/limit-locks.ts). */
export interface LimitLocksTable {
  name: string;
  taken_at: number;
}

export interface CustomersTable {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  language: string;
  kyc_level: string;
  two_factor_enabled: number;
  created_at: number;
}

export interface WalletAccountsTable {
  id: string;
  customer_id: string;
  currency: string;
  balance: number;
  status: string;
  created_at: number;
  updated_at: number;
}

export interface TransactionsTable {
  id: string;
  account_id: string;
  type: string;
  status: string;
  amount: number;
  currency: string;
  refunded_amount: number;
  failure_reason: string | null;
  counterparty: string;
  description: string;
  foreign_amount: number | null;
  foreign_currency: string | null;
  exchange_rate: string | null;
  created_at: number;
  /** How the customer paid (PAYMENT_METHODS); null for rows from before it was recorded. */
  payment_method: string | null;
}

export interface ConversationsTable {
  id: Generated<number>;
  customer_id: string;
  subject: string;
  status: string;
  priority: string;
  priority_rank: number;
  channel: string;
  category: string;
  tags: string;
  assignee_id: string | null;
  first_response_due_at: number | null;
  next_response_due_at: number | null;
  resolution_due_at: number | null;
  /** Earliest running due time, or NO_DUE_TIME: the queue's first sort key, never null. */
  due_at: number;
  first_responded_at: number | null;
  resolved_at: number | null;
  snoozed_until: number | null;
  message_count: number;
  last_message_preview: string;
  last_message_at: number;
  created_at: number;
  updated_at: number;
  team: string | null;
  /** The channel's id for the thread, unique: a redelivered "new conversation" returns the first. */
  external_id: string | null;
  first_response_started_at: number | null;
  next_response_started_at: number | null;
  resolution_started_at: number | null;
  response_paused_at: number | null;
  resolution_paused_at: number | null;
  /** The calendar version each clock counts by, pinned when it starts (null: around the clock). */
  first_response_calendar_version: number | null;
  next_response_calendar_version: number | null;
  resolution_calendar_version: number | null;
  /** The incident pausing its response clocks (linked, active, pauseClocks on); null when none does. */
  response_held_by: number | null;
}

export interface MessagesTable {
  id: Generated<number>;
  conversation_id: number;
  client_message_id: string | null;
  kind: string;
  author_type: string;
  author_id: string | null;
  author_name: string;
  body: string;
  created_at: number;
}

export interface EventsTable {
  id: Generated<number>;
  type: string;
  conversation_id: number | null;
  payload: string;
  created_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  target_type: string;
  target_id: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  request_id: string | null;
  idempotency_key: string | null;
  outcome: string;
}

export interface SlaPoliciesTable {
  priority: string;
  first_response_ms: number;
  next_response_ms: number;
  resolution_ms: number;
  /** "calendar": around the clock; "business": in the business hours of the conversation's team's calendar. */
  clock: Generated<string>;
  updated_at: number;
  updated_by: string | null;
}

export interface SlaBreachesTable {
  id: Generated<number>;
  conversation_id: number;
  clock: string;
  due_at: number;
  detected_at: number;
}

export interface ResponseTimesTable {
  id: Generated<number>;
  conversation_id: number;
  clock: string;
  started_at: number;
  due_at: number;
  responded_at: number;
  duration_ms: number;
  agent_id: string | null;
  message_id: number;
  /** The conversation's team now ('' for none), kept by the database for the reports' counters (migration 021): never written here. */
  team: ColumnType<string | null, never, never>;
}

export interface PresenceTable {
  conversation_id: number;
  agent_id: string;
  state: string;
  since: number;
  expires_at: number;
}

export interface MacrosTable {
  id: string;
  name: string;
  shortcut: string;
  category: string | null;
  /** JSON object: language → text; "en" always present. */
  bodies: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface ComplaintCountersTable {
  /** YYYYMMDD, UTC. */
  day: string;
  last: number;
}

export interface CalendarsTable {
  id: string;
  name: string;
  zone: string;
  /** JSON lists: [{day, from, to}] and [{from, to, name}]. */
  hours: string;
  holidays: string;
  /** The complaint rule the desk counts by on this calendar (a JURISDICTIONS id), or null. */
  jurisdiction: string | null;
  /** 1 for the one calendar conversations without a team's calendar count by. */
  is_default: number;
  /** The calendar_versions row of the current rules. */
  version: number;
  created_at: number;
  updated_at: number;
  updated_by: string | null;
}

export interface CalendarVersionsTable {
  id: Generated<number>;
  calendar_id: string;
  /** JSON {zone, hours, holidays}: what clocks and deadlines computed with this version counted by. */
  rules: string;
  created_at: number;
}

export interface TeamCalendarsTable {
  team: string;
  calendar_id: string;
}

export interface ComplaintsTable {
  id: Generated<number>;
  number: string;
  conversation_id: number;
  customer_id: string;
  status: string;
  summary: string;
  reply_by_at: number;
  created_by: string;
  created_at: number;
  answer: string | null;
  answered_by: string | null;
  answered_at: number | null;
  review_reason: string | null;
  review_requested_by: string | null;
  review_requested_at: number | null;
  review_decision: string | null;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
  close_note: string | null;
  closed_by: string | null;
  closed_at: number | null;
  /** The rule the deadline came from (issue 16); null on complaints opened before rules. */
  jurisdiction: string | null;
  /** spoken | written; simple | complex. */
  medium: string | null;
  complexity: string | null;
  /** How the deadline was counted, as shown: "OJK written: 20 working days". */
  rule: string | null;
  calendar_version: number | null;
  acknowledge_by_at: number | null;
  acknowledged_at: number | null;
  /** The deadline before its one extension (null: not extended). */
  reply_by_before_extension: number | null;
  extended_at: number | null;
  extended_by: string | null;
  extension_notice: string | null;
  /** The public reply the notice went out as, or why it could not be sent (both null: extended before notices were sent). */
  extension_message_id: number | null;
  extension_unsent: string | null;
  /** How the rule was chosen: request | customer_country | calendar; the customer's country (ISO 3166); why, in words. */
  rule_chosen_by: string | null;
  rule_country: string | null;
  rule_reason: string | null;
  updated_at: number;
}

/** One row per resolve: the board's resolutions per day and reopen rate (migration 013-desk). */
export interface DeskResolutionsTable {
  id: Generated<number>;
  conversation_id: number;
  resolved_at: number;
  due_at: number | null;
  reopened_at: number | null;
}

/**
 * The board's counters (migration 020), written only by triggers: the waiting queue per group
 * (has_team 0: no team, team ''), and per 15-minute UTC slot (epoch ms ÷ 900,000) what was created,
 * resolved, answered and responded. Sums of bigint read back as text on PostgreSQL: read with Number().
 */
export interface DeskQueueCountsTable {
  has_team: number;
  team: string;
  priority: string;
  channel: string;
  category: string;
  waiting: number;
}

export interface DeskSlotCountsTable {
  slot: number;
  incoming: number;
  resolved: number;
  resolved_timed: number;
  resolved_late: number;
  reopened: number;
  surveys_answered: number;
  rating_sum: number;
  satisfied: number;
}

export interface DeskResponseCountsTable {
  slot: number;
  clock: string;
  responded: number;
  late: number;
}

/** Incidents (issue 17): texts and criteria are JSON text; `status` active or resolved. */
export interface IncidentsTable {
  id: Generated<number>;
  title: string;
  description: string;
  status: string;
  texts: string;
  affects: string;
  started_at: number;
  expected_end_at: number | null;
  created_by: string;
  created_at: number;
  updated_at: number;
  resolved_by: string | null;
  resolved_at: number | null;
  /** 1: linked conversations' response clocks are paused while the incident is active. */
  pause_clocks: number;
}

export interface IncidentUpdatesTable {
  id: Generated<number>;
  incident_id: number;
  kind: string;
  note: string | null;
  changes: string;
  messages: string | null;
  resolve_conversations: number;
  created_by: string;
  created_at: number;
}

export interface IncidentLinksTable {
  conversation_id: number;
  incident_id: number;
  linked_by: string;
  linked_at: number;
}

export interface IncidentDeliveriesTable {
  update_id: number;
  conversation_id: number;
  message_id: number | null;
  delivered_at: number;
}

/** Maintenance windows (issue 17); `texts` is JSON {en, zh, id}. */
export interface AnnouncementsTable {
  id: Generated<number>;
  title: string;
  unavailable: string;
  texts: string;
  starts_at: number;
  ends_at: number;
  created_by: string;
  created_at: number;
  cancelled_by: string | null;
  cancelled_at: number | null;
}

/** The desk's settings (migration 019): one row per setting the desk has set, its value JSON. */
export interface DeskSettingsTable {
  key: string;
  value: string;
  updated_at: number;
  updated_by: string;
}

export interface Database {
  agents: AgentsTable;
  tokens: TokensTable;
  rate_limits: RateLimitsTable;
  limit_locks: LimitLocksTable;
  customers: CustomersTable;
  wallet_accounts: WalletAccountsTable;
  transactions: TransactionsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  events: EventsTable;
  audit_log: AuditLogTable;
  sla_policies: SlaPoliciesTable;
  sla_breaches: SlaBreachesTable;
  response_times: ResponseTimesTable;
  presence: PresenceTable;
  macros: MacrosTable;
  complaint_counters: ComplaintCountersTable;
  complaints: ComplaintsTable;
  calendars: CalendarsTable;
  calendar_versions: CalendarVersionsTable;
  team_calendars: TeamCalendarsTable;
  desk_resolutions: DeskResolutionsTable;
  desk_queue_counts: DeskQueueCountsTable;
  desk_slot_counts: DeskSlotCountsTable;
  desk_response_counts: DeskResponseCountsTable;
  incidents: IncidentsTable;
  incident_updates: IncidentUpdatesTable;
  incident_links: IncidentLinksTable;
  incident_deliveries: IncidentDeliveriesTable;
  announcements: AnnouncementsTable;
  desk_settings: DeskSettingsTable;
}

/** Sorts after every real time (8.64e15 ms is the largest Date). */
export const NO_DUE_TIME = 8_640_000_000_000_000;
