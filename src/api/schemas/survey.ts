import Type from 'typebox';
import { FEEDBACK_TOPICS, FOLLOW_UP_STATUSES, LANGUAGES } from '../enums.js';
import { AgentId, AgentRef } from './agent.js';
import { Cursor, CustomerText, Limit, Nullable, Text, Timestamp } from './common.js';
import { CustomerId } from './wallet.js';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
export const Rating = Type.Integer({ minimum: 1, maximum: 5, description: '1 (very unhappy) to 5 (very happy)' });

/** A satisfaction survey: one per resolution, sent to the customer, answered at most once. */
export const Survey = Type.Object({
  id: Id,
  conversationId: Id,
  customer: Type.Object({ id: CustomerId, name: Type.String() }),
  /** Who resolved the conversation (its assignee then); null when nobody held it. */
  agent: Nullable(AgentRef),
  team: Nullable(Type.String()),
  language: Type.Enum(LANGUAGES),
  sentAt: Timestamp,
  expiresAt: Timestamp,
  rating: Nullable(Rating),
  comment: Nullable(Type.String()),
  answeredAt: Nullable(Timestamp),
  /** The conversation came back after this resolution. */
  reopenedAt: Nullable(Timestamp),
});

/** Counts and mean of the answered surveys a list's filter selects (all pages). */
export const RatingSummary = Type.Object({
  sent: Type.Integer({ minimum: 0 }),
  answered: Type.Integer({ minimum: 0 }),
  /** Mean rating, two decimals; null with no answer. */
  average: Nullable(Type.Number()),
  /** Answers per rating, index 0 is rating 1. */
  distribution: Type.Array(Type.Integer({ minimum: 0 }), { minItems: 5, maxItems: 5 }),
});

export const SurveyPage = Type.Object({ data: Type.Array(Survey), nextCursor: Nullable(Cursor), summary: RatingSummary });

export const SurveyQuery = Type.Object(
  {
    conversationId: Type.Optional(Id),
    customerId: Type.Optional(CustomerId),
    agentId: Type.Optional(AgentId),
    answered: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);

export const FeedbackSuggestion = Type.Object(
  { topic: Type.Enum(FEEDBACK_TOPICS), text: CustomerText({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

/** The wallet app's answer, sent with the survey's own token as the bearer. */
export const SurveyAnswerRequest = Type.Object(
  {
    rating: Rating,
    comment: Type.Optional(CustomerText({ maxLength: 2000 })),
    /** An idea for the product or the desk, kept as feedback under its topic. */
    suggestion: Type.Optional(FeedbackSuggestion),
  },
  { additionalProperties: false },
);

/** What the customer is told back: their answer, nothing of the desk. */
export const SurveyAnswer = Type.Object({
  id: Id,
  rating: Rating,
  comment: Nullable(Type.String()),
  suggestion: Nullable(Type.Object({ topic: Type.Enum(FEEDBACK_TOPICS), text: Type.String() })),
  answeredAt: Timestamp,
});

/** For the channel that delivers the survey (admins): the token the customer answers with. */
export const SurveyLink = Type.Object({ id: Id, token: Type.String(), expiresAt: Timestamp, answerPath: Type.String() });

export const FollowUp = Type.Object({
  id: Id,
  status: Type.Enum(FOLLOW_UP_STATUSES),
  survey: Survey,
  subject: Type.String(),
  openedAt: Timestamp,
  closed: Nullable(Type.Object({ by: AgentRef, at: Timestamp, note: Type.String() })),
});

export const FollowUpPage = Type.Object({ data: Type.Array(FollowUp), nextCursor: Nullable(Cursor) });

export const FollowUpQuery = Type.Object(
  { status: Type.Optional(Type.Enum(FOLLOW_UP_STATUSES)), limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) },
  { additionalProperties: false },
);

export const CloseFollowUpRequest = Type.Object({ note: Text({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false });

export const Feedback = Type.Object({
  id: Id,
  surveyId: Id,
  customer: Type.Object({ id: CustomerId, name: Type.String() }),
  topic: Type.Enum(FEEDBACK_TOPICS),
  text: Type.String(),
  language: Type.Enum(LANGUAGES),
  at: Timestamp,
});

export const FeedbackPage = Type.Object({
  data: Type.Array(Feedback),
  nextCursor: Nullable(Cursor),
  /** Every topic with its count (all feedback, whatever the filter), most first. */
  topics: Type.Array(Type.Object({ topic: Type.Enum(FEEDBACK_TOPICS), count: Type.Integer({ minimum: 0 }) })),
});

export const FeedbackQuery = Type.Object(
  { topic: Type.Optional(Type.Enum(FEEDBACK_TOPICS)), limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) },
  { additionalProperties: false },
);
