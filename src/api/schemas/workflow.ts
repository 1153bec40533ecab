import Type from 'typebox';
import { CATEGORIES, CHANNELS, EVENT_TYPES, PRESENCE_STATES, PRIORITIES, SLA_CLOCK_MODES } from '../enums.js';
import { AgentId, AgentRef } from './agent.js';
import { CustomerText, Nullable, Text, Timestamp } from './common.js';
import { ClientMessageId, ConversationSummary, Message, PresenceEntry, Tag, TeamName } from './conversation.js';
import { CustomerId } from './wallet.js';

/** The answer of every action on one conversation: the conversation as it is now. */
export const ConversationResponse = Type.Object({ conversation: ConversationSummary });

export const ResolveRequest = Type.Object(
  {
    /** Claim the next conversation in the same call, once this one is resolved. */
    claimNext: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ResolveResponse = Type.Object({
  conversation: ConversationSummary,
  /** With claimNext: the conversation claimed next, or null with the reason in nextError. */
  next: Nullable(ConversationSummary),
  nextError: Nullable(Type.Object({ code: Type.String(), detail: Type.String() })),
});

export const SnoozeRequest = Type.Object({ until: Timestamp }, { additionalProperties: false });

export const TransferRequest = Type.Object(
  {
    toAgentId: Type.Optional(AgentId),
    toTeam: Type.Optional(TeamName),
    /** Stored as an internal note on the conversation. */
    note: Type.Optional(Text({ minLength: 1, maxLength: 5000 })),
  },
  { additionalProperties: false },
);

export const UpdateConversationRequest = Type.Object(
  {
    priority: Type.Optional(Type.Enum(PRIORITIES)),
    category: Type.Optional(Type.Enum(CATEGORIES)),
    /** Replaces every tag; use addTags/removeTags to change some. */
    tags: Type.Optional(Type.Array(Tag, { uniqueItems: true, maxItems: 20 })),
    addTags: Type.Optional(Type.Array(Tag, { uniqueItems: true, maxItems: 20 })),
    removeTags: Type.Optional(Type.Array(Tag, { uniqueItems: true, maxItems: 20 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const PresenceRequest = Type.Object({ state: Type.Enum(PRESENCE_STATES) }, { additionalProperties: false });

export const PresenceResponse = Type.Object({ presence: Type.Array(PresenceEntry) });

/** A conversation opened by a channel integration (chat widget, mailbox, phone system, social inbox). */
export const CreateConversationRequest = Type.Object(
  {
    customerId: CustomerId,
    channel: Type.Enum(CHANNELS),
    category: Type.Enum(CATEGORIES),
    priority: Type.Optional(Type.Enum(PRIORITIES)),
    subject: CustomerText({ minLength: 1, maxLength: 200 }),
    /** The customer's first message. */
    body: CustomerText({ minLength: 1, maxLength: 20000 }),
    /** The channel's own id for this thread: sending it again returns the conversation already opened. */
    externalId: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
    tags: Type.Optional(Type.Array(Tag, { uniqueItems: true, maxItems: 20 })),
    team: Type.Optional(TeamName),
  },
  { additionalProperties: false },
);

export const CreateConversationResponse = Type.Object({ conversation: ConversationSummary, message: Message });

/** A customer's message arriving from a channel; clientMessageId is the channel's message id. */
export const InboundMessageRequest = Type.Object(
  {
    body: CustomerText({ minLength: 1, maxLength: 20000 }),
    clientMessageId: Type.Optional(ClientMessageId),
  },
  { additionalProperties: false },
);

export const MessageResponse = Type.Object({ message: Message, conversation: ConversationSummary });

const Minutes = (n: number) => n * 60_000;
const TargetMs = Type.Integer({ minimum: Minutes(1), maximum: Minutes(60 * 24 * 365) });

export const SlaPolicy = Type.Object({
  priority: Type.Enum(PRIORITIES),
  firstResponseMs: TargetMs,
  nextResponseMs: TargetMs,
  resolutionMs: TargetMs,
  /** "calendar": the clocks run around the clock; "business": in the business hours of the conversation's team's calendar. */
  clock: Type.Enum(SLA_CLOCK_MODES),
  updatedAt: Timestamp,
  updatedBy: Nullable(AgentRef),
});

export const SlaPolicyList = Type.Object({ data: Type.Array(SlaPolicy), nextCursor: Type.Null() });

export const PutSlaPoliciesRequest = Type.Object(
  {
    /** The priorities to set; the others keep their targets. */
    policies: Type.Array(
      Type.Object(
        { priority: Type.Enum(PRIORITIES), firstResponseMs: TargetMs, nextResponseMs: TargetMs, resolutionMs: TargetMs, clock: Type.Optional(Type.Enum(SLA_CLOCK_MODES)) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: PRIORITIES.length },
    ),
  },
  { additionalProperties: false },
);

export const EventsQuery = Type.Object(
  {
    /** Resume after this event id (the Last-Event-ID header does the same and wins). */
    after: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

/** The envelope of every live event (the `data:` line of the SSE stream). */
export const LiveEventEnvelope = Type.Object({
  id: Type.Integer(),
  type: Type.Enum(EVENT_TYPES),
  conversationId: Nullable(Type.Integer()),
  at: Timestamp,
  data: Type.Record(Type.String(), Type.Unknown()),
});
