import Type from 'typebox';
import { CATEGORIES, CHANNELS } from '../enums.js';
import { Nullable, Text, Timestamp } from './common.js';
import { ConversationSummary, Message } from './conversation.js';

/** A conversation an agent starts: a phone call they log, or an outbound email, chat or social message. */
export const StartConversationRequest = Type.Object(
  {
    channel: Type.Enum(CHANNELS),
    subject: Text({ minLength: 1, maxLength: 200 }),
    /** The first message: for a phone call, the agent's note of it (internal); otherwise what is sent to the customer. */
    body: Text({ minLength: 1, maxLength: 20000 }),
    category: Type.Optional(Type.Enum(CATEGORIES)),
    /** Phone only: when the call started (default: now). */
    callStartedAt: Type.Optional(Timestamp),
    /** Phone only: when it ended, for a call logged afterwards; `summary` is then required. */
    callEndedAt: Type.Optional(Timestamp),
    summary: Type.Optional(Text({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);

export const CallRecord = Type.Object({
  startedAt: Timestamp,
  endedAt: Nullable(Timestamp),
  summary: Nullable(Type.String()),
});

export const StartConversationResponse = Type.Object({
  conversation: ConversationSummary,
  message: Message,
  /** Phone conversations: the call; null for other channels. */
  call: Nullable(CallRecord),
});

export const EndCallRequest = Type.Object(
  {
    /** Required: what the call was about and what was done. */
    summary: Text({ maxLength: 5000 }),
    /** Default: now. */
    endedAt: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);

export const EndCallResponse = Type.Object({ conversationId: Type.Integer(), call: CallRecord, note: Message });
