import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateCalendarRequest } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';
import { auditMark, auditSince } from '../helpers/workflow.js';

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//test//holidays//EN',
  'BEGIN:VEVENT',
  'UID:nyepi-2026',
  'DTSTART;VALUE=DATE:20260319',
  'DTEND;VALUE=DATE:20260320',
  'SUMMARY:Nyepi',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:new-year',
  'DTSTART;VALUE=DATE:20260101',
  'RRULE:FREQ=YEARLY',
  'SUMMARY:New Year',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

const jakarta = (name: string, extra: Partial<CreateCalendarRequest> = {}): CreateCalendarRequest => ({
  name,
  zone: 'Asia/Jakarta',
  hours: [
    { day: 'mon', from: '08:00', to: '12:00' },
    { day: 'mon', from: '13:00', to: '17:00' },
    { day: 'tue', from: '08:00', to: '17:00' },
  ],
  ...extra,
});

describe('calendars', () => {
  let server: TestServer;
  let agent: SupportClient;
  let admin: SupportClient;

  beforeAll(async () => {
    server = await startTestServer({ demo: true, settings: { sweepIntervalMs: 0 } });
    [agent, admin] = await Promise.all([server.login('agent@example.com'), server.login('admin@example.com')]);
  });
  afterAll(() => server.close());

  const calendarRows = async () => (await server.store.db.selectFrom('calendars').selectAll().orderBy('name').execute()).map((r) => [r.name, r.version, r.holidays]);

  it('creates a calendar with holidays listed and imported from iCalendar, for teams, audited', async () => {
    const mark = await auditMark(server.store.db);
    const created = await admin.calendars.create(
      jakarta('jakarta', { holidays: [{ from: '2026-03-18', to: '2026-03-24', name: 'Idul Fitri' }], ics: ICS, teams: ['payments'], jurisdiction: 'ojk' }),
    );
    expect(created).toMatchObject({ name: 'jakarta', zone: 'Asia/Jakarta', teams: ['payments'], jurisdiction: 'ojk', isDefault: false });
    expect(created.holidays.map((h) => `${h.from}..${h.to} ${h.name}`)).toEqual([
      '2026-01-01..2026-01-01 New Year',
      '2026-03-18..2026-03-24 Idul Fitri',
      '2026-03-19..2026-03-19 Nyepi',
      '2027-01-01..2027-01-01 New Year',
      '2028-01-01..2028-01-01 New Year',
      '2029-01-01..2029-01-01 New Year',
      '2030-01-01..2030-01-01 New Year',
    ]);
    expect(await agent.calendars.get('jakarta')).toEqual(created);
    expect((await agent.calendars.list()).data.map((c) => c.name)).toEqual(['jakarta']);
    expect(await auditSince(server.store.db, mark)).toEqual([['succeeded', 'calendar.created', expect.any(String), undefined]]);
  });

  it('lets only admins change calendars', async () => {
    const before = await calendarRows();
    const mark = await auditMark(server.store.db);
    const refused = await apiFailure(agent.calendars.create(jakarta('agents-own')));
    expect([refused.status, refused.code]).toEqual([403, 'forbidden']);
    expect((await apiFailure(agent.calendars.addHolidays('jakarta', { holidays: [{ from: '2026-05-01', to: '2026-05-01', name: 'Labour Day' }] }))).status).toBe(403);
    expect((await apiFailure(agent.calendars.delete('jakarta'))).status).toBe(403);
    expect(await calendarRows()).toEqual(before);
    expect((await auditSince(server.store.db, mark)).map((e) => e[0])).toEqual(['denied', 'denied', 'denied']);
  });

  it('refuses each mistake with the field or line it is in, and changes nothing', async () => {
    const before = await calendarRows();
    const cases: [() => Promise<unknown>, string, string][] = [
      [() => admin.calendars.create(jakarta('bad-zone', { zone: 'Asia/Jakrta' })), 'calendar_invalid', 'zone'],
      [() => admin.calendars.create(jakarta('overlap', { hours: [{ day: 'mon', from: '08:00', to: '12:00' }, { day: 'mon', from: '11:00', to: '17:00' }] })), 'calendar_invalid', 'hours.1'],
      [() => admin.calendars.create(jakarta('inverted', { hours: [{ day: 'mon', from: '17:00', to: '08:00' }] })), 'calendar_invalid', 'hours.0'],
      [() => admin.calendars.create(jakarta('bad-time', { hours: [{ day: 'mon', from: '8am', to: '17:00' }] })), 'calendar_invalid', 'hours.0.from'],
      [() => admin.calendars.addHolidays('jakarta', { holidays: [{ from: '2026-03-24', to: '2026-03-18', name: 'Idul Fitri' }] }), 'calendar_invalid', 'holidays.0.to'],
      [() => admin.calendars.addHolidays('jakarta', { ics: 'BEGIN:VCALENDAR\nVERSION:2.0\nthis is not a property\nEND:VCALENDAR\n' }), 'calendar_ics_invalid', 'ics:3'],
      [() => admin.calendars.addHolidays('jakarta', { ics: 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nDTSTART;VALUE=DATE:2026xx18\nEND:VEVENT\nEND:VCALENDAR\n' }), 'calendar_ics_invalid', 'ics:4'],
      [() => admin.calendars.update('jakarta', { zone: 'Mars/Olympus' }), 'calendar_invalid', 'zone'],
    ];
    for (const [call, code, field] of cases) {
      const error = await apiFailure(call());
      expect([error.status, error.code, error.problem?.errors?.[0]?.field]).toEqual([422, code, field]);
      expect(error.message).toContain(field.replace(':', ' line '));
    }
    expect(await calendarRows()).toEqual(before);
  });

  it('gives a team one calendar, refuses to delete one in use, and versions every change', async () => {
    const taken = await apiFailure(admin.calendars.create(jakarta('surabaya', { teams: ['payments'] })));
    expect([taken.status, taken.code]).toEqual([409, 'calendar_team_taken']);
    expect(taken.message).toContain('team payments works by the calendar "jakarta"');
    const inUse = await apiFailure(admin.calendars.delete('jakarta'));
    expect([inUse.status, inUse.code]).toEqual([409, 'calendar_in_use']);

    const before = await admin.calendars.get('jakarta');
    const after = await admin.calendars.addHolidays('jakarta', { holidays: [{ from: '2026-05-01', to: '2026-05-01', name: 'Labour Day' }] });
    expect(after.version).toBeGreaterThan(before.version);
    const again = await admin.calendars.update('jakarta', { teams: [] });
    expect([again.version, again.teams]).toEqual([after.version, []]);
    await admin.calendars.delete('jakarta');
    expect((await apiFailure(agent.calendars.get('jakarta'))).status).toBe(404);
    // The versions stay: clocks computed with them still name them.
    const versions = await server.store.db.selectFrom('calendar_versions').select('id').where('id', 'in', [before.version, after.version]).execute();
    expect(versions).toHaveLength(2);
  });

  it.runIf(ENGINE === 'postgres')('gives a team to one calendar when admins race for it', async () => {
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => admin.calendars.create(jakarta(`race-${i}`, { teams: ['vip'] }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rows = await server.store.db.selectFrom('team_calendars').selectAll().where('team', '=', 'vip').execute();
    expect(rows).toHaveLength(1);
  });
});
