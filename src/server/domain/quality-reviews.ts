import { randomInt } from 'node:crypto';
import type { QualityReview, Rubric, RubricRequest, SampleReviewsResponse, ScoreReviewRequest } from '../../api/types.js';
import type { AuthenticatedAgent } from '../context.js';
import { isUniqueViolation } from '../store/constraint.js';
import { lockLimit } from '../store/limit-locks.js';
import { forUpdate } from '../store/locking.js';
import { activeCriteria, findReview, findReviews } from '../store/quality-reviews.js';
import { conflict, notFound, ProblemError, unprocessable } from './errors.js';
import type { UnitOfWork } from './unit-of-work.js';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Monday 00:00 UTC of the week an instant falls in. */
export function weekStart(at: number): number {
  const day = Math.floor(at / DAY_MS) * DAY_MS;
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return day - weekday * DAY_MS;
}

/** The rubric as the desk wants it: the criteria given, in order, active; the others retired. */
export async function setRubric(uow: UnitOfWork<AuthenticatedAgent>, input: RubricRequest): Promise<Rubric> {
  const { trx, now } = uow;
  const ids = input.criteria.map((c) => c.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new ProblemError('validation_failed', `criterion ${repeated} is listed twice`, { errors: [{ field: 'criteria', message: `${repeated} twice` }] });
  const before = await activeCriteria(trx);
  const existing = new Set((await trx.selectFrom('review_criteria').select('id').execute()).map((r) => r.id));
  await trx.updateTable('review_criteria').set({ active: 0, updated_at: now }).where('active', '=', 1).execute();
  for (const [position, c] of input.criteria.entries()) {
    const values = { name: c.name.trim(), description: c.description?.trim() ?? '', position, active: 1, updated_at: now };
    if (!values.name) throw new ProblemError('validation_failed', `criterion ${c.id} has a blank name`, { errors: [{ field: 'criteria', message: 'blank name' }] });
    if (existing.has(c.id)) await trx.updateTable('review_criteria').set(values).where('id', '=', c.id).execute();
    else await trx.insertInto('review_criteria').values({ id: c.id, ...values }).execute();
  }
  const after = await activeCriteria(trx);
  await uow.audit({ targetId: 'rubric', before: { criteria: before }, after: { criteria: after } });
  return { criteria: after };
}

/** The agent a resolved conversation is reviewed for: who resolved it last. */
async function resolvedBy(uow: UnitOfWork, conversationId: number): Promise<{ agentId: string; resolvedAt: number }> {
  const conversation = await uow.trx.selectFrom('conversations').select(['status', 'assignee_id', 'resolved_at']).where('id', '=', conversationId).executeTakeFirst();
  if (!conversation) throw notFound(`conversation ${conversationId}`);
  if (conversation.status !== 'resolved' && conversation.status !== 'closed') {
    throw conflict('review_not_resolved', `conversation ${conversationId} is ${conversation.status}; only resolved or closed conversations are reviewed`);
  }
  const last = await uow.trx.selectFrom('surveys').select(['agent_id', 'created_at']).where('conversation_id', '=', conversationId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const agentId = last?.agent_id ?? conversation.assignee_id;
  if (!agentId) throw conflict('review_no_agent', `nobody held conversation ${conversationId} when it was resolved: there is no agent to review`);
  return { agentId, resolvedAt: last?.created_at ?? conversation.resolved_at ?? uow.now };
}

/**
 * Picking conversations for review (a sample, or one by hand) is one decision at a time desk-wide, so
 * that parallel samples top up to the sample size once and never pick the same conversation twice.
 */
const REVIEW_PICKS = 'quality-review-picks';

/** A supervisor picks a resolved conversation for review by hand. One review per conversation. */
export async function createReview(uow: UnitOfWork<AuthenticatedAgent>, conversationId: number): Promise<QualityReview> {
  await lockLimit(uow.trx, REVIEW_PICKS, uow.now);
  const { agentId, resolvedAt } = await resolvedBy(uow, conversationId);
  const existing = await uow.trx.selectFrom('quality_reviews').select('id').where('conversation_id', '=', conversationId).executeTakeFirst();
  if (existing) throw conflict('review_exists', `conversation ${conversationId} already has review ${existing.id}`);
  try {
    const row = await uow.trx
      .insertInto('quality_reviews')
      .values({ conversation_id: conversationId, agent_id: agentId, picked_by: 'hand', week_start: weekStart(resolvedAt), status: 'pending', created_at: uow.now, reviewer_id: null, comment: null, reviewed_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const review = (await findReview(uow.trx, Number(row.id)))!;
    await uow.audit({ targetId: String(review.id), after: { conversationId, agentId, pickedBy: 'hand' } });
    return review;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('review_exists', `conversation ${conversationId} already has a review`);
    throw error;
  }
}

/**
 * Picks conversations at random for review: per agent, among those they resolved in the week (UTC,
 * Monday first) and not reviewed yet, up to `perAgent` sampled reviews for that agent and week, so
 * that running it again tops up rather than doubles.
 */
export async function sampleReviews(uow: UnitOfWork<AuthenticatedAgent>, input: { week?: string | undefined; perAgent?: number | undefined }): Promise<SampleReviewsResponse> {
  const { trx, now, ctx } = uow;
  let start: number;
  if (input.week !== undefined) {
    const day = Date.parse(`${input.week}T00:00:00Z`);
    if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== input.week) throw new ProblemError('validation_failed', 'week must be a calendar date such as 2026-11-23', { errors: [{ field: 'week', message: 'is not a date' }] });
    start = weekStart(day);
  } else start = weekStart(now) - WEEK_MS;
  if (start > now) throw unprocessable('review_week_future', `the week of ${input.week} has not begun`);
  const perAgent = input.perAgent ?? ctx.settings.reviewSamplePerAgent;
  // Two samples at once would both read the same counts and candidates: one waits for the other.
  await lockLimit(trx, REVIEW_PICKS, now);
  const candidates = await trx
    .selectFrom('surveys')
    .innerJoin('conversations', 'conversations.id', 'surveys.conversation_id')
    .select(['surveys.conversation_id', 'surveys.agent_id'])
    .distinct()
    .where('surveys.created_at', '>=', start)
    .where('surveys.created_at', '<', start + WEEK_MS)
    .where('surveys.agent_id', 'is not', null)
    .where('conversations.status', 'in', ['resolved', 'closed'])
    .where('surveys.conversation_id', 'not in', trx.selectFrom('quality_reviews').select('conversation_id'))
    .execute();
  const taken = await trx
    .selectFrom('quality_reviews')
    .select((eb) => ['agent_id', eb.fn.countAll<number | string>().as('n')])
    .where('week_start', '=', start)
    .where('picked_by', '=', 'sample')
    .groupBy('agent_id')
    .execute();
  const already = new Map(taken.map((t) => [t.agent_id, Number(t.n)]));
  const byAgent = new Map<string, number[]>();
  for (const c of candidates) {
    const list = byAgent.get(c.agent_id!) ?? [];
    if (!list.includes(c.conversation_id)) list.push(c.conversation_id);
    byAgent.set(c.agent_id!, list);
  }
  const created: number[] = [];
  for (const [agentId, conversations] of [...byAgent.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const wanted = Math.max(0, perAgent - (already.get(agentId) ?? 0));
    // Fisher–Yates, as far as needed.
    for (let i = 0; i < Math.min(wanted, conversations.length); i++) {
      const j = i + randomInt(conversations.length - i);
      [conversations[i], conversations[j]] = [conversations[j]!, conversations[i]!];
      const row = await trx
        .insertInto('quality_reviews')
        .values({ conversation_id: conversations[i]!, agent_id: agentId, picked_by: 'sample', week_start: start, status: 'pending', created_at: now, reviewer_id: null, comment: null, reviewed_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      created.push(Number(row.id));
    }
  }
  const week = new Date(start).toISOString().slice(0, 10);
  await uow.audit({ targetId: week, after: { week, perAgent, reviews: created } });
  return { week, perAgent, created: await findReviews(trx, created) };
}

/** A supervisor's scores on every active criterion; not on their own work. Once. */
export async function scoreReview(uow: UnitOfWork<AuthenticatedAgent>, id: number, input: ScoreReviewRequest): Promise<QualityReview> {
  const { trx, ctx, now, actor } = uow;
  const review = await forUpdate(trx.selectFrom('quality_reviews').select(['id', 'agent_id', 'status']).where('id', '=', id), ctx.engine).executeTakeFirst();
  if (!review) throw notFound(`review ${id}`);
  if (review.agent_id === actor.id) throw new ProblemError('own_review', 'nobody reviews their own conversations; another supervisor does', { status: 403 });
  if (review.status === 'done') throw conflict('review_done', `review ${id} was already scored`);
  const criteria = await activeCriteria(trx);
  const given = input.scores.map((s) => s.criterion);
  const unknown = given.filter((c) => !criteria.some((k) => k.id === c));
  const missing = criteria.filter((c) => !given.includes(c.id)).map((c) => c.id);
  const twice = given.find((c, i) => given.indexOf(c) !== i);
  if (unknown.length || missing.length || twice) {
    const why = [unknown.length ? `not in the rubric: ${unknown.join(', ')}` : '', missing.length ? `missing: ${missing.join(', ')}` : '', twice ? `${twice} twice` : ''].filter(Boolean).join('; ');
    throw new ProblemError('validation_failed', `score each criterion of the rubric once (${criteria.map((c) => c.id).join(', ')}); ${why}`, { errors: [{ field: 'scores', message: why }] });
  }
  await trx
    .insertInto('quality_scores')
    .values(input.scores.map((s) => ({ review_id: id, criterion_id: s.criterion, score: s.score, comment: s.comment?.trim() || null })))
    .execute();
  await trx.updateTable('quality_reviews').set({ status: 'done', reviewer_id: actor.id, reviewed_at: now, comment: input.comment?.trim() || null }).where('id', '=', id).execute();
  const after = (await findReview(trx, id))!;
  await uow.audit({ before: { status: 'pending' }, after: { status: 'done', score: after.score, scores: after.scores } });
  return after;
}
