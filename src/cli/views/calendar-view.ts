import { dateOfDayNumber, dayNumberOf, isWorkingDay, WEEKDAYS, weekdayOfDayNumber, type Weekday } from '../../api/business-time.js';
import { hoursByDay } from '../../api/calendar-rules.js';
import { sanitize } from '../../api/text/sanitize.js';
import type { Calendar } from '../../api/types.js';

const line = (text: string) => sanitize(text, { multiline: false });

export interface MonthDay {
  date: string;
  weekday: Weekday;
  working: boolean;
  /** The holiday's name, when the day is one. */
  holiday: string | null;
}

/** The days of a month "YYYY-MM" as the calendar counts them; null when it is not a month. */
export function monthDays(calendar: Calendar, month: string): MonthDay[] | null {
  const first = /^\d{4}-\d{2}$/.test(month) ? dayNumberOf(`${month}-01`) : null;
  if (first === null) return null;
  const days: MonthDay[] = [];
  for (let d = first; dateOfDayNumber(d).startsWith(month); d++) {
    const date = dateOfDayNumber(d);
    const holiday = calendar.holidays.find((h) => h.from <= date && date <= h.to);
    days.push({ date, weekday: weekdayOfDayNumber(d), working: isWorkingDay(calendar, d), holiday: holiday ? holiday.name : null });
  }
  return days;
}

/**
 * A month as a grid, Monday first: a working day is its number, a closed day is in parentheses, a
 * holiday is marked * and named below. Readable without colour.
 */
export function renderMonth(calendar: Calendar, month: string, days: MonthDay[]): string {
  const cell = (d: MonthDay) => {
    const n = String(Number(d.date.slice(8)));
    const text = d.working ? ` ${n.padStart(2)} ` : `(${n.padStart(2)})`;
    return `${text}${d.holiday ? '*' : ' '}`;
  };
  const out = [`${line(calendar.name)}: ${month} (${calendar.zone}), ${days.filter((d) => d.working).length} working days`, WEEKDAYS.map((w) => ` ${w.slice(0, 2)}  `).join('')];
  let row = '     '.repeat(WEEKDAYS.indexOf(days[0]!.weekday));
  for (const d of days) {
    row += cell(d);
    if (d.weekday === 'sun') {
      out.push(row.trimEnd());
      row = '';
    }
  }
  if (row) out.push(row.trimEnd());
  out.push('', 'n working day   (n) closed   * holiday');
  const named = new Map<string, string[]>();
  for (const d of days) if (d.holiday) named.set(d.holiday, [...(named.get(d.holiday) ?? []), d.date]);
  for (const [name, dates] of named) out.push(`* ${dates[0]}${dates.length > 1 ? `..${dates.at(-1)}` : ''} ${line(name)}`);
  return out.join('\n');
}

/** One calendar for people: zone, hours a weekday, holidays, teams. */
export function renderCalendar(calendar: Calendar): string {
  const out = [
    `${line(calendar.name)}${calendar.isDefault ? ' (default)' : ''}`,
    `  zone          ${calendar.zone}`,
    `  complaints    ${calendar.jurisdiction ?? 'no rule (7 calendar days)'}`,
    `  teams         ${calendar.teams.length ? calendar.teams.map(line).join(', ') : '-'}`,
    `  version       ${calendar.version}`,
    '  hours',
    ...hoursByDay(calendar.hours).map((h) => `    ${h.day}  ${h.spans}`),
    `  holidays      ${calendar.holidays.length ? '' : '-'}`,
    ...calendar.holidays.map((h) => `    ${h.from === h.to ? h.from : `${h.from}..${h.to}`}  ${line(h.name)}`),
  ];
  return out.join('\n');
}
