import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slaState } from '../../src/api/sla-state.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { auditMark, auditSince, openFresh, rowOf } from '../helpers/workflow.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string | null) => (iso === null ? null : Date.parse(iso));

describe('SLA clocks, queue order, breaches and policies', () => {
  let server: TestServer;
  let agent: SupportClient;
  let admin: SupportClient;

  beforeAll(async () => {
    // The sweeper runs only when a test calls it, so that what it announces is what the test caused.
    server = await startTestServer({ inject: true, demo: true, settings: { sweepIntervalMs: 0 } });
    [agent, admin] = await Promise.all([server.login('agent@example.com'), server.login('admin@example.com')]);
  });
  afterAll(() => server.close());

  it('orders the queue by earliest due time, then priority, then age', async () => {
    const t0 = server.clock.now;
    const normal = await openFresh(server, admin, { priority: 'normal', team: 'payments' }); // due t0 + 2h
    const urgent = await openFresh(server, admin, { priority: 'urgent', team: 'payments' }); // due t0 + 5m
    const high = await openFresh(server, admin, { priority: 'high', team: 'payments' }); // due t0 + 30m
    // Same due time as `high`: the urgent one comes first; same due time and priority: the older one.
    const tieUrgent = await openFresh(server, admin, { priority: 'urgent', team: 'payments' });
    server.clock.advance(1000);
    const tieHighNewer = await openFresh(server, admin, { priority: 'high', team: 'payments' });
    const db = server.store.db;
    for (const id of [tieUrgent.id, tieHighNewer.id]) {
      await db.updateTable('conversations').set({ due_at: t0 + 30 * MIN, first_response_due_at: t0 + 30 * MIN }).where('id', '=', id).execute();
    }
    const queue = (await agent.queue.list({ team: 'payments', limit: 50 })).data.map((c) => c.id);
    expect(queue).toEqual([urgent.id, tieUrgent.id, high.id, tieHighNewer.id, normal.id]);
    expect(urgent.sla).toMatchObject({ clock: 'first_response', clockStartedAt: new Date(t0).toISOString(), dueAt: new Date(t0 + 5 * MIN).toISOString() });
  });

  it('is breached at the exact due time, not a millisecond before, and the breach is announced once', async () => {
    const c = await openFresh(server, admin, { priority: 'urgent' });
    const due = at(c.sla.dueAt)!;
    expect(due - server.clock.now).toBe(5 * MIN);

    server.clock.now = due - 1;
    const before = (await agent.conversations.get(c.id)).conversation;
    expect(before.sla.breached).toBe(false);
    expect(slaState(before.sla, server.clock.now)).toBe('warning');
    await server.sweeper.runOnce();
    expect(await server.store.db.selectFrom('sla_breaches').selectAll().where('conversation_id', '=', c.id).execute()).toEqual([]);

    server.clock.now = due;
    const onTime = (await agent.conversations.get(c.id)).conversation;
    expect(onTime.sla.breached).toBe(true);
    expect(slaState(onTime.sla, server.clock.now)).toBe('breached');
    await server.sweeper.runOnce();
    await server.sweeper.runOnce();
    server.clock.advance(MIN);
    await server.sweeper.runOnce();
    const breaches = await server.store.db.selectFrom('sla_breaches').selectAll().where('conversation_id', '=', c.id).execute();
    expect(breaches.map((b) => [b.clock, b.due_at, b.detected_at])).toEqual([['first_response', due, due]]);
    const events = await server.store.db.selectFrom('events').select(['type', 'payload']).where('conversation_id', '=', c.id).where('type', '=', 'sla.breached').execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ clock: 'first_response', dueAt: new Date(due).toISOString(), conversation: { id: c.id } });
  });

  it('pauses the response clocks while pending and resumes them where they stopped', async () => {
    const t0 = server.clock.now;
    const c = await openFresh(server, admin, { priority: 'normal' });
    expect(at(c.sla.firstResponseDueAt)).toBe(t0 + 2 * HOUR);

    server.clock.now = t0 + 10 * MIN;
    const pending = await agent.conversations.setPending(c.id);
    // Only the resolution clock runs while the desk waits on the customer.
    expect(pending.sla).toMatchObject({ clock: 'resolution', dueAt: new Date(t0 + 24 * HOUR).toISOString() });

    server.clock.now = t0 + 70 * MIN;
    const back = (await admin.conversations.inbound(c.id, { body: 'here is the screenshot' })).conversation;
    expect(back.status).toBe('open');
    // An hour pending: the first-response clock resumes with its 1h50m left.
    expect(back.sla).toMatchObject({
      clock: 'first_response',
      dueAt: new Date(t0 + 3 * HOUR).toISOString(),
      clockStartedAt: new Date(t0 + HOUR).toISOString(),
    });

    server.clock.now = t0 + 80 * MIN;
    await agent.conversations.send(c.id, { body: 'thanks, checking' });
    server.clock.now = t0 + 90 * MIN;
    const asked = (await admin.conversations.inbound(c.id, { body: 'any news?' })).conversation;
    expect(asked.sla).toMatchObject({ clock: 'next_response', nextResponseDueAt: new Date(t0 + 90 * MIN + 4 * HOUR).toISOString() });
    server.clock.now = t0 + 100 * MIN;
    await agent.conversations.send(c.id, { body: 'it is refunded' });

    const detail = await agent.conversations.get(c.id);
    expect(detail.responseTimes.map((r) => [r.clock, r.durationMs, r.breached])).toEqual([
      ['first_response', 20 * MIN, false],
      ['next_response', 10 * MIN, false],
    ]);
    expect(detail.conversation.sla).toMatchObject({ clock: 'resolution', firstResponseDueAt: null, nextResponseDueAt: null });
  });

  it('pauses every clock while snoozed; the sweeper wakes it at its time with the clocks moved on', async () => {
    const t0 = server.clock.now;
    const c = await openFresh(server, admin, { priority: 'high' });
    server.clock.now = t0 + 10 * MIN;
    const snoozed = await agent.conversations.snooze(c.id, t0 + 70 * MIN);
    expect(snoozed.sla).toMatchObject({ dueAt: null, clock: null, breached: false });
    expect(snoozed.snoozedUntil).toBe(new Date(t0 + 70 * MIN).toISOString());

    server.clock.now = t0 + 70 * MIN - 1;
    await server.sweeper.runOnce();
    expect((await rowOf(server, c.id)).status).toBe('snoozed');

    server.clock.now = t0 + 70 * MIN;
    const result = await server.sweeper.runOnce();
    expect(result?.woken).toBeGreaterThanOrEqual(1);
    const woke = (await agent.conversations.get(c.id)).conversation;
    expect(woke.status).toBe('open');
    expect(woke.snoozedUntil).toBeNull();
    expect(at(woke.sla.firstResponseDueAt)).toBe(t0 + 30 * MIN + HOUR);
    expect(at(woke.sla.resolutionDueAt)).toBe(t0 + 8 * HOUR + HOUR);
    const event = await server.store.db.selectFrom('events').select('payload').where('conversation_id', '=', c.id).where('type', '=', 'conversation.updated').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload)).toMatchObject({ changes: { status: { from: 'snoozed', to: 'open' } }, by: null });
  });

  it('sweeps by itself on its interval: a snoozed conversation wakes without anyone asking', async () => {
    const ticking = await startTestServer({ inject: true, demo: true, settings: { sweepIntervalMs: 50 } });
    try {
      const [adminClient, agentClient] = await Promise.all([ticking.login('admin@example.com'), ticking.login('agent@example.com')]);
      const c = await openFresh(ticking, adminClient);
      await agentClient.conversations.snooze(c.id, ticking.clock.now + MIN);
      ticking.clock.advance(MIN);
      await expect.poll(async () => (await rowOf(ticking, c.id)).status, { timeout: 5000, interval: 20 }).toBe('open');
    } finally {
      await ticking.close();
    }
  });

  it('gives running clocks the new windows when the priority changes', async () => {
    const t0 = server.clock.now;
    const c = await openFresh(server, admin, { priority: 'low' });
    server.clock.now = t0 + MIN;
    const urgent = await agent.conversations.update(c.id, { priority: 'urgent' });
    expect(urgent.priority).toBe('urgent');
    expect(at(urgent.sla.firstResponseDueAt)).toBe(t0 + 5 * MIN);
    expect(at(urgent.sla.resolutionDueAt)).toBe(t0 + 4 * HOUR);
  });

  it('serves the policies to everyone, seeded with the demo targets', async () => {
    const policies = await agent.slaPolicies.list();
    expect(policies.map((p) => p.priority)).toEqual(['urgent', 'high', 'normal', 'low']);
    expect(policies[0]).toMatchObject({ firstResponseMs: 5 * MIN, nextResponseMs: 10 * MIN, resolutionMs: 4 * HOUR, updatedBy: null });
  });

  it('lets admins change a priority’s targets: new clocks use them, running clocks keep theirs', async () => {
    const running = await openFresh(server, admin, { priority: 'high' });
    const set = await admin.slaPolicies.set([{ priority: 'high', firstResponseMs: 15 * MIN, nextResponseMs: 45 * MIN, resolutionMs: 6 * HOUR }]);
    const high = set.find((p) => p.priority === 'high')!;
    expect(high).toMatchObject({ firstResponseMs: 15 * MIN, updatedBy: { name: 'Sam Admin' } });
    expect(set.find((p) => p.priority === 'urgent')!.firstResponseMs).toBe(5 * MIN);

    const fresh = await openFresh(server, admin, { priority: 'high' });
    expect(at(fresh.sla.firstResponseDueAt)! - at(fresh.createdAt)!).toBe(15 * MIN);
    const kept = (await agent.conversations.get(running.id)).conversation;
    expect(kept.sla.firstResponseDueAt).toBe(running.sla.firstResponseDueAt);
    const audit = await server.store.db.selectFrom('audit_log').select(['action', 'target_id', 'after']).where('action', '=', 'sla_policy.update').execute();
    expect(audit.map((a) => a.target_id)).toContain('high');
  });

  it('refuses contradictory, duplicate, too short or unknown targets, and agents, changing nothing', async () => {
    const before = await agent.slaPolicies.list();
    const mark = await auditMark(server.store.db);
    const [adminId, agentId] = [(await admin.me.get()).agent.id, (await agent.me.get()).agent.id];
    const inconsistent = await apiFailure(admin.slaPolicies.set([{ priority: 'low', firstResponseMs: 10 * HOUR, nextResponseMs: HOUR, resolutionMs: 2 * HOUR }]));
    expect([inconsistent.status, inconsistent.code]).toEqual([422, 'sla_inconsistent']);
    const twice = await apiFailure(
      admin.slaPolicies.set([
        { priority: 'low', firstResponseMs: HOUR, nextResponseMs: HOUR, resolutionMs: 2 * HOUR },
        { priority: 'low', firstResponseMs: HOUR, nextResponseMs: HOUR, resolutionMs: 3 * HOUR },
      ]),
    );
    expect([twice.status, twice.code, twice.fieldErrors]).toEqual([400, 'validation_failed', ['policies.1.priority: is given twice']]);
    const short = await apiFailure(admin.slaPolicies.set([{ priority: 'low', firstResponseMs: 1000, nextResponseMs: HOUR, resolutionMs: 2 * HOUR }]));
    expect(short.fieldErrors[0]).toMatch(/^policies\.0\.firstResponseMs/);
    const unknown = await apiFailure(admin.request('PUT', 'v1/sla-policies', { json: { policies: [{ priority: 'asap', firstResponseMs: HOUR, nextResponseMs: HOUR, resolutionMs: HOUR }] } }));
    expect(unknown.fieldErrors).toEqual(['policies.0.priority: must be one of: urgent, high, normal, low']);
    const denied = await apiFailure(agent.slaPolicies.set([{ priority: 'low', firstResponseMs: HOUR, nextResponseMs: HOUR, resolutionMs: 2 * HOUR }]));
    expect([denied.status, denied.code]).toEqual([403, 'forbidden']);
    expect(await agent.slaPolicies.list()).toEqual(before);
    // The contradictory targets and the role are refusals, recorded as denied; malformed bodies leave none.
    expect(await auditSince(server.store.db, mark)).toEqual([
      ['denied', 'sla_policy.update', adminId, 'sla_inconsistent'],
      ['denied', 'sla_policy.update', agentId, 'forbidden'],
    ]);
  });
});
