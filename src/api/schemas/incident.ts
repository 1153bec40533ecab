import Type from 'typebox';
import { CATEGORIES, CHANNELS, FAILURE_REASONS, INCIDENT_STATUSES, INCIDENT_UPDATE_KINDS, PAYMENT_METHODS } from '../enums.js';
import { AgentRef } from './agent.js';
import { Cursor, Limit, Nullable, Page, Text, Timestamp } from './common.js';
import { ConversationId, ConversationSummary } from './conversation.js';

export const IncidentId = Type.Integer({ minimum: 1, maximum: 2147483647 });

/** What customers are told, per language of the desk (en, zh, id). */
export const CustomerTexts = Type.Object(
  {
    en: Type.Optional(Text({ minLength: 1, maxLength: 2000 })),
    zh: Type.Optional(Text({ minLength: 1, maxLength: 2000 })),
    id: Type.Optional(Text({ minLength: 1, maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const Criterion = Text({ minLength: 1, maxLength: 200 });

/** What the incident affects: the server suggests conversations matching any of it. */
export const IncidentAffects = Type.Object(
  {
    channels: Type.Optional(Type.Array(Type.Enum(CHANNELS), { maxItems: 10, uniqueItems: true })),
    categories: Type.Optional(Type.Array(Type.Enum(CATEGORIES), { maxItems: 20, uniqueItems: true })),
    /** Merchants, banks or payees as transactions name them (matched case-insensitively). */
    counterparties: Type.Optional(Type.Array(Criterion, { maxItems: 50 })),
    failureReasons: Type.Optional(Type.Array(Type.Enum(FAILURE_REASONS), { maxItems: 10, uniqueItems: true })),
    /** How the customer paid: a failed payment by one of these since the start matches. */
    paymentMethods: Type.Optional(Type.Array(Type.Enum(PAYMENT_METHODS), { maxItems: 10, uniqueItems: true })),
    /** Words customers use about it, matched in their messages. */
    keywords: Type.Optional(Type.Array(Criterion, { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export const IncidentUpdate = Type.Object({
  id: Type.Integer(),
  /** declared, updated (agents see it), broadcast (sent to customers), resolved (the final message, if any). */
  kind: Type.Enum(INCIDENT_UPDATE_KINDS),
  note: Nullable(Type.String()),
  changes: Type.Record(Type.String(), Type.Object({ from: Type.Unknown(), to: Type.Unknown() })),
  messages: Nullable(CustomerTexts),
  resolveConversations: Type.Boolean(),
  createdBy: AgentRef,
  createdAt: Timestamp,
});

export const Incident = Type.Object({
  id: IncidentId,
  title: Type.String(),
  /** Internal: for agents, never sent to customers. */
  description: Type.String(),
  status: Type.Enum(INCIDENT_STATUSES),
  texts: CustomerTexts,
  affects: IncidentAffects,
  /** While active: the response clocks of linked conversations are paused (their countdowns show it). */
  pauseClocks: Type.Boolean(),
  startedAt: Timestamp,
  expectedEndAt: Nullable(Timestamp),
  createdBy: AgentRef,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  resolved: Nullable(Type.Object({ by: AgentRef, at: Timestamp })),
  linkedCount: Type.Integer(),
  /** Linked conversations a broadcast reaches: open, pending or snoozed. */
  openLinkedCount: Type.Integer(),
  latestUpdate: Nullable(IncidentUpdate),
});

export const IncidentDetail = Type.Intersect([Incident, Type.Object({ updates: Type.Array(IncidentUpdate) })]);

export const CreateIncidentRequest = Type.Object(
  {
    title: Text({ minLength: 1, maxLength: 200 }),
    description: Text({ minLength: 1, maxLength: 5000 }),
    texts: Type.Optional(CustomerTexts),
    affects: Type.Optional(IncidentAffects),
    /** Pause the response clocks of linked conversations while the incident is active (default false). */
    pauseClocks: Type.Optional(Type.Boolean()),
    /** Now when left out. */
    startedAt: Type.Optional(Timestamp),
    expectedEndAt: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);

export const UpdateIncidentRequest = Type.Object(
  {
    title: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Text({ minLength: 1, maxLength: 5000 })),
    /** Merged into the current texts, language by language. */
    texts: Type.Optional(CustomerTexts),
    affects: Type.Optional(IncidentAffects),
    pauseClocks: Type.Optional(Type.Boolean()),
    startedAt: Type.Optional(Timestamp),
    /** null: no expected end any more. */
    expectedEndAt: Type.Optional(Nullable(Timestamp)),
    note: Type.Optional(Text({ minLength: 1, maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const IncidentQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(INCIDENT_STATUSES)),
    /** Only the incident this conversation is linked to. */
    conversationId: Type.Optional(ConversationId),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);

export const IncidentPage = Page(Incident);

export const IncidentIdParam = Type.Object({ id: IncidentId });
export const IncidentLinkParam = Type.Object({ id: IncidentId, conversationId: ConversationId });
export const IncidentUpdateParam = Type.Object({ id: IncidentId, updateId: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

export const LinkConversationsRequest = Type.Object(
  { conversationIds: Type.Array(ConversationId, { minItems: 1, maxItems: 500, uniqueItems: true }) },
  { additionalProperties: false },
);

export const LinkConversationsResponse = Type.Object({
  incident: Incident,
  linked: Type.Array(ConversationId),
  /** Already linked to this incident: nothing changed for them. */
  alreadyLinked: Type.Array(ConversationId),
});

export const IncidentSuggestion = Type.Object({
  conversation: ConversationSummary,
  /** Which criteria matched: category, counterparty, failure_reason, payment_method, keyword. */
  reasons: Type.Array(Type.String()),
});

export const IncidentSuggestions = Type.Object({ data: Type.Array(IncidentSuggestion) });

export const BroadcastRequest = Type.Object(
  {
    /** The update in each language; the incident's customer texts when left out. */
    messages: Type.Optional(CustomerTexts),
  },
  { additionalProperties: false },
);

export const DeliverRequest = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
  { additionalProperties: false },
);

/** One batch of a broadcast: what was sent now and what is left. */
export const DeliveryProgress = Type.Object({
  updateId: Type.Integer(),
  sent: Type.Integer(),
  /** Open linked conversations that had the update before this batch. */
  alreadySent: Type.Integer(),
  remaining: Type.Integer(),
  /** Linked conversations resolved after the final message, the customer not having written since. */
  resolvedConversations: Type.Array(ConversationId),
});

export const BroadcastStarted = Type.Object({
  incident: Incident,
  update: IncidentUpdate,
  /** Open linked conversations the update goes to. */
  total: Type.Integer(),
});

export const ResolveIncidentRequest = Type.Object(
  {
    /** A final message to every open linked conversation, sent like a broadcast. */
    messages: Type.Optional(CustomerTexts),
    /** With the final message: resolve each linked conversation the customer has not written on since the last update it got. */
    resolveConversations: Type.Optional(Type.Boolean()),
    note: Type.Optional(Text({ minLength: 1, maxLength: 2000 })),
  },
  { additionalProperties: false },
);

/** The latest unfinished broadcast of an incident, for `--resume`. */
export const PendingBroadcast = Type.Object({ update: Nullable(IncidentUpdate), remaining: Type.Integer() });
