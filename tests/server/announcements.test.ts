import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';
import { auditMark, auditSince } from '../helpers/workflow.js';

const HOUR = 3_600_000;

describe(`announcements (${ENGINE})`, () => {
  let server: TestServer;
  let agent: SupportClient;
  let lead: SupportClient;

  beforeAll(async () => {
    server = await startTestServer({ demo: true, settings: { tokenTtlMs: 365 * 86_400_000 } });
    [agent, lead] = (await Promise.all(['agent', 'lead'].map((name) => server.login(`${name}@example.com`)))) as [SupportClient, SupportClient];
  });
  afterAll(() => server.close());

  const at = (ms: number) => new Date(server.clock.now + ms).toISOString();
  const count = async () => Number((await server.store.db.selectFrom('announcements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('schedules a window that the wallet app reads without a token, customer-facing fields only; cancels once', async () => {
    const mark = await auditMark(server.store.db);
    const window = await lead.announcements.create({ title: 'BCA maintenance (internal)', unavailable: 'BCA top-ups', texts: { en: 'BCA top-ups pause tonight', id: 'Top-up BCA berhenti malam ini' }, startsAt: at(HOUR), endsAt: at(3 * HOUR) });
    expect(window).toMatchObject({ state: 'scheduled', cancelled: null, createdBy: { name: 'Wei Chen' } });

    const res = await fetch(`${server.url}/v1/announcements/active`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Record<string, unknown>[] };
    const mine = body.data.find((a) => a['id'] === window.id)!;
    expect(mine).toEqual({ id: window.id, texts: { en: 'BCA top-ups pause tonight', id: 'Top-up BCA berhenti malam ini' }, startsAt: window.startsAt, endsAt: window.endsAt, inProgress: false });
    expect(JSON.stringify(body)).not.toMatch(/internal|Wei Chen|BCA top-ups"/);

    server.clock.advance(2 * HOUR);
    expect((await agent.announcements.list()).data.find((a) => a.id === window.id)!.state).toBe('in_progress');
    expect((await agent.announcements.active()).data.find((a) => a.id === window.id)!.inProgress).toBe(true);

    expect((await apiFailure(agent.announcements.cancel(window.id))).status).toBe(403);
    expect((await lead.announcements.cancel(window.id)).state).toBe('cancelled');
    const twice = await apiFailure(lead.announcements.cancel(window.id));
    expect([twice.status, twice.code]).toEqual([409, 'announcement_over']);
    expect((await agent.announcements.active()).data.some((a) => a.id === window.id)).toBe(false);
    const actions = (await auditSince(server.store.db, mark)).filter(([o]) => o === 'succeeded').map(([, action]) => action);
    expect(actions).toEqual(['announcement.created', 'announcement.cancelled']);
  });

  it('refuses an end before the start, a past window, no English text and agents, and stores nothing', async () => {
    const n = await count();
    const base = { title: 'x', unavailable: 'y', texts: { en: 'z' }, startsAt: at(HOUR), endsAt: at(2 * HOUR) };
    const backwards = await apiFailure(lead.announcements.create({ ...base, endsAt: at(HOUR / 2) }));
    expect([backwards.status, backwards.message]).toEqual([400, expect.stringMatching(/endsAt .* is not after startsAt/)]);
    expect((await apiFailure(lead.announcements.create({ ...base, startsAt: at(-3 * HOUR), endsAt: at(-HOUR) }))).message).toMatch(/in the past/);
    expect((await apiFailure(lead.announcements.create({ ...base, texts: { zh: '维护' } }))).message).toMatch(/texts.en is missing/);
    expect((await apiFailure(agent.announcements.create(base))).status).toBe(403);
    expect(await count()).toBe(n);
  });
});
