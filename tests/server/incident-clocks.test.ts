import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { DEFAULT_SLA } from '../../src/server/domain/sla.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';
import { auditMark, auditSince, openFresh, rowOf } from '../helpers/workflow.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const { firstResponseMs, nextResponseMs, resolutionMs } = DEFAULT_SLA.normal;
const iso = (ms: number) => new Date(ms).toISOString();

/** An incident's setting to pause the response clocks of its linked conversations (issue 17, point 3). */
describe(`incident clocks (${ENGINE})`, () => {
  let server: TestServer;
  let lead: SupportClient;
  let admin: SupportClient;
  let agent: SupportClient;

  beforeAll(async () => {
    server = await startTestServer({ demo: true, settings: { tokenTtlMs: 365 * 86_400_000 } });
    [lead, admin, agent] = await Promise.all([server.login('lead@example.com'), server.login('admin@example.com'), server.login('agent@example.com')]);
  });
  afterAll(() => server.close());

  const db = () => server.store.db;
  const sla = async (id: number) => (await admin.conversations.get(id)).conversation.sla;
  const breaches = async (id: number) => (await db().selectFrom('sla_breaches').select(['clock', 'due_at']).where('conversation_id', '=', id).orderBy('id').execute()).map((b) => [b.clock, Number(b.due_at)]);
  const declare = (pauseClocks: boolean) => lead.incidents.create({ title: 'BCA VA down', description: 'VA top-ups time out', pauseClocks, startedAt: iso(server.clock.now - HOUR) });

  it('while held, a response clock does not run, cannot breach and is not counted by the board; resolving resumes it with the time it had left', async () => {
    const t0 = server.clock.now;
    const held = (await openFresh(server, admin)).id;
    const control = (await openFresh(server, admin)).id;
    server.clock.advance(30 * MIN);
    const mark = await auditMark(db());
    const incident = await declare(true);
    expect(incident.pauseClocks).toBe(true);
    await lead.incidents.link(incident.id, [held]);

    expect(await sla(held)).toMatchObject({ clock: 'resolution', dueAt: iso(t0 + resolutionMs), breached: false, responseHold: { incidentId: incident.id, since: iso(t0 + 30 * MIN), leftMs: firstResponseMs - 30 * MIN } });
    expect((await sla(control)).responseHold).toBeUndefined();
    expect(await rowOf(server, held)).toMatchObject({ response_held_by: incident.id, response_paused_at: t0 + 30 * MIN, first_response_due_at: t0 + firstResponseMs });

    // Past the first response's original due time: the control breaches, the held one does not.
    server.clock.advance(3 * HOUR);
    await server.sweeper.runOnce();
    expect(await breaches(control)).toEqual([['first_response', t0 + firstResponseMs]]);
    expect(await breaches(held)).toEqual([]);
    expect([(await sla(control)).breached, (await sla(held)).breached]).toEqual([true, false]);

    // The board counts running clocks: the held one is past its stored due time yet not breached.
    const now = server.clock.now;
    const count = async (held: 'with' | 'without') =>
      Number((await sql<{ n: number }>`select count(*) as n from conversations where status = 'open' and first_response_due_at <= ${now} ${held === 'without' ? sql`and response_held_by is null` : sql``}`.execute(db())).rows[0]!.n);
    const board = await lead.desk.get();
    expect(board.sla.first_response.breached).toBe(await count('without'));
    expect(await count('with')).toBe(board.sla.first_response.breached + 1);

    const resolved = await lead.incidents.resolve(incident.id);
    expect(resolved.incident.status).toBe('resolved');
    const resumedDue = now + firstResponseMs - 30 * MIN;
    expect(await sla(held)).toMatchObject({ clock: 'first_response', dueAt: iso(resumedDue), clockStartedAt: iso(now - 30 * MIN) });
    expect((await sla(held)).responseHold).toBeUndefined();
    expect(await rowOf(server, held)).toMatchObject({ response_held_by: null, response_paused_at: null, first_response_due_at: resumedDue, due_at: resumedDue });

    server.clock.advance(resumedDue - now - 1);
    await server.sweeper.runOnce();
    expect(await breaches(held)).toEqual([]);
    server.clock.advance(1);
    await server.sweeper.runOnce();
    expect(await breaches(held)).toEqual([['first_response', resumedDue]]);

    const audit = await auditSince(db(), mark);
    expect(audit.filter(([outcome, action]) => outcome === 'succeeded' && action.startsWith('incident.')).map(([, action]) => action)).toEqual(['incident.created', 'incident.link', 'incident.linked', 'incident.resolved']);
    const resolvedAudit = await db().selectFrom('audit_log').select('after').where('action', '=', 'incident.resolved').where('target_id', '=', String(incident.id)).executeTakeFirstOrThrow();
    expect(JSON.parse(resolvedAudit.after!)).toMatchObject({ pauseClocks: true, clocksReleased: [held] });
  });

  it('a reply while held is on time; the customer writing again starts the next response held; the setting off and on, and unlinking, move the clocks', async () => {
    const t0 = server.clock.now;
    const id = (await openFresh(server, admin)).id;
    const incident = await declare(false);
    await lead.incidents.link(incident.id, [id]);
    expect((await sla(id)).responseHold).toBeUndefined();

    server.clock.advance(10 * MIN);
    const on = await lead.incidents.update(incident.id, { pauseClocks: true, note: 'BCA says hours' });
    expect(on.pauseClocks).toBe(true);
    expect((await sla(id)).responseHold).toEqual({ incidentId: incident.id, since: iso(t0 + 10 * MIN), leftMs: firstResponseMs - 10 * MIN });

    // Answered after the original due time, but the clock was held after 10 minutes: on time.
    server.clock.advance(3 * HOUR);
    const reply = await agent.conversations.send(id, { body: 'We are on it', kind: 'reply' });
    const recorded = await db().selectFrom('response_times').selectAll().where('message_id', '=', reply.message.id).execute();
    expect(recorded.map((r) => [r.clock, Number(r.duration_ms), Number(r.responded_at) <= Number(r.due_at)])).toEqual([['first_response', 10 * MIN, true]]);

    // The customer writes again: the status is open, yet the next-response clock starts held.
    server.clock.advance(MIN);
    await admin.conversations.inbound(id, { body: 'any news?' });
    expect(await sla(id)).toMatchObject({ clock: 'resolution', responseHold: { incidentId: incident.id, since: iso(t0 + 10 * MIN), leftMs: nextResponseMs } });
    await agent.conversations.setPending(id);
    server.clock.advance(MIN);
    await admin.conversations.inbound(id, { body: 'still nothing' });
    expect((await sla(id)).responseHold?.leftMs).toBe(nextResponseMs);

    // Off: it runs from now with its whole window; on again an hour later: held with what is left.
    server.clock.advance(2 * HOUR);
    const offAt = server.clock.now;
    await lead.incidents.update(incident.id, { pauseClocks: false });
    expect(await sla(id)).toMatchObject({ clock: 'next_response', dueAt: iso(offAt + nextResponseMs) });
    expect((await sla(id)).responseHold).toBeUndefined();
    server.clock.advance(HOUR);
    await lead.incidents.update(incident.id, { pauseClocks: true });
    expect((await sla(id)).responseHold).toEqual({ incidentId: incident.id, since: iso(offAt + HOUR), leftMs: nextResponseMs - HOUR });

    const history = (await lead.incidents.get(incident.id)).updates.filter((u) => 'pauseClocks' in u.changes).map((u) => [u.changes['pauseClocks'], u.note]);
    expect(history).toEqual([
      [{ from: false, to: true }, 'BCA says hours'],
      [{ from: true, to: false }, null],
      [{ from: false, to: true }, null],
    ]);

    server.clock.advance(5 * HOUR);
    const unlinkAt = server.clock.now;
    await agent.incidents.unlink(incident.id, id);
    expect(await sla(id)).toMatchObject({ clock: 'next_response', dueAt: iso(unlinkAt + nextResponseMs - HOUR) });
    expect(await rowOf(server, id)).toMatchObject({ response_held_by: null, response_paused_at: null });
    await lead.incidents.resolve(incident.id);
  });

  it('refuses a bad setting naming the field, a change to a resolved incident, and a change that changes nothing; nothing changes', async () => {
    const count = async () => Number((await db().selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const n = await count();
    const bad = await apiFailure(lead.incidents.create({ title: 'x', description: 'y', pauseClocks: 'yes' as unknown as boolean }));
    expect([bad.status, bad.fieldErrors]).toEqual([400, [expect.stringMatching(/^pauseClocks: /)]]);
    expect(await count()).toBe(n);

    const incident = await declare(true);
    const id = (await openFresh(server, admin)).id;
    await lead.incidents.link(incident.id, [id]);
    const before = [await lead.incidents.get(incident.id), await rowOf(server, id)];
    const same = await apiFailure(lead.incidents.update(incident.id, { pauseClocks: true }));
    expect([same.status, same.message]).toEqual([400, expect.stringMatching(/nothing to change/)]);
    expect((await apiFailure(lead.incidents.update(incident.id, { pauseClocks: 1 as unknown as boolean }))).status).toBe(400);
    expect((await apiFailure(agent.incidents.update(incident.id, { pauseClocks: false }))).status).toBe(403);
    expect([await lead.incidents.get(incident.id), await rowOf(server, id)]).toEqual(before);

    await lead.incidents.resolve(incident.id);
    const after = [await lead.incidents.get(incident.id), await rowOf(server, id)];
    const resolved = await apiFailure(lead.incidents.update(incident.id, { pauseClocks: true }));
    expect([resolved.status, resolved.code]).toEqual([409, 'incident_resolved']);
    expect([await lead.incidents.get(incident.id), await rowOf(server, id)]).toEqual(after);
  });

  it('link, unlink, the setting, customers writing and resolve all at once: a conversation is held exactly while linked to an active incident with the setting on', async () => {
    const incidents = [await declare(true), await declare(true), await declare(false)];
    const ids: number[] = [];
    for (let i = 0; i < 24; i++) ids.push((await openFresh(server, admin)).id);
    const groups = [ids.slice(0, 8), ids.slice(8, 16), ids.slice(16, 24)];
    server.clock.advance(MIN);
    const work: Promise<unknown>[] = [];
    groups.forEach((group, g) => {
      for (const id of group) work.push(lead.incidents.link(incidents[g]!.id, [id]));
    });
    for (const id of ids) work.push(admin.conversations.inbound(id, { body: 'hello?' }));
    work.push(lead.incidents.resolve(incidents[0]!.id));
    work.push(lead.incidents.update(incidents[1]!.id, { pauseClocks: false }));
    work.push(lead.incidents.update(incidents[2]!.id, { pauseClocks: true }));
    for (const id of groups[1]!.slice(0, 3)) work.push(lead.incidents.unlink(incidents[1]!.id, id).catch(() => 'not linked yet'));
    const settled = await Promise.allSettled(work);
    // Links that came after the resolve are refused (409); nothing else fails.
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as { code?: string }] : []));
    expect(failures.every((f) => f.code === 'incident_resolved')).toBe(true);

    const rows = await db()
      .selectFrom('conversations')
      .leftJoin('incident_links', 'incident_links.conversation_id', 'conversations.id')
      .leftJoin('incidents', 'incidents.id', 'incident_links.incident_id')
      .select(['conversations.id', 'conversations.status', 'conversations.response_held_by', 'conversations.response_paused_at', 'incidents.id as incident_id', 'incidents.status as incident_status', 'incidents.pause_clocks'])
      .where('conversations.id', 'in', ids)
      .execute();
    for (const row of rows) {
      const shouldHold = row.incident_id !== null && row.incident_status === 'active' && row.pause_clocks === 1 ? row.incident_id : null;
      expect([row.id, row.response_held_by]).toEqual([row.id, shouldHold]);
      // Open and not held: running, so not paused; held: paused.
      if (row.response_held_by !== null) expect([row.id, row.response_paused_at]).toEqual([row.id, expect.any(Number)]);
      else if (row.status === 'open') expect([row.id, row.response_paused_at]).toEqual([row.id, null]);
    }
    expect(rows.filter((r) => r.response_held_by !== null).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.response_held_by !== null).every((r) => r.incident_id === incidents[2]!.id)).toBe(true);
    for (const incident of incidents.slice(1)) await lead.incidents.resolve(incident.id);
    const stillHeld = await db().selectFrom('conversations').select('id').where('response_held_by', 'is not', null).execute();
    expect(stillHeld).toEqual([]);
  });
});
