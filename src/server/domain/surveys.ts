import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerContext } from '../context.js';
import type { SurveyAnswer, SurveyAnswerRequest } from '../../api/types.js';
import { conflict, ProblemError } from './errors.js';
import { forUpdate } from '../store/locking.js';
import { findSurvey } from '../store/surveys.js';
import '../store/survey-tables.js';
import type { ConversationRow } from '../store/conversation-rows.js';
import { iso } from '../store/time.js';
import { keepCustomerText } from './customer-text.js';
import type { Actor } from './actor.js';
import { runUnitOfWork, type UnitOfWork } from './unit-of-work.js';

/** A rating at or under this opens a follow-up for supervisors. */
export const FOLLOW_UP_AT_MOST = 2;

const TOKEN_PREFIX = 'srv_';

/**
 * Resolving sends the customer a survey: one row per resolution, with the assignee of that moment
 * (whose rating it is) and a token of its own, the only credential the wallet app answers with.
 */
export async function recordSurvey(uow: UnitOfWork, conversation: ConversationRow): Promise<void> {
  const { trx, now, ctx } = uow;
  const customer = await trx.selectFrom('customers').select('language').where('id', '=', conversation.customer_id).executeTakeFirstOrThrow();
  await trx
    .insertInto('surveys')
    .values({
      conversation_id: conversation.id,
      customer_id: conversation.customer_id,
      agent_id: conversation.assignee_id,
      team: conversation.team,
      token: TOKEN_PREFIX + randomBytes(24).toString('base64url'),
      language: customer.language,
      created_at: now,
      expires_at: now + ctx.settings.surveyValidMs,
      rating: null,
      comment: null,
      answered_at: null,
      reopened_at: null,
      resolution_ms: Math.max(0, now - conversation.created_at),
      resolution_due_at: conversation.resolution_due_at,
    })
    .execute();
}

/** The conversation came back after its latest resolution: that resolution counts as reopened. */
export async function markReopened(uow: UnitOfWork, conversationId: number): Promise<void> {
  const latest = await uow.trx.selectFrom('surveys').select(['id', 'reopened_at']).where('conversation_id', '=', conversationId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (latest && latest.reopened_at === null) await uow.trx.updateTable('surveys').set({ reopened_at: uow.now }).where('id', '=', latest.id).execute();
}

const sameToken = (stored: string, given: string) => {
  const a = Buffer.from(stored);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
};

const unauthenticated = () =>
  new ProblemError('unauthenticated', "send the survey's own token as the bearer (Authorization: Bearer srv_…); it does not match this survey", {
    headers: { 'www-authenticate': 'Bearer realm="survey"' },
  });

/**
 * The customer's answer, authenticated by the survey's token alone (no agent involved). Once: the same
 * answer again replays the first (the wallet app may retry), another answer is 409 and changes nothing.
 */
export async function answerSurvey(ctx: ServerContext, surveyId: number, token: string | null, input: SurveyAnswerRequest, requestId: string): Promise<SurveyAnswer> {
  const customerActor: Actor = { id: null, name: 'Customer', role: 'customer' };
  return runUnitOfWork(ctx, { actor: customerActor, requestId, idempotencyKey: null }, async (uow) => {
    const { trx, now } = uow;
    const survey = await forUpdate(trx.selectFrom('surveys').selectAll().where('id', '=', surveyId), ctx.engine).executeTakeFirst();
    // An unknown id and a wrong token answer alike: the token is what proves the survey is yours.
    if (!survey || token === null || !sameToken(survey.token, token)) throw unauthenticated();
    const comment = input.comment === undefined || input.comment.trim() === '' ? null : keepCustomerText(input.comment);
    const suggestion = input.suggestion ? { topic: input.suggestion.topic, text: keepCustomerText(input.suggestion.text) } : null;
    if (survey.answered_at !== null) {
      const feedback = await trx.selectFrom('feedback').select(['topic', 'body']).where('survey_id', '=', survey.id).executeTakeFirst();
      const previous: SurveyAnswer = {
        id: survey.id,
        rating: survey.rating!,
        comment: survey.comment,
        suggestion: feedback ? { topic: feedback.topic as NonNullable<SurveyAnswer['suggestion']>['topic'], text: feedback.body } : null,
        answeredAt: iso(survey.answered_at),
      };
      const same = previous.rating === input.rating && previous.comment === comment && JSON.stringify(previous.suggestion) === JSON.stringify(suggestion);
      if (same) return previous;
      throw conflict('survey_already_answered', `survey ${survey.id} was answered at ${previous.answeredAt} (rating ${previous.rating}); a survey takes one answer`);
    }
    if (survey.expires_at <= now) {
      throw new ProblemError('survey_expired', `survey ${survey.id} could be answered until ${iso(survey.expires_at)}`, { status: 410 });
    }
    await trx.updateTable('surveys').set({ rating: input.rating, comment, answered_at: now }).where('id', '=', survey.id).execute();
    if (suggestion) {
      await trx
        .insertInto('feedback')
        .values({ survey_id: survey.id, customer_id: survey.customer_id, topic: suggestion.topic, body: suggestion.text, language: survey.language, created_at: now })
        .execute();
    }
    if (input.rating <= FOLLOW_UP_AT_MOST) {
      await trx.insertInto('follow_ups').values({ survey_id: survey.id, conversation_id: survey.conversation_id, status: 'open', created_at: now, closed_by: null, closed_at: null, close_note: null }).execute();
    }
    const after = (await findSurvey(trx, survey.id))!;
    await uow.audit({
      action: 'survey.answered',
      targetType: 'survey',
      targetId: String(survey.id),
      after: { rating: input.rating, comment, suggestion, followUp: input.rating <= FOLLOW_UP_AT_MOST },
    });
    await uow.emit({ type: 'survey.answered', conversationId: survey.conversation_id, payload: { survey: after } });
    return { id: survey.id, rating: input.rating, comment, suggestion, answeredAt: iso(now) };
  });
}
