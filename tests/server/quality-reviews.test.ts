import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';
import { countRows, openFresh } from '../helpers/workflow.js';

/**
 * Quality review: the rubric the desk edits, random samples per agent and week (topped up, never
 * doubled), reviews by hand, scores on every criterion by someone else, the agent reading their own,
 * and the agents report showing the scores per agent and criterion.
 */
describe(`quality review (${ENGINE})`, () => {
  let server: TestServer;
  let admin: SupportClient;
  let lead: SupportClient;
  let agent: SupportClient;
  let budi: SupportClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    admin = await server.login('admin@example.com');
    lead = await server.login('lead@example.com');
    agent = await server.login('agent@example.com');
    budi = await server.login('budi@example.com');
    for (const [name, c] of Object.entries({ agent, budi, lead })) ids[name] = (await c.me.get()).agent.id;
    // The demo's past resolutions (a survey each) go: the ones these tests make are the week's whole sample.
    await server.store.db.deleteFrom('surveys').execute();
  });
  afterAll(() => server.close());

  async function resolvedBy(who: 'agent' | 'budi' | 'lead'): Promise<number> {
    const c = await openFresh(server, admin);
    await admin.conversations.transfer(c.id, { toAgentId: ids[who]! });
    await ({ agent, budi, lead }[who]).conversations.resolve(c.id);
    return c.id;
  }

  const today = () => new Date(server.clock.now).toISOString().slice(0, 10);

  it('the desk edits the rubric; criteria left out are retired; bad rubrics change nothing', async () => {
    expect((await agent.reviews.rubric()).criteria.map((c) => c.id)).toEqual(['accuracy', 'attitude', 'resolution', 'policy']);
    expect((await apiFailure(agent.reviews.setRubric({ criteria: [{ id: 'speed', name: 'Speed' }] }))).status).toBe(403);
    expect((await apiFailure(lead.reviews.setRubric({ criteria: [{ id: 'speed', name: 'Speed' }, { id: 'speed', name: 'Again' }] }))).status).toBe(400);
    expect((await apiFailure(lead.reviews.setRubric({ criteria: [{ id: 'Bad Id', name: 'x' }] }))).status).toBe(400);
    expect((await apiFailure(lead.reviews.setRubric({ criteria: [] }))).status).toBe(400);
    expect((await agent.reviews.rubric()).criteria).toHaveLength(4);
    const rubric = await lead.reviews.setRubric({
      criteria: [
        { id: 'accuracy', name: 'Accuracy of information' },
        { id: 'empathy', name: 'Empathy', description: 'Acknowledged how the customer felt' },
        { id: 'policy', name: 'Policy compliance' },
      ],
    });
    expect(rubric.criteria.map((c) => c.id)).toEqual(['accuracy', 'empathy', 'policy']);
    expect((await agent.reviews.rubric()).criteria.map((c) => c.id)).toEqual(['accuracy', 'empathy', 'policy']);
  });

  it('samples at random per agent per week, topping up to the sample size, never doubling', async () => {
    const mine = [await resolvedBy('agent'), await resolvedBy('agent'), await resolvedBy('agent')];
    const budis = [await resolvedBy('budi')];
    const first = await lead.reviews.sample({ week: today(), perAgent: 1 });
    const of = (who: string, list = first.created) => list.filter((r) => r.agent.id === ids[who]);
    expect(of('agent')).toHaveLength(1);
    expect(mine).toContain(of('agent')[0]!.conversationId);
    expect(of('budi').map((r) => r.conversationId)).toEqual(budis);
    expect(first.created.every((r) => r.pickedBy === 'sample' && r.status === 'pending')).toBe(true);
    expect((await lead.reviews.sample({ week: today(), perAgent: 1 })).created).toEqual([]);
    const more = await lead.reviews.sample({ week: today(), perAgent: 2 });
    expect(of('agent', more.created)).toHaveLength(1);
    expect(of('budi', more.created)).toHaveLength(0);
    const sampled = new Set([...first.created, ...more.created].map((r) => r.conversationId));
    expect(sampled.size).toBe(first.created.length + more.created.length);
    expect((await apiFailure(agent.reviews.sample({ week: today() }))).status).toBe(403);
    expect((await apiFailure(lead.reviews.sample({ week: '2999-01-01' }))).status).toBe(422);
  });

  it('picks by hand a resolved conversation once; an open one is refused', async () => {
    const open = await openFresh(server, admin);
    expect((await apiFailure(lead.reviews.create(open.id))).code).toBe('review_not_resolved');
    const id = await resolvedBy('budi');
    const review = await lead.reviews.create(id);
    expect(review).toMatchObject({ conversationId: id, agent: { id: ids['budi'] }, pickedBy: 'hand', status: 'pending', week: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect((await apiFailure(lead.reviews.create(id))).code).toBe('review_exists');
    expect((await apiFailure(agent.reviews.create(id))).status).toBe(403);
  });

  it('a supervisor scores every criterion once, never their own work; the agent reads their own reviews only', async () => {
    const id = await resolvedBy('agent');
    const review = await lead.reviews.create(id);
    const audits = await countRows(server.store.db, 'audit_log');
    const missing = await apiFailure(lead.reviews.score(review.id, { scores: [{ criterion: 'accuracy', score: 4 }] }));
    expect([missing.status, missing.message]).toEqual([400, expect.stringContaining('missing: empathy, policy')]);
    expect((await apiFailure(lead.reviews.score(review.id, { scores: [{ criterion: 'accuracy', score: 6 }, { criterion: 'empathy', score: 3 }, { criterion: 'policy', score: 3 }] }))).status).toBe(400);
    expect(await countRows(server.store.db, 'audit_log')).toBe(audits);
    expect((await server.store.db.selectFrom('quality_scores').selectAll().where('review_id', '=', review.id).execute())).toEqual([]);
    const scored = await lead.reviews.score(review.id, {
      scores: [
        { criterion: 'accuracy', score: 5 },
        { criterion: 'empathy', score: 3, comment: 'did not acknowledge the wait' },
        { criterion: 'policy', score: 4 },
      ],
      comment: 'solid',
    });
    expect(scored).toMatchObject({ status: 'done', reviewer: { id: ids['lead'] }, score: 4, comment: 'solid' });
    expect(scored.scores.map((s) => [s.criterion, s.score])).toEqual([['accuracy', 5], ['empathy', 3], ['policy', 4]]);
    expect((await apiFailure(lead.reviews.score(review.id, { scores: [{ criterion: 'accuracy', score: 1 }, { criterion: 'empathy', score: 1 }, { criterion: 'policy', score: 1 }] }))).code).toBe('review_done');

    const leads = await lead.reviews.create(await resolvedBy('lead'));
    const own = await apiFailure(lead.reviews.score(leads.id, { scores: [{ criterion: 'accuracy', score: 5 }, { criterion: 'empathy', score: 5 }, { criterion: 'policy', score: 5 }] }));
    expect([own.status, own.code]).toEqual([403, 'own_review']);

    const mine = await agent.reviews.list();
    expect(mine.data.length).toBeGreaterThan(0);
    expect(mine.data.every((r) => r.agent.id === ids['agent'])).toBe(true);
    expect((await agent.reviews.get(review.id)).score).toBe(4);
    const budis = (await lead.reviews.list({ agentId: ids['budi']! })).data[0]!;
    expect((await apiFailure(agent.reviews.get(budis.id))).status).toBe(404);
    expect((await apiFailure(agent.reviews.list({ agentId: ids['budi']! }))).status).toBe(403);

    // The agents report: the score per agent and per criterion of the reviews done today.
    const report = await lead.reports.get('agents', { from: today(), to: today() });
    const row = report.agents.find((a) => a.agent.id === ids['agent'])!;
    expect(row).toMatchObject({ reviews: 1, qualityScore: 4 });
    expect(row.quality.map((q) => [q.criterion, q.average])).toEqual([['accuracy', 5], ['empathy', 3], ['policy', 4]]);
  });
  it('parallel samples and scores hold: the sample size per agent and week, one score per review', async () => {
    const mei = await server.login('mei@example.com');
    const meiId = (await mei.me.get()).agent.id;
    for (let i = 0; i < 4; i++) {
      const c = await openFresh(server, admin);
      await admin.conversations.transfer(c.id, { toAgentId: meiId });
      await mei.conversations.resolve(c.id);
    }
    const samples = await Promise.allSettled(Array.from({ length: 4 }, () => lead.reviews.sample({ week: today(), perAgent: 2 })));
    expect(samples.filter((r) => r.status === 'rejected')).toEqual([]);
    const meis = await server.store.db.selectFrom('quality_reviews').select(['id']).where('agent_id', '=', meiId).where('picked_by', '=', 'sample').execute();
    expect(meis).toHaveLength(2);

    const scores = [{ criterion: 'accuracy', score: 4 }, { criterion: 'empathy', score: 4 }, { criterion: 'policy', score: 4 }];
    const scored = await Promise.allSettled([lead.reviews.score(meis[0]!.id, { scores }), admin.reviews.score(meis[0]!.id, { scores })]);
    expect(scored.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((scored.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'review_done' });
    expect(await server.store.db.selectFrom('quality_scores').select('criterion_id').where('review_id', '=', meis[0]!.id).execute()).toHaveLength(3);
  });
});
