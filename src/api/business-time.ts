/**
 * Time the way a desk and its regulator count it: business hours per weekday (split shifts allowed)
 * in one IANA time zone, minus holidays. Pure and shared: the server computes SLA due times and
 * complaint deadlines with it, `support calendar add` answers the same instants, and the TUI reads
 * the pauses it produced. Nothing here reads the clock.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One stretch of business hours on a weekday, local wall time "HH:MM" ("24:00" ends the day). */
export interface BusinessHours {
  day: Weekday;
  from: string;
  to: string;
}

/** A closed day or a closed range of days, both ends included, local dates "YYYY-MM-DD". */
export interface Holiday {
  from: string;
  to: string;
  name: string;
}

export interface BusinessCalendar {
  zone: string;
  hours: readonly BusinessHours[];
  holidays: readonly Holiday[];
}

/** A stretch of time the clock does not run, as instants (ms): from ≤ t < until. */
export interface Closure {
  from: number;
  until: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** A calendar that stays closed this long is refused rather than searched for ever. */
const MAX_DAYS_SEARCHED = 3_660;

const digit = (text: string, i: number) => {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
};

// Parsed by hand, not with a regex and a Date: a server recomputing thousands of clocks reads these often.

/** Minutes after local midnight of "HH:MM" (00:00 to 24:00), or null when it is not a time of day. */
export function minutesOf(time: string): number | null {
  if (time.length !== 5 || time[2] !== ':') return null;
  const h = digit(time, 0) * 10 + digit(time, 1);
  const m = digit(time, 3) * 10 + digit(time, 4);
  if (!(h >= 0 && m >= 0 && m < 60)) return null;
  const minutes = h * 60 + m;
  return minutes > 24 * 60 ? null : minutes;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a calendar date "YYYY-MM-DD", or null when there is no such date. */
export function dayNumberOf(date: string): number | null {
  if (date.length !== 10 || date[4] !== '-' || date[7] !== '-') return null;
  const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const m = digit(date, 5) * 10 + digit(date, 6);
  const d = digit(date, 8) * 10 + digit(date, 9);
  if (!(y >= 0 && m >= 1 && m <= 12 && d >= 1)) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > MONTH_DAYS[m - 1]! + (m === 2 && leap ? 1 : 0)) return null;
  // Days from civil (H. Hinnant): the year starts in March, so the leap day comes last.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The date "YYYY-MM-DD" of a day number. */
export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Monday first: 1970-01-01 (day 0) was a Thursday. */
export function weekdayOfDayNumber(day: number): Weekday {
  return WEEKDAYS[(((day + 3) % 7) + 7) % 7]!;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether the runtime knows this IANA zone name (e.g. Asia/Jakarta). */
export function isKnownZone(zone: string): boolean {
  if (!zone.includes('/') && zone !== 'UTC') return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

// Offsets change on quarter hours in every zone in use, so one lookup per quarter hour is exact.
const QUARTER_MS = 15 * MINUTE_MS;
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_LIMIT = 200_000;

/** The zone's offset from UTC at an instant, in ms (Asia/Jakarta: +7 h). */
export function zoneOffset(zone: string, at: number): number {
  let cache = offsetCache.get(zone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(zone, cache);
  }
  const quarter = Math.floor(at / QUARTER_MS);
  const known = cache.get(quarter);
  if (known !== undefined) return known;
  const start = quarter * QUARTER_MS;
  const parts = formatterFor(zone).formatToParts(new Date(start));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const local = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  const offset = local - start;
  if (cache.size > OFFSET_CACHE_LIMIT) cache.clear();
  cache.set(quarter, offset);
  return offset;
}

/** The instant of a local wall time (ms since the epoch as if the wall clock were UTC). */
export function instantOfLocal(zone: string, local: number): number {
  const guess = local - zoneOffset(zone, local);
  const offset = zoneOffset(zone, guess);
  return local - offset;
}

/** The local day number (days since 1970-01-01 in the zone) an instant falls on. */
export function localDayOf(zone: string, at: number): number {
  return Math.floor((at + zoneOffset(zone, at)) / DAY_MS);
}

const EMPTY: readonly number[] = [];

/**
 * A calendar made ready to count with: weekly minutes per weekday, holidays as day numbers, and each
 * day's open intervals as instants, computed once per day and kept (a desk asks about the same weeks).
 */
class CompiledCalendar {
  readonly zone: string;
  readonly #weekly: readonly (readonly number[])[];
  readonly #holidays: ReadonlySet<number>;
  readonly #days = new Map<number, readonly number[]>();

  constructor(calendar: BusinessCalendar) {
    this.zone = calendar.zone;
    const weekly = WEEKDAYS.map(() => [] as [number, number][]);
    for (const h of calendar.hours) {
      const from = minutesOf(h.from);
      const to = minutesOf(h.to);
      if (from === null || to === null || to <= from) continue;
      weekly[WEEKDAYS.indexOf(h.day)]!.push([from, to]);
    }
    this.#weekly = weekly.map((spans) => spans.sort((a, b) => a[0] - b[0]).flat());
    const holidays = new Set<number>();
    for (const h of calendar.holidays) {
      const from = dayNumberOf(h.from);
      const to = dayNumberOf(h.to);
      if (from === null || to === null) continue;
      for (let d = from; d <= to; d++) holidays.add(d);
    }
    this.#holidays = holidays;
  }

  isHoliday(day: number): boolean {
    return this.#holidays.has(day);
  }

  /** The day's open intervals as instants, flat: [start0, end0, start1, end1, …]. */
  intervals(day: number): readonly number[] {
    let known = this.#days.get(day);
    if (known) return known;
    const minutes = this.#weekly[WEEKDAYS.indexOf(weekdayOfDayNumber(day))]!;
    if (minutes.length === 0 || this.#holidays.has(day)) known = EMPTY;
    else {
      const midnight = day * DAY_MS;
      const start = instantOfLocal(this.zone, midnight);
      // One offset all day (every day but the two a year when clocks change): no lookup per stretch.
      known =
        instantOfLocal(this.zone, midnight + DAY_MS) - start === DAY_MS
          ? minutes.map((m) => start + m * MINUTE_MS)
          : minutes.map((m) => instantOfLocal(this.zone, midnight + m * MINUTE_MS));
    }
    this.#days.set(day, known);
    return known;
  }
}

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();

function compile(calendar: BusinessCalendar): CompiledCalendar {
  let c = compiled.get(calendar);
  if (!c) {
    c = new CompiledCalendar(calendar);
    compiled.set(calendar, c);
  }
  return c;
}

function neverOpen(): Error {
  return new RangeError(`the calendar has no business hours in the next ${MAX_DAYS_SEARCHED} days`);
}

/**
 * The instant `ms` of business time after `from`: the clock runs only inside business hours, so a
 * clock started outside them starts at the next opening. 0 ms is `from` itself.
 */
export function addBusinessTime(calendar: BusinessCalendar, from: number, ms: number): number {
  if (ms <= 0) return from;
  const c = compile(calendar);
  let remaining = ms;
  let day = localDayOf(c.zone, from);
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++, day++) {
    const iv = c.intervals(day);
    for (let k = 0; k < iv.length; k += 2) {
      const end = iv[k + 1]!;
      if (end <= from) continue;
      const start = Math.max(iv[k]!, from);
      if (start + remaining <= end) return start + remaining;
      remaining -= end - start;
    }
  }
  throw neverOpen();
}

/** The instant `ms` of business time before `to`: the inverse of addBusinessTime. */
export function subtractBusinessTime(calendar: BusinessCalendar, to: number, ms: number): number {
  if (ms <= 0) return to;
  const c = compile(calendar);
  let remaining = ms;
  let day = localDayOf(c.zone, to);
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++, day--) {
    const iv = c.intervals(day);
    for (let k = iv.length - 2; k >= 0; k -= 2) {
      const start = iv[k]!;
      if (start >= to) continue;
      const end = Math.min(iv[k + 1]!, to);
      if (end - remaining >= start) return end - remaining;
      remaining -= end - start;
    }
  }
  throw neverOpen();
}

/** Business time (ms) the clock runs between two instants. */
export function businessTimeBetween(calendar: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  const c = compile(calendar);
  let total = 0;
  const last = localDayOf(c.zone, to);
  for (let day = localDayOf(c.zone, from); day <= last; day++) {
    const iv = c.intervals(day);
    for (let k = 0; k < iv.length; k += 2) {
      const start = Math.max(iv[k]!, from);
      const end = Math.min(iv[k + 1]!, to);
      if (end > start) total += end - start;
    }
  }
  return total;
}

/** Whether a local day is a working day: not a holiday, and with business hours. */
export function isWorkingDay(calendar: BusinessCalendar, day: number): boolean {
  return compile(calendar).intervals(day).length > 0;
}

/** Whether a local day is one of the calendar's holidays. */
export function isHoliday(calendar: BusinessCalendar, day: number): boolean {
  return compile(calendar).isHoliday(day);
}

/**
 * The deadline `days` working days after `from`, the way regulators count them: the day it starts is
 * not counted, and the deadline is the close of business of the last day counted. 0 days is the
 * close of business of `from`'s day, or of the next working day when that one is closed.
 */
export function addWorkingDays(calendar: BusinessCalendar, from: number, days: number): number {
  const c = compile(calendar);
  let day = localDayOf(c.zone, from);
  let counted = 0;
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++, day++) {
    const iv = c.intervals(day);
    if (iv.length === 0 || (i === 0 && days > 0)) continue;
    counted++;
    if (counted >= days) return iv[iv.length - 1]!;
  }
  throw neverOpen();
}

/**
 * Working days left until a deadline, counted as regulators do: working days after today up to and
 * including the deadline's day (0: due today). Past the deadline it is negative: the working days
 * since, the deadline's day excluded.
 */
export function workingDaysLeft(calendar: BusinessCalendar, now: number, due: number): number {
  const c = compile(calendar);
  const today = localDayOf(c.zone, now);
  const dueDay = localDayOf(c.zone, due);
  const count = (from: number, to: number) => {
    let n = 0;
    for (let d = from + 1; d <= to; d++) if (c.intervals(d).length > 0) n++;
    return n;
  };
  if (due < now) return -Math.max(1, count(dueDay, today));
  return count(today, dueDay);
}

/**
 * Where the calendar stands at an instant: open or closed, and the next two changes as instants. Open:
 * it pauses at `pausesAt` and resumes at `resumesAt`. Closed: it resumes at `resumesAt` and then pauses
 * at `pausesAt`. Open intervals that touch (a shift to midnight, the next from midnight) count as one.
 */
export function businessWindow(calendar: BusinessCalendar, at: number): { open: boolean; pausesAt: number; resumesAt: number } {
  const intervals = openIntervalsFrom(compile(calendar), at);
  const first = intervals.next();
  if (first.done) throw neverOpen();
  const [start, end] = first.value;
  if (start > at) return { open: false, resumesAt: start, pausesAt: end };
  const next = intervals.next();
  // Open around the clock as far as it was searched: it never pauses.
  if (next.done) return { open: true, pausesAt: end, resumesAt: end };
  return { open: true, pausesAt: end, resumesAt: next.value[0] };
}

/**
 * The closures (times the calendar is closed) between `from` and `to`, in order, the first one cut at
 * `from`, at most `limit`: what a countdown needs to show "paused until 09:00" without asking again.
 */
export function closuresBetween(calendar: BusinessCalendar, from: number, to: number, limit = 64): Closure[] {
  const out: Closure[] = [];
  let previousEnd = from;
  for (const [start, end] of openIntervalsFrom(compile(calendar), from)) {
    if (start > from && previousEnd < to) out.push({ from: Math.max(previousEnd, from), until: start });
    previousEnd = end;
    if (start >= to || end >= to || out.length >= limit) break;
  }
  return out;
}

/** Merged open intervals [start, end] whose end is after `at`, in order, searched at most MAX_DAYS_SEARCHED days ahead. */
function* openIntervalsFrom(c: CompiledCalendar, at: number): Generator<[number, number]> {
  let pending: [number, number] | null = null;
  const first = localDayOf(c.zone, at);
  for (let day = first; day < first + MAX_DAYS_SEARCHED; day++) {
    const iv = c.intervals(day);
    for (let k = 0; k < iv.length; k += 2) {
      const start = iv[k]!;
      const end = iv[k + 1]!;
      if (end <= at) continue;
      if (pending && pending[1] === start) pending[1] = end;
      else {
        if (pending) yield pending;
        pending = [start, end];
      }
    }
  }
  if (pending) yield pending;
}

/** The deadline `days` calendar days after `from`: the end (local midnight) of the last day counted. */
export function addCalendarDays(calendar: Pick<BusinessCalendar, 'zone'>, from: number, days: number): number {
  const day = localDayOf(calendar.zone, from);
  return instantOfLocal(calendar.zone, (day + Math.max(0, days) + 1) * DAY_MS);
}

/** An instant as the zone's wall clock reads it: "2026-03-27 17:00". */
export function localWallTime(zone: string, at: number): string {
  return new Date(at + zoneOffset(zone, at)).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The instant of "YYYY-MM-DDTHH:MM" read on the zone's wall clock; a time with its own offset or Z
 * ("2026-03-16T09:00+07:00") is that instant. Null when it is not a time.
 */
export function instantOfWallTime(zone: string, text: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2})?)?$/.exec(text.trim());
  if (!m) {
    const explicit = /(Z|[+-]\d{2}:?\d{2})$/.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN;
    return Number.isFinite(explicit) ? explicit : null;
  }
  const day = dayNumberOf(m[1]!);
  const minutes = m[2] === undefined ? 0 : minutesOf(m[2]);
  if (day === null || minutes === null || minutes >= 24 * 60) return null;
  return instantOfLocal(zone, day * DAY_MS + minutes * MINUTE_MS);
}
