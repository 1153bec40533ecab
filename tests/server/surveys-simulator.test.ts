import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/api/enums.js';
import { SURVEY_COMMENTS } from '../../src/server/demo/corpus.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';
import { openFresh } from '../helpers/workflow.js';

/** The demo simulator answers some satisfaction surveys, in the customer's language, through the token check. */
describe(`demo customers answer surveys (${ENGINE})`, () => {
  let server: TestServer;

  beforeAll(async () => {
    // A delay no test waits for: the test drives the simulator with act().
    server = await startTestServer({ demo: true, simulate: { seed: 7, minDelayMs: 3_600_000 } });
  });
  afterAll(() => server.close());

  it('answers some, not all, with comments from the corpus of the customer’s language', async () => {
    const admin = await server.login('admin@example.com');
    const agent = await server.login('agent@example.com');
    const me = (await agent.me.get()).agent;
    for (let i = 0; i < 12; i++) {
      const c = await openFresh(server, admin);
      await admin.conversations.transfer(c.id, { toAgentId: me.id });
      await agent.conversations.resolve(c.id);
    }
    for (let i = 0; i < 40; i++) await server.simulator!.act();
    const surveys = await server.store.db.selectFrom('surveys').selectAll().execute();
    const answered = surveys.filter((s) => s.answered_at !== null);
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.length).toBeLessThan(surveys.length);
    for (const s of answered) {
      expect(s.rating).toBeGreaterThanOrEqual(1);
      expect(s.rating).toBeLessThanOrEqual(5);
      if (s.comment !== null) expect(Object.values(SURVEY_COMMENTS[s.language as Language]).flat()).toContain(s.comment);
    }
    const audits = await server.store.db.selectFrom('audit_log').select('actor_role').where('action', '=', 'survey.answered').execute();
    expect(audits).toHaveLength(answered.length);
    expect(audits.every((a) => a.actor_role === 'customer')).toBe(true);
  });
});
