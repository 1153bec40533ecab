import { addBusinessTime, addWorkingDays, type BusinessCalendar } from '../../src/api/business-time.js';
import { parseHoursSpec } from '../../src/api/calendar-rules.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR_START = Date.parse('2026-01-01T00:00:00+07:00');

/** A year of a Jakarta desk: split shifts on weekdays, Saturday mornings, 30 holidays (some of them weeks). */
export function benchCalendar(): BusinessCalendar {
  const holidays = Array.from({ length: 30 }, (_, i) => {
    const from = new Date(YEAR_START + (i * 12 + 3) * DAY + 7 * HOUR).toISOString().slice(0, 10);
    const to = new Date(YEAR_START + (i * 12 + 3 + (i % 5 === 0 ? 6 : 0)) * DAY + 7 * HOUR).toISOString().slice(0, 10);
    return { from, to, name: `Holiday ${i + 1}` };
  });
  return { zone: 'Asia/Jakarta', hours: [...parseHoursSpec('mon-fri 08:00-12:00,13:00-17:00'), ...parseHoursSpec('sat 09:00-12:00')], holidays };
}

export interface CalendarBenchResult {
  calls: number;
  /** Median over batches of the time per call, the calendar's days already computed (the server keeps each version's). */
  warmUsPerCall: number;
  /** The same with a calendar object seen for the first time every call (its days computed from scratch). */
  coldUsPerCall: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Due times as the server computes them: a mix of business-hour targets (5 min to 200 h, weeks of
 * calendar) and working-day deadlines (1 to 20), from instants spread over the year.
 */
export function calendarBench(batches = 40, perBatch = 1000): CalendarBenchResult {
  const shared = benchCalendar();
  let seed = 7;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const call = (calendar: BusinessCalendar, i: number) => {
    const from = YEAR_START + Math.floor(random() * 330 * DAY);
    return i % 2 === 0 ? addBusinessTime(calendar, from, [5 * 60_000, 2 * HOUR, 8 * HOUR, 40 * HOUR, 200 * HOUR][i % 5]!) : addWorkingDays(calendar, from, 1 + (i % 20));
  };
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += call(shared, i);
  const time = (calendarFor: () => BusinessCalendar) => {
    const perCall: number[] = [];
    for (let b = 0; b < batches; b++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < perBatch; i++) sink += call(calendarFor(), i);
      perCall.push(Number(process.hrtime.bigint() - t0) / 1000 / perBatch);
    }
    return Math.round(median(perCall) * 100) / 100;
  };
  const warmUsPerCall = time(() => shared);
  const coldUsPerCall = time(() => ({ ...shared }));
  if (sink === 0) throw new Error('unreachable: keeps the calls from being optimised away');
  return { calls: batches * perBatch * 2, warmUsPerCall, coldUsPerCall };
}
