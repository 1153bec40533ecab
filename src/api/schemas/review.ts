import Type from 'typebox';
import { AgentId, AgentRef } from './agent.js';
import { Cursor, Limit, Nullable, PatternString, Text, Timestamp } from './common.js';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
export const CriterionId = PatternString('^[a-z][a-z0-9_]{1,31}$', 'must be a short lower-case id such as accuracy or policy_compliance', { maxLength: 32 });
export const REVIEW_STATUSES = ['pending', 'done'] as const;

export const Criterion = Type.Object({ id: CriterionId, name: Type.String(), description: Type.String() });

export const Rubric = Type.Object({ criteria: Type.Array(Criterion) });

export const RubricRequest = Type.Object(
  {
    /** The rubric as it should be, in order: criteria left out are retired (kept for past reviews). */
    criteria: Type.Array(
      Type.Object(
        { id: CriterionId, name: Text({ minLength: 1, maxLength: 80 }), description: Type.Optional(Text({ maxLength: 500 })) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 12 },
    ),
  },
  { additionalProperties: false },
);

export const QualityReview = Type.Object({
  id: Id,
  conversationId: Id,
  subject: Type.String(),
  agent: AgentRef,
  /** sample: picked at random for its week; hand: chosen by a supervisor. */
  pickedBy: Type.Union([Type.Literal('sample'), Type.Literal('hand')]),
  /** Monday (UTC) of the week the conversation was resolved in. */
  week: Type.String(),
  status: Type.Enum(REVIEW_STATUSES),
  createdAt: Timestamp,
  reviewer: Nullable(AgentRef),
  reviewedAt: Nullable(Timestamp),
  comment: Nullable(Type.String()),
  /** Mean of the criterion scores, two decimals; null until reviewed. */
  score: Nullable(Type.Number()),
  scores: Type.Array(Type.Object({ criterion: Type.String(), name: Type.String(), score: Type.Integer({ minimum: 1, maximum: 5 }), comment: Nullable(Type.String()) })),
});

export const QualityReviewPage = Type.Object({ data: Type.Array(QualityReview), nextCursor: Nullable(Cursor) });

export const QualityReviewQuery = Type.Object(
  { agentId: Type.Optional(AgentId), status: Type.Optional(Type.Enum(REVIEW_STATUSES)), limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) },
  { additionalProperties: false },
);

export const CreateReviewRequest = Type.Object({ conversationId: Id }, { additionalProperties: false });

export const SampleReviewsRequest = Type.Object(
  {
    /** Any day of the week to sample (UTC weeks, Monday first); default: last week. */
    week: Type.Optional(PatternString('^\\d{4}-\\d{2}-\\d{2}$', 'must be a calendar date such as 2026-11-23', { maxLength: 10 })),
    /** Conversations per agent for that week (default: the server's setting). */
    perAgent: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  },
  { additionalProperties: false },
);

export const SampleReviewsResponse = Type.Object({ week: Type.String(), perAgent: Type.Integer(), created: Type.Array(QualityReview) });

export const ScoreReviewRequest = Type.Object(
  {
    scores: Type.Array(
      Type.Object({ criterion: CriterionId, score: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Text({ maxLength: 2000 })) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 12 },
    ),
    comment: Type.Optional(Text({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);
