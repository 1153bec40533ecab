import Type from 'typebox';
import {
  AUTHOR_TYPES,
  CATEGORIES,
  CHANNELS,
  CONVERSATION_STATUSES,
  MESSAGE_KINDS,
  PRESENCE_STATES,
  PRIORITIES,
  SLA_CLOCKS,
} from '../enums.js';
import { AgentRef } from './agent.js';
import { Cursor, Limit, Nullable, Page, PatternString, Text, Timestamp } from './common.js';
import { ComplaintRef } from './complaint.js';
import { Customer, CustomerId, Transaction, WalletAccount } from './wallet.js';

export const ConversationId = Type.Integer({ minimum: 1, maximum: 2147483647 });

/** The longest message an agent may send, in characters. */
export const MESSAGE_MAX_LENGTH = 20000;

export const Tag = PatternString('^[a-z0-9][a-z0-9_-]{0,31}$', 'must be lowercase letters, digits, - or _, at most 32 long');

/** A team agents belong to and conversations are routed to: "payments", "security". */
export const TeamName = PatternString('^[a-z0-9][a-z0-9_-]{0,31}$', 'must be lowercase letters, digits, - or _, at most 32 long');

export const Sla = Type.Object({
  firstResponseDueAt: Nullable(Timestamp),
  nextResponseDueAt: Nullable(Timestamp),
  resolutionDueAt: Nullable(Timestamp),
  /** The earliest of the due times still running: what the queue sorts by. */
  dueAt: Nullable(Timestamp),
  breached: Type.Boolean(),
  /** The clock that sets dueAt, and when it started: its window is dueAt − clockStartedAt (pauses excluded). */
  clock: Nullable(Type.Enum(SLA_CLOCKS)),
  clockStartedAt: Nullable(Timestamp),
  /**
   * Business-time clocks (issue 16): when the warning starts, as an instant (the last 20 % of the
   * window in business time), and the closures ahead, up to dueAt, during which the clock does not
   * run. Calendar-time clocks: warningAt null (20 % of dueAt − clockStartedAt) and no pauses.
   */
  warningAt: Type.Optional(Nullable(Timestamp)),
  pauses: Type.Optional(Type.Array(Type.Object({ from: Timestamp, until: Timestamp }))),
  /**
   * Issue 17: while an active incident with paused clocks holds the response clocks, which incident,
   * since when, and the time the owed response will have when they resume (null: no answer is owed).
   * The held clocks are not in dueAt and cannot breach. Absent when nothing holds them.
   */
  responseHold: Type.Optional(Type.Object({ incidentId: Type.Integer(), since: Timestamp, leftMs: Nullable(Type.Integer()) })),
});

export const ConversationSummary = Type.Object({
  id: ConversationId,
  subject: Type.String(),
  status: Type.Enum(CONVERSATION_STATUSES),
  priority: Type.Enum(PRIORITIES),
  channel: Type.Enum(CHANNELS),
  category: Type.Enum(CATEGORIES),
  tags: Type.Array(Tag),
  customer: Type.Object({ id: CustomerId, name: Type.String() }),
  assignee: Nullable(AgentRef),
  /** The team the conversation is routed to; only its members claim it. */
  team: Nullable(TeamName),
  sla: Sla,
  snoozedUntil: Nullable(Timestamp),
  messageCount: Type.Integer(),
  lastMessagePreview: Type.String(),
  lastMessageAt: Timestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const MessageAuthor = Type.Object({
  type: Type.Enum(AUTHOR_TYPES),
  id: Nullable(Type.String()),
  name: Type.String(),
});

export const Message = Type.Object({
  id: Type.Integer(),
  conversationId: ConversationId,
  clientMessageId: Nullable(Type.String()),
  kind: Type.Enum(MESSAGE_KINDS),
  author: MessageAuthor,
  body: Type.String(),
  createdAt: Timestamp,
});

/** Another agent viewing or typing in a conversation, until expiresAt unless renewed. */
export const PresenceEntry = Type.Object({
  agent: AgentRef,
  state: Type.Enum(PRESENCE_STATES),
  since: Timestamp,
  expiresAt: Timestamp,
});

/** One recorded response: how long the customer waited for an agent's reply (pauses excluded). */
export const ResponseTime = Type.Object({
  clock: Type.Enum(['first_response', 'next_response'] as const),
  startedAt: Timestamp,
  dueAt: Timestamp,
  respondedAt: Timestamp,
  durationMs: Type.Integer(),
  breached: Type.Boolean(),
  agent: Nullable(AgentRef),
});

export const ConversationDetail = Type.Object({
  conversation: ConversationSummary,
  customer: Customer,
  accounts: Type.Array(WalletAccount),
  recentTransactions: Type.Array(Transaction),
  /** The latest messages, oldest first; `olderMessagesCursor` pages back through the rest. */
  messages: Type.Array(Message),
  olderMessagesCursor: Nullable(Cursor),
  /** Who else is in this conversation now (expired entries are left out). */
  presence: Type.Array(PresenceEntry),
  responseTimes: Type.Array(ResponseTime),
  /** The conversation's complaint: the open one, else the latest; null when it never had one. */
  complaint: Nullable(ComplaintRef),
  /** The customer's rating of its latest rated resolution (satisfaction survey); null when none was rated. */
  satisfaction: Nullable(
    Type.Object({ surveyId: Type.Integer(), rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Nullable(Type.String()), answeredAt: Timestamp }),
  ),
});

export const QueueQuery = Type.Object(
  {
    status: Type.Optional(
      PatternString(
        `^(${CONVERSATION_STATUSES.join('|')})(,(${CONVERSATION_STATUSES.join('|')}))*$`,
        `must be one or more of ${CONVERSATION_STATUSES.join(', ')}, separated by commas`,
        { maxLength: 100 },
      ),
    ),
    channel: Type.Optional(Type.Enum(CHANNELS)),
    priority: Type.Optional(Type.Enum(PRIORITIES)),
    category: Type.Optional(Type.Enum(CATEGORIES)),
    /** "me", "unassigned", "any" or an agent id. */
    assignee: Type.Optional(PatternString('^(me|unassigned|any|agt_[0-9A-Za-z]{6,32})$', 'must be me, unassigned, any or an agent id (agt_…)')),
    q: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
    team: Type.Optional(TeamName),
    /** Only conversations linked to this incident (an incident id; schemas/incident.ts imports this file). */
    incident: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);

export const QueuePage = Page(ConversationSummary);

/** GET /v1/customers/:id/conversations: a customer's conversations, newest first. */
export const CustomerConversationsQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) },
  { additionalProperties: false },
);

export const MessagesQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) },
  { additionalProperties: false },
);

export const MessagePage = Page(Message);

export const ClientMessageId = PatternString('^[0-9A-Za-z_-]{8,64}$', 'must be 8 to 64 letters, digits, - or _ (a UUID works)');

export const SendMessageRequest = Type.Object(
  {
    body: Text({ minLength: 1, maxLength: MESSAGE_MAX_LENGTH }),
    kind: Type.Optional(Type.Enum(MESSAGE_KINDS)),
    clientMessageId: Type.Optional(ClientMessageId),
  },
  { additionalProperties: false },
);
