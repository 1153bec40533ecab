import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateReviewRequest,
  IdParam,
  QualityReview,
  QualityReviewPage,
  QualityReviewQuery,
  Rubric,
  RubricRequest,
  SampleReviewsRequest,
  SampleReviewsResponse,
  ScoreReviewRequest,
} from '../../api/schemas/index.js';
import { agentOf } from '../auth/access.js';
import { ANY_ROLE, SUPERVISORS } from '../context.js';
import { notFound, ProblemError } from '../domain/errors.js';
import { createReview, sampleReviews, scoreReview, setRubric } from '../domain/quality-reviews.js';
import { runChange } from '../http/unit-of-work.js';
import { activeCriteria, findReview, listReviews } from '../store/quality-reviews.js';

export const qualityReviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/v1/reviews/rubric',
    { config: { access: ANY_ROLE }, schema: { tags: ['reviews'], summary: 'The quality rubric: the criteria each scored 1–5', response: { 200: Rubric } } },
    async () => ({ criteria: await activeCriteria(ctx.db) }),
  );

  app.put(
    '/v1/reviews/rubric',
    {
      config: { access: SUPERVISORS, audit: { action: 'review.rubric_set', targetType: 'rubric' } },
      schema: {
        tags: ['reviews'],
        summary: 'Set the rubric: the criteria given, in order',
        description: 'Supervisors and admins. Criteria left out are retired: past reviews keep their scores on them.',
        body: RubricRequest,
        response: { 200: Rubric },
      },
    },
    async (request) => runChange(request, (uow) => setRubric(uow, request.body)),
  );

  app.get(
    '/v1/reviews',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['reviews'],
        summary: 'Quality reviews, newest first',
        description: "Supervisors and admins see every agent's; an agent sees their own (the default), another agent's agentId is 403.",
        querystring: QualityReviewQuery,
        response: { 200: QualityReviewPage },
      },
    },
    async (request) => {
      const agent = agentOf(request);
      const q = request.query;
      let agentId = q.agentId;
      if (agent.role === 'agent') {
        if (agentId !== undefined && agentId !== agent.id) throw new ProblemError('forbidden', 'an agent sees their own reviews only');
        agentId = agent.id;
      }
      return listReviews(ctx.db, { agentId, status: q.status }, q.limit ?? 50, q.cursor);
    },
  );

  app.get(
    '/v1/reviews/:id',
    { config: { access: ANY_ROLE }, schema: { tags: ['reviews'], summary: 'One quality review', description: 'An agent reads their own only (another is 404).', params: IdParam, response: { 200: QualityReview } } },
    async (request) => {
      const agent = agentOf(request);
      const review = await findReview(ctx.db, request.params.id);
      if (!review || (agent.role === 'agent' && review.agent.id !== agent.id)) throw notFound(`review ${request.params.id}`);
      return review;
    },
  );

  app.post(
    '/v1/reviews',
    {
      config: { access: SUPERVISORS, audit: { action: 'review.created', targetType: 'review' } },
      schema: {
        tags: ['reviews'],
        summary: 'Pick a resolved conversation for review by hand',
        description: 'For the agent who resolved it. One review per conversation: another is 409 `review_exists`; an unresolved conversation 409 `review_not_resolved`.',
        body: CreateReviewRequest,
        response: { 201: QualityReview },
      },
    },
    async (request, reply) => reply.code(201).send(await runChange(request, (uow) => createReview(uow, request.body.conversationId))),
  );

  app.post(
    '/v1/reviews/sample',
    {
      config: { access: SUPERVISORS, audit: { action: 'review.sampled', targetType: 'review_week' } },
      schema: {
        tags: ['reviews'],
        summary: 'Pick conversations at random per agent for a week',
        description: 'Among the conversations each agent resolved in the week (UTC, Monday first; last week by default) not reviewed yet, up to `perAgent` sampled reviews per agent and week (the server setting by default): running it again tops up, it never doubles.',
        body: SampleReviewsRequest,
        response: { 200: SampleReviewsResponse },
      },
    },
    async (request) => runChange(request, (uow) => sampleReviews(uow, request.body)),
  );

  app.post(
    '/v1/reviews/:id/score',
    {
      config: { access: SUPERVISORS, audit: { action: 'review.scored', targetType: 'review', targetParam: 'id' } },
      schema: {
        tags: ['reviews'],
        summary: 'Score a review: each criterion of the rubric 1–5, with comments',
        description: 'Supervisors and admins, never on their own conversations (403 `own_review`). Once: a scored review is 409 `review_done`.',
        params: IdParam,
        body: ScoreReviewRequest,
        response: { 200: QualityReview },
      },
    },
    async (request) => runChange(request, (uow) => scoreReview(uow, request.params.id, request.body)),
  );
};

export const REVIEW_TAG = { name: 'reviews', description: 'Quality review: the rubric, samples per agent and week, supervisors’ scores' };
