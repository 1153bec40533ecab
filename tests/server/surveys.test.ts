import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { SupportClient as Client } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';
import { countRows, openFresh } from '../helpers/workflow.js';

/**
 * Satisfaction surveys: resolving records one with its own token; the customer answers once through
 * that token only; a low rating opens a follow-up; a suggestion is kept as feedback by topic.
 */
describe(`satisfaction surveys (${ENGINE})`, () => {
  let server: TestServer;
  let admin: SupportClient;
  let agent: SupportClient;
  let lead: SupportClient;
  let anonymous: SupportClient;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    admin = await server.login('admin@example.com');
    agent = await server.login('agent@example.com');
    lead = await server.login('lead@example.com');
    anonymous = new Client({ baseUrl: server.url });
  });
  afterAll(() => server.close());

  /** A conversation the agent claimed and resolved, and the survey it left. */
  async function resolved() {
    const conversation = await openFresh(server, admin);
    await admin.conversations.transfer(conversation.id, { toAgentId: (await agent.me.get()).agent.id });
    await agent.conversations.resolve(conversation.id);
    const page = await agent.surveys.list({ conversationId: conversation.id });
    const survey = page.data[0]!;
    const { token } = await admin.surveys.link(survey.id);
    return { conversation, survey, token };
  }

  async function surveyRow(id: number) {
    return server.store.db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  it('resolving records a survey for the assignee, in the customer’s language, with its own token', async () => {
    const { conversation, survey, token } = await resolved();
    const me = (await agent.me.get()).agent;
    expect(survey).toMatchObject({ conversationId: conversation.id, agent: { id: me.id }, rating: null, answeredAt: null });
    expect(token).toMatch(/^srv_[A-Za-z0-9_-]{32}$/);
    const customer = await server.store.db.selectFrom('customers').select('language').where('id', '=', conversation.customer.id).executeTakeFirstOrThrow();
    expect(survey.language).toBe(customer.language);
  });

  it('the customer answers with the survey token alone; the same answer replays, another is 409', async () => {
    const { survey, token } = await resolved();
    expect((await agent.conversations.get(survey.conversationId)).satisfaction).toBeNull();
    const answer = await anonymous.surveys.answer(survey.id, token, { rating: 4, comment: 'cepat, terima kasih' });
    // The conversation shows what the customer said of it.
    expect((await agent.conversations.get(survey.conversationId)).satisfaction).toEqual({ surveyId: survey.id, rating: 4, comment: 'cepat, terima kasih', answeredAt: answer.answeredAt });
    expect(answer).toMatchObject({ id: survey.id, rating: 4, comment: 'cepat, terima kasih', suggestion: null });
    const audits = await countRows(server.store.db, 'audit_log');
    expect(await anonymous.surveys.answer(survey.id, token, { rating: 4, comment: 'cepat, terima kasih' })).toEqual(answer);
    const second = await apiFailure(anonymous.surveys.answer(survey.id, token, { rating: 1 }));
    expect(second.status).toBe(409);
    expect(second.code).toBe('survey_already_answered');
    expect(await surveyRow(survey.id)).toMatchObject({ rating: 4, comment: 'cepat, terima kasih' });
    expect(await countRows(server.store.db, 'audit_log')).toBe(audits);
    const shown = await agent.surveys.list({ conversationId: survey.conversationId });
    expect(shown.data[0]).toMatchObject({ rating: 4 });
    expect(shown.summary).toMatchObject({ sent: 1, answered: 1, average: 4, distribution: [0, 0, 0, 1, 0] });
  });

  it('answers sent at once: one is kept, the others get 409, and a low one opens one follow-up', async () => {
    const { survey, token } = await resolved();
    const ratings = [1, 2, 1, 2, 1, 2];
    const results = await Promise.allSettled(ratings.map((rating) => anonymous.surveys.answer(survey.id, token, { rating })));
    const kept = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.rating] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code: string }).code] : []));
    // Identical answers replay the kept one; different ones are refused.
    expect(new Set(kept).size).toBe(1);
    expect(refused.every((code) => code === 'survey_already_answered')).toBe(true);
    expect((await surveyRow(survey.id)).rating).toBe(kept[0]);
    expect(await server.store.db.selectFrom('follow_ups').select('id').where('survey_id', '=', survey.id).execute()).toHaveLength(1);
  });

  it('an agent token, a wrong token or no token cannot answer, and nothing changes', async () => {
    const { survey, token } = await resolved();
    const agentToken = (await server.store.db.selectFrom('tokens').select('token_hash').limit(1).executeTakeFirstOrThrow()).token_hash;
    for (const bearer of [agentToken, `${token.slice(0, -1)}x`, '']) {
      const error = await apiFailure(anonymous.surveys.answer(survey.id, bearer, { rating: 5 }));
      expect(error.status).toBe(401);
    }
    const withAgent = await apiFailure(agent.request('POST', `v1/surveys/${survey.id}/answer`, { json: { rating: 5 } }));
    expect(withAgent.status).toBe(401);
    // Another survey's token does not open this one.
    const other = await resolved();
    expect((await apiFailure(anonymous.surveys.answer(survey.id, other.token, { rating: 5 }))).status).toBe(401);
    expect(await surveyRow(survey.id)).toMatchObject({ rating: null, answered_at: null });
  });

  it('a rating of 1–2 opens a follow-up that a supervisor lists and closes; agents cannot', async () => {
    const { survey, token } = await resolved();
    await anonymous.surveys.answer(survey.id, token, { rating: 2, comment: '太慢了' });
    const open = await lead.surveys.followUps({ status: 'open' });
    const item = open.data.find((f) => f.survey.id === survey.id)!;
    expect(item).toMatchObject({ status: 'open', survey: { rating: 2, comment: '太慢了' } });
    expect((await apiFailure(agent.surveys.followUps())).status).toBe(403);
    expect((await apiFailure(agent.surveys.closeFollowUp(item.id, 'called back'))).status).toBe(403);
    expect((await apiFailure(lead.surveys.closeFollowUp(item.id, '   '))).status).toBe(400);
    const closed = await lead.surveys.closeFollowUp(item.id, 'called the customer back, refunded the fee');
    expect(closed).toMatchObject({ status: 'closed', closed: { note: 'called the customer back, refunded the fee' } });
    expect((await apiFailure(lead.surveys.closeFollowUp(item.id, 'again'))).code).toBe('follow_up_closed');
    expect((await lead.surveys.followUps({ status: 'open' })).data.some((f) => f.id === item.id)).toBe(false);
    // A rating of 3 opens none.
    const fine = await resolved();
    await anonymous.surveys.answer(fine.survey.id, fine.token, { rating: 3 });
    expect(await server.store.db.selectFrom('follow_ups').select('id').where('survey_id', '=', fine.survey.id).executeTakeFirst()).toBeUndefined();
  });

  it('keeps suggestions as feedback, listed by topic', async () => {
    const before = await lead.surveys.feedback();
    const count = (topic: string, page = before) => page.topics.find((t) => t.topic === topic)?.count ?? 0;
    const a = await resolved();
    await anonymous.surveys.answer(a.survey.id, a.token, { rating: 5, suggestion: { topic: 'fees', text: 'lower the transfer fee' } });
    const b = await resolved();
    await anonymous.surveys.answer(b.survey.id, b.token, { rating: 4, suggestion: { topic: 'app', text: 'dark mode please' } });
    const after = await lead.surveys.feedback();
    expect(count('fees', after)).toBe(count('fees') + 1);
    expect(count('app', after)).toBe(count('app') + 1);
    const fees = await lead.surveys.feedback({ topic: 'fees' });
    expect(fees.data.every((f) => f.topic === 'fees')).toBe(true);
    expect(fees.data[0]).toMatchObject({ surveyId: a.survey.id, text: 'lower the transfer fee' });
    expect((await apiFailure(agent.surveys.feedback())).status).toBe(403);
  });

  it('an agent sees their own and a conversation’s ratings, not the desk’s; only admins read a token', async () => {
    const me = (await agent.me.get()).agent;
    expect((await agent.surveys.list({ agentId: me.id })).data.every((s) => s.agent?.id === me.id)).toBe(true);
    expect((await agent.surveys.list()).data.every((s) => s.agent?.id === me.id)).toBe(true);
    const lead_ = (await lead.me.get()).agent;
    expect((await apiFailure(agent.surveys.list({ agentId: lead_.id }))).status).toBe(403);
    const { survey } = await resolved();
    expect((await apiFailure(agent.surveys.link(survey.id))).status).toBe(403);
    expect((await apiFailure(lead.surveys.link(survey.id))).status).toBe(403);
  });

  it('a reopened resolution is marked, and a new resolution sends a new survey', async () => {
    const { conversation, survey } = await resolved();
    await agent.conversations.reopen(conversation.id);
    expect((await surveyRow(survey.id)).reopened_at).toBe(server.clock.now);
    await agent.conversations.resolve(conversation.id);
    const page = await agent.surveys.list({ conversationId: conversation.id });
    expect(page.data).toHaveLength(2);
    expect(page.data[0]!.reopenedAt).toBeNull();
  });
  it('refuses a rating outside 1–5 and an expired survey, changing nothing (last: it moves the clock past every login)', async () => {
    const { survey, token } = await resolved();
    for (const rating of [0, 6, 3.5]) {
      expect((await apiFailure(anonymous.surveys.answer(survey.id, token, { rating }))).status).toBe(400);
    }
    server.clock.advance(8 * 86_400_000);
    const expired = await apiFailure(anonymous.surveys.answer(survey.id, token, { rating: 3 }));
    expect(expired.status).toBe(410);
    expect(expired.code).toBe('survey_expired');
    expect(await surveyRow(survey.id)).toMatchObject({ rating: null });
  });

});
