import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FollowUpPage, QualityReviewPage } from '../../src/api/types.js';
import { SupportClient } from '../../src/client/support-client.js';
import { seedReportDesk, type SeededDesk } from '../helpers/report-seed.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** `support review` and `support survey`: the agent reads their own reviews; supervisors the follow-ups and feedback. */
describe('support review and support survey', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let desk: SeededDesk;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    desk = await seedReportDesk(server.store.db);
    ({ home, env } = await cliHome('support-review-', server.url, { default: 'agent@example.com', lead: 'lead@example.com' }));
    expect((await runCli(['config', 'use', 'default'], { env })).code).toBe(0);
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('an agent lists their own reviews, with the scores', async () => {
    const result = await runCli(['review', 'list', '--json'], { env });
    expect(result.code).toBe(0);
    const page = JSON.parse(result.stdout) as QualityReviewPage;
    expect(page.data.map((r) => r.agent.id)).toEqual([desk.agent]);
    expect(page.data[0]!.score).toBe(4);
    const table = await runCli(['review', 'show', String(page.data[0]!.id)], { env });
    expect(table.stdout).toContain('Accuracy of information: 4/5');
  });

  it('checks scores before any request, and refuses an agent the rubric', async () => {
    expect((await runCli(['review', 'score', '1', '-s', 'accuracy=9'], { env })).code).toBe(2);
    expect((await runCli(['review', 'score', '1'], { env })).code).toBe(2);
    expect((await runCli(['review', 'rubric', '-c', 'speed:Speed'], { env })).code).toBe(4);
    expect((await runCli(['review', 'rubric'], { env })).stdout).toContain('policy');
  });

  it('a supervisor lists follow-ups and closes one; feedback is theirs', async () => {
    const list = await runCli(['survey', 'follow-ups', '--json', '--profile', 'lead'], { env });
    expect(list.code).toBe(0);
    const page = JSON.parse(list.stdout) as FollowUpPage;
    const item = page.data.find((f) => f.survey.rating === 2)!;
    expect((await runCli(['survey', 'close-follow-up', String(item.id), '--profile', 'lead'], { env })).code).toBe(2);
    const closed = await runCli(['survey', 'close-follow-up', String(item.id), '--note', 'called back', '--profile', 'lead'], { env });
    expect(closed.code).toBe(0);
    expect(closed.stderr).toContain(`Follow-up ${item.id} closed`);
    expect((await runCli(['survey', 'feedback'], { env })).code).toBe(4);
    expect((await runCli(['survey', 'feedback', '--profile', 'lead'], { env })).code).toBe(0);
  });
  it('conversation show gives the customer’s rating, their comment escaped like any customer text', async () => {
    const lead = await server.login('lead@example.com');
    const conversation = (await lead.queue.list({ status: 'open', limit: 1 })).data[0]!;
    await lead.conversations.resolve(conversation.id);
    const survey = (await lead.surveys.list({ conversationId: conversation.id })).data[0]!;
    const admin = await server.login('admin@example.com');
    const { token } = await admin.surveys.link(survey.id);
    await new SupportClient({ baseUrl: server.url }).surveys.answer(survey.id, token, { rating: 2, comment: 'lama \u001b]52;c;aGk=\u0007 sekali' });
    const shown = await runCli(['conversation', 'show', String(conversation.id)], { env });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Rated    ★★☆☆☆ 2/5 “lama \\x1b]52;c;aGk=\\x07 sekali”');
    expect(shown.stdout).not.toContain('\u001b]52');
  });
});
