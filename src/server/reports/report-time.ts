import { ProblemError } from '../domain/errors.js';

/** Reports read the raw tables in 15-minute UTC slots: every time zone's offset is a multiple of 15 minutes. */
export const SLOT_MS = 15 * 60 * 1000;
export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The longest range a report covers. */
export const MAX_RANGE_DAYS = 366;

export const REPORT_GRAINS = ['hour', 'day', 'week'] as const;
export type ReportGrain = (typeof REPORT_GRAINS)[number];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
}

export function localTime(at: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) parts[p.type] = p.value;
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']),
    minute: Number(parts['minute']),
    weekday: WEEKDAYS.indexOf(parts['weekday'] ?? ''),
  };
}

/** Milliseconds the zone is ahead of UTC at that instant. */
function offsetAt(at: number, timeZone: string): number {
  const t = localTime(at, timeZone);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) - Math.floor(at / 60_000) * 60_000;
}

/** The instant a local calendar day starts in the zone (midnight, or the first minute after a DST gap). */
export function startOfLocalDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d);
  let at = naive - offsetAt(naive, timeZone);
  // Once more with the offset at the guess: right across a DST change.
  at = naive - offsetAt(at, timeZone);
  return at;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (t: Pick<LocalTime, 'year' | 'month' | 'day'>) => `${t.year}-${pad(t.month)}-${pad(t.day)}`;

/** The local calendar date of an instant (YYYY-MM-DD). */
export const localDate = (at: number, timeZone: string) => dateOf(localTime(at, timeZone));

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The label of the bucket an instant falls in: its local hour, day, or the Monday of its week. */
export function bucketLabel(t: LocalTime, grain: ReportGrain): string {
  if (grain === 'hour') return `${dateOf(t)}T${pad(t.hour)}:00`;
  if (grain === 'day') return dateOf(t);
  return addDays(dateOf(t), -t.weekday);
}

export interface ReportRange {
  from: string;
  to: string;
  timeZone: string;
  grain: ReportGrain;
  /** First instant of `from`, and the first instant after `to`, in the zone. */
  start: number;
  end: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string, field: string): string {
  const parsed = DATE.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw new ProblemError('validation_failed', `${field} must be a calendar date such as 2026-11-23`, { errors: [{ field, message: 'is not a date' }] });
  }
  return value;
}

/**
 * The local days from `from` to `to` (both included) in the zone. Defaults: the last 7 days up to
 * today. An inverted range, one longer than a year, or an unknown zone is a 400 with the reason.
 */
export function reportRange(input: { from?: string | undefined; to?: string | undefined; tz?: string | undefined; by?: ReportGrain | undefined }, now: number): ReportRange {
  const timeZone = input.tz ?? 'UTC';
  if (!isTimeZone(timeZone)) {
    throw new ProblemError('unknown_time_zone', `time zone ${JSON.stringify(timeZone)} is not known; use an IANA name such as Asia/Jakarta or UTC`, { status: 400 });
  }
  const to = validDate(input.to ?? localDate(now, timeZone), 'to');
  const from = validDate(input.from ?? addDays(to, -6), 'from');
  if (from > to) throw new ProblemError('report_range_inverted', `from (${from}) is after to (${to}); swap them`, { status: 400 });
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
  if (days > MAX_RANGE_DAYS) throw new ProblemError('report_range_too_long', `the range covers ${days} days; a report covers at most ${MAX_RANGE_DAYS}`, { status: 400 });
  return { from, to, timeZone, grain: input.by ?? 'day', start: startOfLocalDay(from, timeZone), end: startOfLocalDay(addDays(to, 1), timeZone) };
}

export interface Buckets {
  labels: string[];
  starts: number[];
  /** Bucket index of each 15-minute slot of the range, by slot number (at / SLOT_MS). */
  bucketOfSlot(slot: number): number;
  /** Local weekday (0 Monday) and hour of each slot, for the heatmap. */
  weekdayHourOfSlot(slot: number): [number, number];
}

/**
 * Every bucket of the range, empty ones included, and where each slot falls. The zone is asked for
 * its offset at the start and end of each UTC day (a day holds at most one change, at a whole hour),
 * hour by hour only on a day where the two differ; the rest is arithmetic on local time.
 */
export function bucketsOf(range: ReportRange): Buckets {
  const firstSlot = Math.floor(range.start / SLOT_MS);
  const count = Math.ceil((range.end - range.start) / SLOT_MS);
  const slotBucket = new Int32Array(count);
  const slotCell = new Int16Array(count);
  const labels: string[] = [];
  const starts: number[] = [];
  const dates = new Map<number, string>();
  const dateOfDay = (day: number) => {
    let d = dates.get(day);
    if (d === undefined) {
      d = new Date(day * DAY_MS).toISOString().slice(0, 10);
      dates.set(day, d);
    }
    return d;
  };
  let lastKey = Number.NaN;
  let offsetDay = Number.NaN;
  let dayOffsets: { same: boolean; start: number; hourly: Map<number, number> } | undefined;
  for (let i = 0; i < count; i++) {
    const at = (firstSlot + i) * SLOT_MS;
    const utcDay = Math.floor(at / DAY_MS);
    if (utcDay !== offsetDay) {
      offsetDay = utcDay;
      const start = offsetAt(utcDay * DAY_MS, range.timeZone);
      const end = offsetAt(utcDay * DAY_MS + DAY_MS - HOUR_MS, range.timeZone);
      dayOffsets = { same: start === end, start, hourly: new Map() };
    }
    let offset = dayOffsets!.start;
    if (!dayOffsets!.same) {
      const hour = Math.floor(at / HOUR_MS);
      offset = dayOffsets!.hourly.get(hour) ?? offsetAt(hour * HOUR_MS, range.timeZone);
      dayOffsets!.hourly.set(hour, offset);
    }
    const local = at + offset;
    const day = Math.floor(local / DAY_MS);
    const hour = Math.floor((local - day * DAY_MS) / HOUR_MS);
    // 1970-01-01 was a Thursday: Monday is 0.
    const weekday = (day + 3) % 7;
    const key = range.grain === 'hour' ? day * 24 + hour : range.grain === 'day' ? day : day - weekday;
    if (key !== lastKey) {
      labels.push(range.grain === 'hour' ? `${dateOfDay(day)}T${pad(hour)}:00` : dateOfDay(range.grain === 'day' ? day : day - weekday));
      starts.push(at);
      lastKey = key;
    }
    slotBucket[i] = labels.length - 1;
    slotCell[i] = weekday * 24 + hour;
  }
  return {
    labels,
    starts,
    bucketOfSlot: (slot) => slotBucket[slot - firstSlot] ?? -1,
    weekdayHourOfSlot: (slot) => {
      const cell = slotCell[slot - firstSlot] ?? 0;
      return [Math.floor(cell / 24), cell % 24];
    },
  };
}

/** Nearest-rank percentile (p in 0–100) of ascending values: the value at rank ⌈p/100 × n⌉. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** A share in percent with one decimal; null when there is nothing to divide. */
export const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);

/** A time range cut at whole units: the units wholly inside it, and what is left at either end. */
export interface RangeParts {
  /** Unit numbers (`at / unit`), `from` included and `to` not; null when no whole unit fits. */
  whole: { from: number; to: number } | null;
  /** The instants of [start, end) outside the whole units: none, one or two ranges. */
  edges: { start: number; end: number }[];
}

/**
 * Cuts [start, end) at multiples of `unit` (15-minute slots or UTC days): the reports read counters
 * kept per unit for the whole units, and the raw rows for the edges. A range in a zone starts and ends
 * at local midnight: on a slot for every offset since 1972 (whole quarter hours), inside a UTC day
 * unless the zone is UTC.
 */
export function rangeParts(start: number, end: number, unit: number): RangeParts {
  const from = Math.ceil(start / unit);
  const to = Math.floor(end / unit);
  if (from >= to) return { whole: null, edges: start < end ? [{ start, end }] : [] };
  const edges: RangeParts['edges'] = [];
  if (from * unit > start) edges.push({ start, end: from * unit });
  if (to * unit < end) edges.push({ start: to * unit, end });
  return { whole: { from, to }, edges };
}
