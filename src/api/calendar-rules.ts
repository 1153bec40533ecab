import { dayNumberOf, isKnownZone, minutesOf, WEEKDAYS, type BusinessCalendar, type BusinessHours, type Weekday } from './business-time.js';

export interface FieldProblem {
  field: string;
  message: string;
}

/** A holiday range longer than this is a typo (a year instead of a day), not a closure. */
export const MAX_HOLIDAY_DAYS = 366;

/**
 * What is wrong with a calendar, each naming its field (`zone`, `hours.2`, `holidays.0.to`): an
 * unknown zone, a time that is not HH:MM, a stretch that ends before it starts, two stretches of one
 * weekday that overlap, a holiday that ends before it starts. Empty when it can be kept.
 */
export function calendarProblems(calendar: BusinessCalendar, fieldOffset = { hours: 0, holidays: 0 }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isKnownZone(calendar.zone)) problems.push({ field: 'zone', message: `"${calendar.zone}" is not an IANA time zone (e.g. Asia/Jakarta, Europe/Berlin)` });
  const spans: { day: Weekday; from: number; to: number; index: number }[] = [];
  calendar.hours.forEach((h, i) => {
    const field = `hours.${i + fieldOffset.hours}`;
    const from = minutesOf(h.from);
    const to = minutesOf(h.to);
    if (!WEEKDAYS.includes(h.day)) problems.push({ field: `${field}.day`, message: `must be one of ${WEEKDAYS.join(', ')}` });
    else if (from === null) problems.push({ field: `${field}.from`, message: `"${h.from}" is not a time HH:MM` });
    else if (to === null) problems.push({ field: `${field}.to`, message: `"${h.to}" is not a time HH:MM (24:00 ends the day)` });
    else if (to <= from) problems.push({ field, message: `${h.day} ${h.from}-${h.to} ends before it starts; a shift past midnight is two stretches (… -24:00 and 00:00- …)` });
    else spans.push({ day: h.day, from, to, index: i + fieldOffset.hours });
  });
  for (const a of spans) {
    const clash = spans.find((b) => b.index < a.index && b.day === a.day && b.from < a.to && a.from < b.to);
    if (clash) {
      const h = calendar.hours[a.index - fieldOffset.hours]!;
      const other = calendar.hours[clash.index - fieldOffset.hours]!;
      problems.push({ field: `hours.${a.index}`, message: `${h.day} ${h.from}-${h.to} overlaps ${other.day} ${other.from}-${other.to} (hours.${clash.index})` });
    }
  }
  if (spans.length === 0 && problems.length === 0) problems.push({ field: 'hours', message: 'a calendar needs business hours on at least one weekday' });
  calendar.holidays.forEach((h, i) => problems.push(...holidayProblems(h, `holidays.${i + fieldOffset.holidays}`)));
  return problems;
}

export function holidayProblems(h: { from: string; to: string; name: string }, field: string): FieldProblem[] {
  const from = dayNumberOf(h.from);
  const to = dayNumberOf(h.to);
  if (from === null) return [{ field: `${field}.from`, message: `"${h.from}" is not a date YYYY-MM-DD` }];
  if (to === null) return [{ field: `${field}.to`, message: `"${h.to}" is not a date YYYY-MM-DD` }];
  if (to < from) return [{ field: `${field}.to`, message: `the holiday ends (${h.to}) before it starts (${h.from})` }];
  if (to - from + 1 > MAX_HOLIDAY_DAYS) return [{ field: `${field}.to`, message: `${h.from}..${h.to} is longer than ${MAX_HOLIDAY_DAYS} days` }];
  if (!h.name.trim()) return [{ field: `${field}.name`, message: 'is blank' }];
  return [];
}

const DAY_RANGE = new RegExp(`^(${WEEKDAYS.join('|')})(?:-(${WEEKDAYS.join('|')}))?$`);
const SPAN = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/;

/**
 * Business hours as people write them: "mon-fri 08:00-17:00", "mon-fri 08:00-12:00,13:00-17:00" (a
 * split shift), "sat 09:00-12:00". Days run Monday first; a range wraps ("fri-mon"). Throws a
 * sentence naming what it could not read; times are checked by calendarProblems.
 */
export function parseHoursSpec(spec: string): BusinessHours[] {
  const [days, spans, ...rest] = spec.trim().toLowerCase().split(/\s+/);
  const dayMatch = DAY_RANGE.exec(days ?? '');
  if (!dayMatch || !spans || rest.length > 0) throw new Error(`"${spec}" is not business hours; write them as "mon-fri 08:00-17:00" or "sat 09:00-12:00,13:00-15:00"`);
  const first = WEEKDAYS.indexOf(dayMatch[1] as Weekday);
  const last = WEEKDAYS.indexOf((dayMatch[2] ?? dayMatch[1]) as Weekday);
  const dayList: Weekday[] = [];
  for (let i = first; ; i = (i + 1) % 7) {
    dayList.push(WEEKDAYS[i]!);
    if (i === last) break;
  }
  const stretches = spans.split(',').map((s) => {
    const m = SPAN.exec(s);
    if (!m) throw new Error(`"${s}" in "${spec}" is not a stretch of hours; write it as 08:00-17:00`);
    return { from: m[1]!, to: m[2]! };
  });
  return dayList.flatMap((day) => stretches.map((s) => ({ day, ...s })));
}

/**
 * A holiday range as people write it: "2026-03-18" or "2026-03-18..2026-03-24". Dates are checked by
 * holidayProblems.
 */
export function parseDateRange(text: string): { from: string; to: string } {
  const [from, to, ...rest] = text.trim().split('..');
  if (!from || rest.length > 0 || to === '') throw new Error(`"${text}" is not a date or a range; write 2026-03-18 or 2026-03-18..2026-03-24`);
  return { from, to: to ?? from };
}

/** Hours written back the way parseHoursSpec reads them, one weekday a line: "mon 08:00-12:00,13:00-17:00". */
export function hoursByDay(hours: readonly BusinessHours[]): { day: Weekday; spans: string }[] {
  return WEEKDAYS.flatMap((day) => {
    const spans = hours
      .filter((h) => h.day === day)
      .sort((a, b) => a.from.localeCompare(b.from))
      .map((h) => `${h.from}-${h.to}`);
    return spans.length ? [{ day, spans: spans.join(',') }] : [];
  });
}
