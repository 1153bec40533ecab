import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CloseFollowUpRequest,
  FeedbackPage,
  FeedbackQuery,
  FollowUp,
  FollowUpPage,
  FollowUpQuery,
  IdParam,
  SurveyAnswer,
  SurveyAnswerRequest,
  SurveyLink,
  SurveyPage,
  SurveyQuery,
} from '../../api/schemas/index.js';
import { agentOf } from '../auth/access.js';
import { ADMINS, ANY_ROLE, SUPERVISORS } from '../context.js';
import { ProblemError, notFound } from '../domain/errors.js';
import { closeFollowUp } from '../domain/follow-ups.js';
import { answerSurvey } from '../domain/surveys.js';
import { runChange } from '../http/unit-of-work.js';
import { listFeedback, listFollowUps } from '../store/follow-ups.js';
import { listSurveys, ratingSummary } from '../store/surveys.js';
import { iso } from '../store/time.js';

export const surveyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.post(
    '/v1/surveys/:id/answer',
    {
      config: { access: 'public' },
      schema: {
        tags: ['surveys'],
        summary: "The customer's answer to a satisfaction survey (the wallet app)",
        description:
          "Authenticated by the survey's own token (`Authorization: Bearer srv_…`), never an agent's. A rating 1–5, an optional comment, an optional suggestion under a topic (kept as feedback). Once: the same answer again replays the first; another is 409 `survey_already_answered` and changes nothing. After it expired: 410 `survey_expired`. A rating of 1 or 2 opens a follow-up for supervisors.",
        params: IdParam,
        body: SurveyAnswerRequest,
        response: { 200: SurveyAnswer },
      },
    },
    async (request) => {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
      return answerSurvey(ctx, request.params.id, match?.[1] ?? null, request.body, request.id);
    },
  );

  app.get(
    '/v1/surveys',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['surveys'],
        summary: 'Surveys and their ratings, newest first, with a summary of all that match',
        description:
          'Filter by conversation, customer or agent (who resolved). An agent sees a conversation’s or a customer’s ratings, and their own (the default without a filter); another agent’s `agentId` alone is 403 for them. `summary` counts every matching survey, not only the page.',
        querystring: SurveyQuery,
        response: { 200: SurveyPage },
      },
    },
    async (request) => {
      const agent = agentOf(request);
      const q = request.query;
      let agentId = q.agentId;
      if (agent.role === 'agent' && q.conversationId === undefined && q.customerId === undefined) {
        if (agentId !== undefined && agentId !== agent.id) {
          throw new ProblemError('forbidden', "an agent sees their own ratings, or a conversation's or customer's; another agent's are for supervisors");
        }
        agentId = agent.id;
      }
      const filter = { conversationId: q.conversationId, customerId: q.customerId, agentId, answered: q.answered };
      const page = await listSurveys(ctx.db, filter, q.limit ?? 50, q.cursor);
      return { ...page, summary: await ratingSummary(ctx.db, filter) };
    },
  );

  app.get(
    '/v1/surveys/:id/link',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['surveys'],
        summary: "The survey's token, for the channel that delivers it to the customer",
        description: 'Admins only (the wallet app’s integration). Agents never see a token: they could answer for the customer.',
        params: IdParam,
        response: { 200: SurveyLink },
      },
    },
    async (request) => {
      const row = await ctx.db.selectFrom('surveys').select(['id', 'token', 'expires_at']).where('id', '=', request.params.id).executeTakeFirst();
      if (!row) throw notFound(`survey ${request.params.id}`);
      return { id: row.id, token: row.token, expiresAt: iso(row.expires_at), answerPath: `/v1/surveys/${row.id}/answer` };
    },
  );

  app.get(
    '/v1/follow-ups',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags: ['surveys'],
        summary: 'Follow-ups of low ratings (1–2), oldest first',
        querystring: FollowUpQuery,
        response: { 200: FollowUpPage },
      },
    },
    async (request) => listFollowUps(ctx.db, request.query.status, request.query.limit ?? 50, request.query.cursor),
  );

  app.post(
    '/v1/follow-ups/:id/close',
    {
      config: { access: SUPERVISORS, audit: { action: 'follow_up.closed', targetType: 'follow_up', targetParam: 'id' } },
      schema: {
        tags: ['surveys'],
        summary: 'Close a follow-up with what was done',
        description: 'Supervisors and admins. A closed one is 409 `follow_up_closed`.',
        params: IdParam,
        body: CloseFollowUpRequest,
        response: { 200: FollowUp },
      },
    },
    async (request) => runChange(request, (uow) => closeFollowUp(uow, request.params.id, request.body.note)),
  );

  app.get(
    '/v1/feedback',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags: ['surveys'],
        summary: "Customers' suggestions, newest first, with the count per topic",
        querystring: FeedbackQuery,
        response: { 200: FeedbackPage },
      },
    },
    async (request) => listFeedback(ctx.db, request.query.topic, request.query.limit ?? 50, request.query.cursor),
  );
};

export const SURVEY_TAG = { name: 'surveys', description: 'Satisfaction surveys, follow-ups of low ratings, customers’ feedback' };
