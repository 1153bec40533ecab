import type { Kysely } from 'kysely';
import type { Criterion, QualityReview } from '../../api/types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import './survey-tables.js';
import type { Database } from './tables.js';
import { iso, isoOrNull } from './time.js';

export async function activeCriteria(db: Kysely<Database>): Promise<Criterion[]> {
  return db.selectFrom('review_criteria').select(['id', 'name', 'description']).where('active', '=', 1).orderBy('position').orderBy('id').execute();
}

function reviewColumns(db: Kysely<Database>) {
  return db
    .selectFrom('quality_reviews')
    .innerJoin('conversations', 'conversations.id', 'quality_reviews.conversation_id')
    .innerJoin('agents as agent', 'agent.id', 'quality_reviews.agent_id')
    .leftJoin('agents as reviewer', 'reviewer.id', 'quality_reviews.reviewer_id')
    .select([
      'quality_reviews.id',
      'quality_reviews.conversation_id',
      'conversations.subject',
      'quality_reviews.agent_id',
      'agent.name as agent_name',
      'quality_reviews.picked_by',
      'quality_reviews.week_start',
      'quality_reviews.status',
      'quality_reviews.created_at',
      'quality_reviews.reviewer_id',
      'reviewer.name as reviewer_name',
      'quality_reviews.reviewed_at',
      'quality_reviews.comment',
    ]);
}

type ReviewRow = Awaited<ReturnType<ReturnType<typeof reviewColumns>['executeTakeFirstOrThrow']>>;

async function toReviews(db: Kysely<Database>, rows: ReviewRow[]): Promise<QualityReview[]> {
  const ids = rows.map((r) => r.id);
  const scores = ids.length
    ? await db
        .selectFrom('quality_scores')
        .innerJoin('review_criteria', 'review_criteria.id', 'quality_scores.criterion_id')
        .select(['quality_scores.review_id', 'quality_scores.criterion_id', 'review_criteria.name', 'review_criteria.position', 'quality_scores.score', 'quality_scores.comment'])
        .where('quality_scores.review_id', 'in', ids)
        .orderBy('review_criteria.position')
        .execute()
    : [];
  return rows.map((r) => {
    const own = scores.filter((s) => s.review_id === r.id).map((s) => ({ criterion: s.criterion_id, name: s.name, score: Number(s.score), comment: s.comment }));
    return {
      id: r.id,
      conversationId: r.conversation_id,
      subject: r.subject,
      agent: { id: r.agent_id, name: r.agent_name },
      pickedBy: r.picked_by as QualityReview['pickedBy'],
      week: iso(r.week_start).slice(0, 10),
      status: r.status as QualityReview['status'],
      createdAt: iso(r.created_at),
      reviewer: r.reviewer_id && r.reviewer_name ? { id: r.reviewer_id, name: r.reviewer_name } : null,
      reviewedAt: isoOrNull(r.reviewed_at),
      comment: r.comment,
      score: own.length ? Math.round((own.reduce((a, s) => a + s.score, 0) / own.length) * 100) / 100 : null,
      scores: own,
    };
  });
}

export async function findReview(db: Kysely<Database>, id: number): Promise<QualityReview | undefined> {
  const row = await reviewColumns(db).where('quality_reviews.id', '=', id).executeTakeFirst();
  return row ? (await toReviews(db, [row]))[0] : undefined;
}

export async function findReviews(db: Kysely<Database>, ids: number[]): Promise<QualityReview[]> {
  if (!ids.length) return [];
  return toReviews(db, await reviewColumns(db).where('quality_reviews.id', 'in', ids).orderBy('quality_reviews.id').execute());
}

const REVIEW_LIST = 'quality-reviews';

/** Reviews, newest first, keyset-paginated. */
export async function listReviews(db: Kysely<Database>, filter: { agentId?: string | undefined; status?: string | undefined }, limit: number, cursor: string | undefined) {
  let query = reviewColumns(db);
  if (filter.agentId !== undefined) query = query.where('quality_reviews.agent_id', '=', filter.agentId);
  if (filter.status !== undefined) query = query.where('quality_reviews.status', '=', filter.status);
  if (cursor) {
    const [id] = decodeCursor(REVIEW_LIST, cursor, ['number']) as number[];
    query = query.where('quality_reviews.id', '<', id!);
  }
  const rows = await query.orderBy('quality_reviews.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { data: await toReviews(db, page), nextCursor: rows.length > limit && last ? encodeCursor(REVIEW_LIST, [last.id]) : null };
}
