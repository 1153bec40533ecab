import { ProblemError } from './errors.js';

/**
 * One formatter per zone name, kept: building one costs a third of a millisecond and the board asks
 * on every fetch (an unknown name throws and is not kept).
 */
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * Midnight of the day `now` falls in, in an IANA time zone, as epoch ms. The zone's offset is read at
 * `now` and read again at the midnight found, so that a change of offset (summer time) during the day
 * still lands on the local midnight.
 */
export function dayStart(now: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      throw new ProblemError('validation_failed', `unknown time zone "${timeZone}"; use an IANA name such as Asia/Jakarta or UTC`, {
        errors: [{ field: 'tz', message: 'unknown time zone' }],
      });
    }
    // Names are matched without regard to case, so the spellings of one zone are many: kept within bounds.
    if (formats.size >= 1000) formats.clear();
    formats.set(timeZone, format);
  }
  const zone = format;
  const local = (t: number) => {
    const parts = Object.fromEntries(zone.formatToParts(new Date(t)).map((p) => [p.type, Number(p.value)]));
    return { y: parts['year']!, m: parts['month']!, d: parts['day']!, wall: Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!) };
  };
  const today = local(now);
  const offset = today.wall - Math.floor(now / 1000) * 1000;
  const midnightWall = Date.UTC(today.y, today.m - 1, today.d);
  let start = midnightWall - offset;
  const check = local(start);
  const offsetThen = check.wall - Math.floor(start / 1000) * 1000;
  if (offsetThen !== offset) start = midnightWall - offsetThen;
  return start;
}
