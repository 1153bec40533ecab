import ICAL from 'ical.js';
import { dateOfDayNumber, dayNumberOf, type Holiday } from '../../api/business-time.js';
import { ProblemError } from './errors.js';

/** Yearly holidays written once with a rule are read this many years ahead. */
const RECURRENCE_YEARS = 5;
const MAX_HOLIDAYS = 1000;

function refuse(field: string, line: number | null, message: string): ProblemError {
  const where = line === null ? field : `${field} line ${line}`;
  return new ProblemError('calendar_ics_invalid', `the iCalendar file does not parse: ${where}: ${message}`, {
    status: 422,
    errors: [{ field: line === null ? field : `${field}:${line}`, message }],
  });
}

/**
 * The holidays of an iCalendar file (RFC 5545): each VEVENT is a day or a range of days (DTEND is
 * exclusive, as the standard has it), named by its SUMMARY; a yearly rule gives one holiday a year.
 * Anything that does not parse is refused with its line, so nothing is imported by halves.
 */
export function holidaysFromIcs(text: string, field = 'ics'): Holiday[] {
  const lines = text.split(/\r?\n/);
  const lineOf = (needle: string, after = 0) => {
    const i = lines.findIndex((l, n) => n >= after && l.includes(needle));
    return i < 0 ? null : i + 1;
  };
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const quoted = /"([^"]+)"\s*$/.exec(message)?.[1];
    throw refuse(field, quoted ? lineOf(quoted) : null, message);
  }
  if (root.name !== 'vcalendar') throw refuse(field, 1, `the file starts with ${root.name.toUpperCase()}, not BEGIN:VCALENDAR`);
  const eventLines = lines.flatMap((l, i) => (l.trim().toUpperCase() === 'BEGIN:VEVENT' ? [i] : []));
  const holidays: Holiday[] = [];
  root.getAllSubcomponents('vevent').forEach((component, k) => {
    const begin = eventLines[k] ?? 0;
    const propertyLine = (name: string) => lineOf(name.toUpperCase(), begin) ?? begin + 1;
    let event: ICAL.Event;
    let start: ICAL.Time;
    let end: ICAL.Time | null;
    try {
      event = new ICAL.Event(component);
      start = event.startDate;
      end = component.hasProperty('dtend') || component.hasProperty('duration') ? event.endDate : null;
    } catch (error) {
      throw refuse(field, propertyLine('DTSTART'), error instanceof Error ? error.message : String(error));
    }
    if (!start) throw refuse(field, begin + 1, 'the event has no DTSTART');
    const name = (event.summary ?? '').trim() || 'Holiday';
    const firstDay = dayNumberOf(start.toString().slice(0, 10));
    if (firstDay === null) throw refuse(field, propertyLine('DTSTART'), `"${start.toString()}" is not a date`);
    // DTEND of an all-day event is the day after the last; a timed event closes the days it touches.
    let lastDay = firstDay;
    if (end) {
      const endDay = dayNumberOf(end.toString().slice(0, 10));
      if (endDay === null) throw refuse(field, propertyLine('DTEND'), `"${end.toString()}" is not a date`);
      lastDay = end.isDate ? endDay - 1 : endDay;
      if (lastDay < firstDay) throw refuse(field, propertyLine('DTEND'), `the event ends (${end.toString()}) before it starts (${start.toString()})`);
    }
    const length = lastDay - firstDay;
    if (!event.isRecurring()) {
      holidays.push({ from: dateOfDayNumber(firstDay), to: dateOfDayNumber(lastDay), name });
      return;
    }
    const until = start.clone();
    until.year += RECURRENCE_YEARS;
    const it = event.iterator();
    for (let next = it.next(); next && next.compare(until) < 0 && holidays.length < MAX_HOLIDAYS; next = it.next()) {
      const day = dayNumberOf(next.toString().slice(0, 10));
      if (day !== null) holidays.push({ from: dateOfDayNumber(day), to: dateOfDayNumber(day + length), name });
    }
  });
  if (holidays.length > MAX_HOLIDAYS) throw refuse(field, null, `more than ${MAX_HOLIDAYS} holidays`);
  return holidays;
}
