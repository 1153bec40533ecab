import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../src/api/enums.js';
import { parseTemplate } from '../../../src/api/macros.js';
import type { SupportClient } from '../../../src/client/support-client.js';
import { DEMO_MACROS } from '../../../src/server/demo/macro-texts.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

describe('demo macros and complaints', () => {
  let server: TestServer;
  let agent: SupportClient;

  beforeAll(async () => {
    server = await startTestServer({ inject: true, demo: true });
    agent = await server.login();
  });
  afterAll(() => server.close());

  it('has macros for every category in Chinese and English, Indonesian for most, all valid', () => {
    for (const category of CATEGORIES) {
      const macros = DEMO_MACROS.filter((m) => m.category === category);
      expect(macros.length, category).toBeGreaterThan(0);
      expect(macros.every((m) => m.bodies.zh && m.bodies.en), category).toBe(true);
    }
    expect(DEMO_MACROS.filter((m) => m.bodies.id).length).toBeGreaterThan(DEMO_MACROS.length / 2);
    for (const m of DEMO_MACROS) {
      for (const body of Object.values(m.bodies)) expect(parseTemplate(body).problems, `${m.shortcut}: ${body}`).toEqual([]);
    }
    expect(new Set(DEMO_MACROS.map((m) => m.shortcut)).size).toBe(DEMO_MACROS.length);
  });

  it('fills every category macro on some conversation of its category', async () => {
    const macros = await agent.macros.listAll();
    expect(macros.map((m) => m.shortcut).sort()).toEqual(DEMO_MACROS.map((m) => m.shortcut).sort());
    for (const macro of macros.filter((m) => m.category)) {
      const { data } = await agent.queue.list({ category: macro.category!, status: 'open,pending,snoozed,resolved,closed', limit: 200 });
      let filled = 0;
      for (const conversation of data) {
        const rendered = await agent.macros.render(macro.id, { conversationId: conversation.id }).catch(() => undefined);
        if (!rendered) continue;
        expect(rendered.text).not.toMatch(/\{\{|\}\}/);
        filled++;
      }
      expect(filled, macro.shortcut).toBeGreaterThan(0);
    }
  });

  it('has a complaint on every complaint conversation, in each state, numbered by the day it was opened', async () => {
    const db = server.store.db;
    const conversations = await db.selectFrom('conversations').select(['id', 'status']).where('category', '=', 'complaint').execute();
    const complaints = await db.selectFrom('complaints').selectAll().execute();
    expect(complaints.map((c) => c.conversation_id).sort((a, b) => a - b)).toEqual(conversations.map((c) => c.id).sort((a, b) => a - b));
    expect(new Set(complaints.map((c) => c.status))).toEqual(new Set(['open', 'answered', 'second_review', 'closed']));
    for (const c of complaints) {
      expect(c.number.slice(2, 10)).toBe(new Date(c.created_at).toISOString().slice(0, 10).replaceAll('-', ''));
      expect(c.created_at).toBeLessThanOrEqual(server.clock.now);
    }
    // Each day's counter is where that day's numbers end, so that the next complaint continues from it.
    const counters = await db.selectFrom('complaint_counters').selectAll().execute();
    for (const { day, last } of counters) {
      const sequences = complaints.filter((c) => c.number.slice(2, 10) === day).map((c) => Number(c.number.slice(-6))).sort((a, b) => a - b);
      expect(sequences).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    }
    // The one in second review was answered by agent@, so that lead@ can decide it in the demo.
    const review = complaints.find((c) => c.status === 'second_review')!;
    const lead = await server.login('lead@example.com');
    expect((await lead.complaints.review(review.number, { decision: 'upheld', note: 'The answer stands.' })).status).toBe('answered');
  });
});
