import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slaPausedUntil, slaState } from '../../src/api/sla-state.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { openFresh, rowOf } from '../helpers/workflow.js';

const jakarta = (local: string) => Date.parse(`${local}+07:00`);
const isoOf = (local: string) => new Date(jakarta(local)).toISOString();
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

describe('SLA clocks in business time', () => {
  let server: TestServer;
  let agent: SupportClient;
  let admin: SupportClient;

  beforeAll(async () => {
    server = await startTestServer({ demo: true, settings: { sweepIntervalMs: 0 } });
    [agent, admin] = await Promise.all([server.login('agent@example.com'), server.login('admin@example.com')]);
    await admin.calendars.create({
      name: 'jakarta',
      zone: 'Asia/Jakarta',
      hours: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).flatMap((day) => [
        { day, from: '08:00', to: '12:00' },
        { day, from: '13:00', to: '17:00' },
      ]),
      holidays: [{ from: '2026-03-18', to: '2026-03-24', name: 'Idul Fitri' }],
      teams: ['payments'],
    });
    // Night desk for conversations without a team: 20:00 to 02:00 every day.
    await admin.calendars.create({
      name: 'night',
      zone: 'Asia/Jakarta',
      hours: (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).flatMap((day) => [
        { day, from: '00:00', to: '02:00' },
        { day, from: '20:00', to: '24:00' },
      ]),
      isDefault: true,
    });
    // normal: first response 2 h, resolution 24 h, counted in business hours.
    await admin.slaPolicies.set([{ priority: 'normal', firstResponseMs: 2 * 3_600_000, nextResponseMs: 4 * 3_600_000, resolutionMs: 24 * 3_600_000, clock: 'business' }]);
  });
  afterAll(() => server.close());

  const openAt = async (local: string, team: string | null = 'payments') => {
    server.clock.now = jakarta(local);
    return openFresh(server, admin, { priority: 'normal', ...(team ? { team } : {}) });
  };

  it('says which policies count business time', async () => {
    const policies = await agent.slaPolicies.list();
    expect(policies.find((p) => p.priority === 'normal')?.clock).toBe('business');
    expect(policies.find((p) => p.priority === 'urgent')?.clock).toBe('calendar');
  });

  it('skips the lunch break of a split shift', async () => {
    const c = await openAt('2026-03-16T11:00');
    expect(c.sla).toMatchObject({ clock: 'first_response', dueAt: isoOf('2026-03-16T14:00') });
    expect(c.sla.pauses).toEqual([{ from: isoOf('2026-03-16T12:00'), until: isoOf('2026-03-16T13:00') }]);
  });

  it('runs across a weekend, and the row is paused until Monday while the desk is closed', async () => {
    const c = await openAt('2026-03-13T16:00');
    expect(c.sla.dueAt).toBe(isoOf('2026-03-16T09:00'));
    // The countdown's instants come with it: on Saturday it is paused until Monday 08:00, without asking again.
    expect(slaPausedUntil(c.sla, jakarta('2026-03-14T10:00'))).toBe(jakarta('2026-03-16T08:00'));
    expect(slaPausedUntil(c.sla, jakarta('2026-03-13T16:30'))).toBeNull();
    // The warning starts with 20 % of the business window left: 24 business minutes before due, Monday 08:36.
    expect(c.sla.warningAt).toBe(isoOf('2026-03-16T08:36'));
    expect(slaState(c.sla, jakarta('2026-03-14T10:00'))).toBe('ok');
    expect(slaState(c.sla, jakarta('2026-03-16T08:36'))).toBe('warning');
    expect(slaState(c.sla, jakarta('2026-03-16T09:00'))).toBe('breached');
  });

  it('pauses through a holiday week', async () => {
    const c = await openAt('2026-03-17T16:00');
    expect(c.sla.dueAt).toBe(isoOf('2026-03-25T09:00'));
    expect(c.sla.pauses).toEqual([{ from: isoOf('2026-03-17T17:00'), until: isoOf('2026-03-25T08:00') }]);
  });

  it('starts a clock started outside hours at the next opening', async () => {
    const c = await openAt('2026-03-15T10:00');
    expect(c.sla.dueAt).toBe(isoOf('2026-03-16T10:00'));
    expect(slaPausedUntil(c.sla, jakarta('2026-03-15T10:00'))).toBe(jakarta('2026-03-16T08:00'));
  });

  it('counts across midnight on a night desk (the default calendar)', async () => {
    const c = await openAt('2026-03-16T23:30', null);
    expect(c.sla.dueAt).toBe(isoOf('2026-03-17T01:30'));
    expect(c.sla.pauses).toEqual([]);
  });

  it('keeps the business time left while the customer is waited on, and resumes it after the holidays', async () => {
    const c = await openAt('2026-03-16T08:00');
    // Resolution: 24 business hours, Monday and Tuesday, then the holiday week, then Wednesday the 25th.
    expect(c.sla.resolutionDueAt).toBe(isoOf('2026-03-25T17:00'));
    server.clock.now = jakarta('2026-03-16T09:00');
    await agent.conversations.setPending(c.id);
    server.clock.now = jakarta('2026-03-27T16:30');
    await admin.conversations.inbound(c.id, { body: 'here it is', clientMessageId: 'resume-after-holidays' });
    const row = await rowOf(server, c.id);
    // The first response had 1 h left: 30 min on Friday, 30 min on Monday the 30th.
    expect([row.first_response_due_at, row.first_response_started_at]).toEqual([jakarta('2026-03-30T08:30'), jakarta('2026-03-27T15:30')]);
  });

  it('applies a calendar change to clocks started after it', async () => {
    const before = await openAt('2026-04-03T16:00');
    expect(before.sla.dueAt).toBe(isoOf('2026-04-06T09:00'));
    await admin.calendars.addHolidays('jakarta', { holidays: [{ from: '2026-04-06', to: '2026-04-06', name: 'Easter Monday' }] });
    const after = await openAt('2026-04-03T16:00');
    expect(after.sla.dueAt).toBe(isoOf('2026-04-07T09:00'));
    const kept = (await agent.conversations.get(before.id)).conversation;
    expect(kept.sla.dueAt).toBe(isoOf('2026-04-06T09:00'));
  });

  // Last in the file: it changes jakarta's hours.
  it('pins each clock to the calendar version current when it starts: a next-response clock after a change counts by the new hours', async () => {
    // A: answered at once; its resolution clock runs on the hours of Monday morning.
    const a = await openAt('2026-04-13T09:00');
    server.clock.now = jakarta('2026-04-13T09:30');
    await agent.conversations.send(a.id, { body: 'looking into it' });
    // B: its first-response clock starts at 16:00 on the old hours, due Tuesday 09:00.
    const b = await openAt('2026-04-13T16:00');
    expect(b.sla.firstResponseDueAt).toBe(isoOf('2026-04-14T09:00'));

    server.clock.now = jakarta('2026-04-13T17:10');
    await admin.calendars.update('jakarta', { hours: WEEKDAYS.map((day) => ({ day, from: '07:00', to: '19:00' })) });

    // The customer writes at 17:30: closed on the old hours, open till 19:00 on the new. 4 business
    // hours: 1.5 tonight, 2.5 from 07:00 on Tuesday.
    server.clock.now = jakarta('2026-04-13T17:30');
    const { conversation } = await admin.conversations.inbound(a.id, { body: 'any news?', clientMessageId: 'after-calendar-change' });
    expect(conversation.sla).toMatchObject({ clock: 'next_response', nextResponseDueAt: isoOf('2026-04-14T09:30'), dueAt: isoOf('2026-04-14T09:30') });
    // The countdown's closures are the new hours' too: closed from 19:00 to 07:00.
    expect(conversation.sla.pauses).toEqual([{ from: isoOf('2026-04-13T19:00'), until: isoOf('2026-04-14T07:00') }]);
    // A's resolution clock keeps the hours it started with: 24 business hours from Monday 09:00 on 8-hour days.
    expect(conversation.sla.resolutionDueAt).toBe(isoOf('2026-04-16T09:00'));

    // B's first-response clock keeps its version, also when it pauses and resumes after the change:
    // paused at 17:40 with 1 h left on the old hours (Tuesday 08:00-09:00), resumed at 08:30.
    expect((await agent.conversations.get(b.id)).conversation.sla.firstResponseDueAt).toBe(isoOf('2026-04-14T09:00'));
    server.clock.now = jakarta('2026-04-13T17:40');
    await agent.conversations.setPending(b.id);
    server.clock.now = jakarta('2026-04-14T08:30');
    const resumed = (await admin.conversations.inbound(b.id, { body: 'still waiting', clientMessageId: 'resume-old-hours' })).conversation;
    expect(resumed.sla.firstResponseDueAt).toBe(isoOf('2026-04-14T09:30'));
    const rows = await Promise.all([rowOf(server, a.id), rowOf(server, b.id)]);
    const version = (await admin.calendars.get('jakarta')).version;
    expect(rows[0].next_response_calendar_version).toBe(version);
    expect(rows[0].resolution_calendar_version).not.toBe(version);
    expect(rows[1].first_response_calendar_version).toBe(rows[0].resolution_calendar_version);
  });
});
