import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  addWorkingDays,
  businessTimeBetween,
  businessWindow,
  closuresBetween,
  dayNumberOf,
  workingDaysLeft,
  type BusinessCalendar,
} from '../../src/api/business-time.js';
import { calendarProblems, parseDateRange, parseHoursSpec } from '../../src/api/calendar-rules.js';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const jakarta = (local: string) => at(`${local}+07:00`);
const asIso = (ms: number) => new Date(ms).toISOString();

/** Jakarta, split shift on weekdays (lunch 12:00-13:00), Saturday mornings, Idul Fitri and cuti bersama closed. */
const desk: BusinessCalendar = {
  zone: 'Asia/Jakarta',
  hours: [...parseHoursSpec('mon-fri 08:00-12:00,13:00-17:00'), ...parseHoursSpec('sat 09:00-12:00')],
  holidays: [{ from: '2026-03-18', to: '2026-03-24', name: 'Idul Fitri' }],
};

describe('business time', () => {
  it('skips the lunch break of a split shift', () => {
    expect(addBusinessTime(desk, jakarta('2026-03-16T11:00'), 2 * HOUR)).toBe(jakarta('2026-03-16T14:00'));
  });

  it('runs across a weekend: Friday afternoon to Saturday morning to Monday', () => {
    // 1 h left on Friday, 3 h on Saturday morning, the last 1 h on Monday from 08:00.
    expect(addBusinessTime(desk, jakarta('2026-03-13T16:00'), 5 * HOUR)).toBe(jakarta('2026-03-16T09:00'));
  });

  it('starts a clock started outside hours at the next opening', () => {
    expect(addBusinessTime(desk, jakarta('2026-03-15T10:00'), HOUR)).toBe(jakarta('2026-03-16T09:00'));
    expect(addBusinessTime(desk, jakarta('2026-03-16T06:30'), 30 * 60_000)).toBe(jakarta('2026-03-16T08:30'));
  });

  it('pauses through a holiday week', () => {
    expect(addBusinessTime(desk, jakarta('2026-03-17T16:00'), 2 * HOUR)).toBe(jakarta('2026-03-25T09:00'));
    expect(businessTimeBetween(desk, jakarta('2026-03-17T16:00'), jakarta('2026-03-25T09:00'))).toBe(2 * HOUR);
  });

  it('counts across midnight in a night shift and in a zone with daylight saving', () => {
    const night: BusinessCalendar = { zone: 'Asia/Jakarta', hours: [...parseHoursSpec('mon-sun 20:00-24:00'), ...parseHoursSpec('mon-sun 00:00-02:00')], holidays: [] };
    expect(addBusinessTime(night, jakarta('2026-03-16T23:00'), 2 * HOUR)).toBe(jakarta('2026-03-17T01:00'));
    expect(businessWindow(night, jakarta('2026-03-16T23:30'))).toEqual({ open: true, pausesAt: jakarta('2026-03-17T02:00'), resumesAt: jakarta('2026-03-17T20:00') });
    const berlin: BusinessCalendar = { zone: 'Europe/Berlin', hours: parseHoursSpec('mon-fri 09:00-17:00'), holidays: [] };
    // Clocks go forward on Sunday 2026-03-29: Monday 09:00 is 07:00Z, Friday 16:00 was 15:00Z.
    expect(asIso(addBusinessTime(berlin, at('2026-03-27T15:00Z'), 2 * HOUR))).toBe('2026-03-30T08:00:00.000Z');
  });

  it('counts working days the way regulators do: not the day it starts, to the close of business', () => {
    // Saturday mornings are working days at this desk; the holiday week is not.
    expect(addWorkingDays(desk, jakarta('2026-03-16T09:00'), 5)).toBe(jakarta('2026-03-28T12:00'));
    expect(addWorkingDays(desk, jakarta('2026-03-09T09:00'), 4)).toBe(jakarta('2026-03-13T17:00'));
    expect(addWorkingDays(desk, jakarta('2026-03-15T09:00'), 0)).toBe(jakarta('2026-03-16T17:00'));
    expect(workingDaysLeft(desk, jakarta('2026-03-17T10:00'), jakarta('2026-03-27T17:00'))).toBe(3);
    expect(workingDaysLeft(desk, jakarta('2026-03-27T10:00'), jakarta('2026-03-27T17:00'))).toBe(0);
    expect(workingDaysLeft(desk, jakarta('2026-03-30T10:00'), jakarta('2026-03-27T17:00'))).toBe(-2);
  });

  it('gives the pauses ahead as instants', () => {
    const window = businessWindow(desk, jakarta('2026-03-16T12:30'));
    expect(window).toEqual({ open: false, resumesAt: jakarta('2026-03-16T13:00'), pausesAt: jakarta('2026-03-16T17:00') });
    expect(closuresBetween(desk, jakarta('2026-03-16T11:00'), jakarta('2026-03-17T10:00'))).toEqual([
      { from: jakarta('2026-03-16T12:00'), until: jakarta('2026-03-16T13:00') },
      { from: jakarta('2026-03-16T17:00'), until: jakarta('2026-03-17T08:00') },
    ]);
    expect(closuresBetween(desk, jakarta('2026-03-17T16:30'), jakarta('2026-03-25T09:00'))).toEqual([
      { from: jakarta('2026-03-17T17:00'), until: jakarta('2026-03-25T08:00') },
    ]);
  });
});

describe('calendar rules', () => {
  it('names the field of each mistake', () => {
    const bad: BusinessCalendar = {
      zone: 'Asia/Jakrta',
      hours: [...parseHoursSpec('mon 08:00-12:00'), { day: 'mon', from: '11:00', to: '13:00' }, { day: 'tue', from: '17:00', to: '08:00' }],
      holidays: [{ from: '2026-03-24', to: '2026-03-18', name: 'Idul Fitri' }],
    };
    expect(calendarProblems(bad)).toEqual([
      { field: 'zone', message: expect.stringContaining('"Asia/Jakrta" is not an IANA time zone') },
      { field: 'hours.2', message: expect.stringContaining('ends before it starts') },
      { field: 'hours.1', message: 'mon 11:00-13:00 overlaps mon 08:00-12:00 (hours.0)' },
      { field: 'holidays.0.to', message: 'the holiday ends (2026-03-18) before it starts (2026-03-24)' },
    ]);
    expect(calendarProblems(desk)).toEqual([]);
  });

  it('reads hours and ranges as people write them', () => {
    expect(parseHoursSpec('fri-mon 09:00-12:00').map((h) => h.day)).toEqual(['fri', 'sat', 'sun', 'mon']);
    expect(() => parseHoursSpec('weekdays 9-5')).toThrow(/not business hours/);
    expect(parseDateRange('2026-03-18..2026-03-24')).toEqual({ from: '2026-03-18', to: '2026-03-24' });
    expect(dayNumberOf('2026-02-30')).toBeNull();
  });
});

describe('the countdown of a business-time clock', () => {
  it('says "paused until" while the desk is closed, from the instants the server sent', async () => {
    const { slaCountdown, slaPausedText } = await import('../../src/api/text/durations.js');
    const { slaState } = await import('../../src/api/sla-state.js');
    const sla = {
      firstResponseDueAt: null,
      nextResponseDueAt: null,
      resolutionDueAt: null,
      dueAt: '2026-03-16T02:00:00.000Z',
      breached: false,
      clock: 'first_response' as const,
      clockStartedAt: '2026-03-13T09:00:00.000Z',
      warningAt: '2026-03-16T01:36:00.000Z',
      pauses: [{ from: '2026-03-13T10:00:00.000Z', until: '2026-03-16T01:00:00.000Z' }],
    };
    const closed = Date.parse('2026-03-14T03:00:00.000Z');
    const until = new Date(Date.parse('2026-03-16T01:00:00.000Z'));
    const hm = `${String(until.getHours()).padStart(2, '0')}:${String(until.getMinutes()).padStart(2, '0')}`;
    expect(slaPausedText({ sla }, closed)).toMatch(new RegExp(`^paused until (\\w{3} )?${hm}$`));
    expect(slaPausedText({ sla }, Date.parse('2026-03-16T01:30:00.000Z'))).toBeNull();
    expect(slaCountdown({ sla }, Date.parse('2026-03-16T01:30:00.000Z'))).toBe('30m');
    expect(slaState(sla, closed)).toBe('ok');
    expect(slaState(sla, Date.parse('2026-03-16T01:36:00.000Z'))).toBe('warning');
  });
});
