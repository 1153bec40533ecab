import type { Generated } from 'kysely';

/**
 * Tables of migration 012-surveys-reviews, merged into tables.ts's Database so that this area's
 * tables live with it and other areas' changes to tables.ts never collide with them.
 */
export interface SurveysTable {
  id: Generated<number>;
  conversation_id: number;
  customer_id: string;
  /** The assignee when the conversation was resolved; null when nobody held it. */
  agent_id: string | null;
  team: string | null;
  token: string;
  language: string;
  created_at: number;
  expires_at: number;
  rating: number | null;
  comment: string | null;
  answered_at: number | null;
  reopened_at: number | null;
  /** Wall time from the conversation's creation to this resolution. */
  resolution_ms: number;
  resolution_due_at: number | null;
}

export interface FollowUpsTable {
  id: Generated<number>;
  survey_id: number;
  conversation_id: number;
  /** open | closed */
  status: string;
  created_at: number;
  closed_by: string | null;
  closed_at: number | null;
  close_note: string | null;
}

export interface FeedbackTable {
  id: Generated<number>;
  survey_id: number;
  customer_id: string;
  topic: string;
  body: string;
  language: string;
  created_at: number;
}

export interface ReviewCriteriaTable {
  id: string;
  name: string;
  description: string;
  position: number;
  active: number;
  updated_at: number;
}

export interface QualityReviewsTable {
  id: Generated<number>;
  conversation_id: number;
  agent_id: string;
  /** sample | hand */
  picked_by: string;
  week_start: number;
  /** pending | done */
  status: string;
  created_at: number;
  reviewer_id: string | null;
  comment: string | null;
  reviewed_at: number | null;
}

export interface QualityScoresTable {
  review_id: number;
  criterion_id: string;
  score: number;
  comment: string | null;
}

declare module './tables.js' {
  interface Database {
    surveys: SurveysTable;
    follow_ups: FollowUpsTable;
    feedback: FeedbackTable;
    review_criteria: ReviewCriteriaTable;
    quality_reviews: QualityReviewsTable;
    quality_scores: QualityScoresTable;
  }
}
