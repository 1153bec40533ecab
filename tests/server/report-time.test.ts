import { describe, expect, it } from 'vitest';
import { valueAtRank } from '../../src/server/reports/duration-percentiles.js';
import { bucketsOf, percentile, rangeParts, reportRange, startOfLocalDay } from '../../src/server/reports/report-time.js';

describe('report time buckets and percentiles', () => {
  it('takes the nearest rank ⌈p·n⌉, never interpolating or rounding down', () => {
    const six = [10, 20, 30, 40, 50, 60];
    expect(percentile(six, 90)).toBe(60);
    expect(percentile(six, 50)).toBe(30);
    expect(percentile(six, 10)).toBe(10);
    expect(percentile([], 50)).toBeNull();
    // The same over (value, count) pairs, as the database groups them, in any order.
    const pairs = [[30, 1], [10, 2], [60, 3]] as const;
    const flat = [10, 10, 30, 60, 60, 60];
    for (const p of [10, 34, 50, 51, 90, 100]) expect(valueAtRank(pairs, Math.max(1, Math.ceil((p / 100) * flat.length)))).toBe(percentile(flat, p));
    expect(valueAtRank([], 1)).toBeNull();
  });

  it('starts local days at local midnight, across DST changes and 45-minute zones', () => {
    expect(new Date(startOfLocalDay('2020-03-08', 'America/New_York')).toISOString()).toBe('2020-03-08T05:00:00.000Z');
    expect(new Date(startOfLocalDay('2020-03-09', 'America/New_York')).toISOString()).toBe('2020-03-09T04:00:00.000Z');
    expect(new Date(startOfLocalDay('2020-03-02', 'Asia/Kathmandu')).toISOString()).toBe('2020-03-01T18:15:00.000Z');
  });

  it('lists every local hour of a range, 23 on the day clocks go forward and 25 when they go back', () => {
    const spring = bucketsOf(reportRange({ from: '2020-03-08', to: '2020-03-08', tz: 'America/New_York', by: 'hour' }, 0));
    expect(spring.labels).toHaveLength(23);
    expect(spring.labels).not.toContain('2020-03-08T02:00');
    const autumn = bucketsOf(reportRange({ from: '2020-11-01', to: '2020-11-01', tz: 'America/New_York', by: 'hour' }, 0));
    expect(autumn.labels).toHaveLength(24);
    expect(autumn.starts).toHaveLength(24);
    // The repeated 01:00 is one bucket of two hours.
    const one = autumn.labels.indexOf('2020-11-01T01:00');
    expect(autumn.starts[one + 1]! - autumn.starts[one]!).toBe(2 * 3_600_000);
    const kathmandu = bucketsOf(reportRange({ from: '2020-03-02', to: '2020-03-02', tz: 'Asia/Kathmandu', by: 'day' }, 0));
    expect(kathmandu.labels).toEqual(['2020-03-02']);
    expect(kathmandu.bucketOfSlot(Date.parse('2020-03-01T18:15:00Z') / 900_000)).toBe(0);
    expect(kathmandu.bucketOfSlot(Date.parse('2020-03-01T18:00:00Z') / 900_000)).toBe(-1);
  });

  it('cuts a range at whole slots and UTC days: counters for those, raw rows for what is left at either end', () => {
    const at = (iso: string) => Date.parse(iso);
    const DAY = 86_400_000;
    const SLOT = 900_000;
    // Three local days in Kathmandu (+5:45): slot-aligned, two partial UTC days at the ends.
    const k = reportRange({ from: '2020-03-02', to: '2020-03-04', tz: 'Asia/Kathmandu' }, 0);
    expect(rangeParts(k.start, k.end, SLOT)).toEqual({ whole: { from: k.start / SLOT, to: k.end / SLOT }, edges: [] });
    expect(rangeParts(k.start, k.end, DAY)).toEqual({
      whole: { from: at('2020-03-02T00:00:00Z') / DAY, to: at('2020-03-04T00:00:00Z') / DAY },
      edges: [
        { start: at('2020-03-01T18:15:00Z'), end: at('2020-03-02T00:00:00Z') },
        { start: at('2020-03-04T00:00:00Z'), end: at('2020-03-04T18:15:00Z') },
      ],
    });
    // UTC: whole days, nothing left over.
    const utc = reportRange({ from: '2020-03-02', to: '2020-03-02' }, 0);
    expect(rangeParts(utc.start, utc.end, DAY)).toEqual({ whole: { from: utc.start / DAY, to: utc.start / DAY + 1 }, edges: [] });
    // One local day in New York holds no whole UTC day: all of it from the raw rows.
    const ny = reportRange({ from: '2020-03-02', to: '2020-03-02', tz: 'America/New_York' }, 0);
    expect(rangeParts(ny.start, ny.end, DAY)).toEqual({ whole: null, edges: [{ start: ny.start, end: ny.end }] });
    // An instant off the slot grid (a zone's old local mean time) leaves a part of a slot at the ends.
    expect(rangeParts(1_000, 3 * SLOT + 5, SLOT)).toEqual({ whole: { from: 1, to: 3 }, edges: [{ start: 1_000, end: SLOT }, { start: 3 * SLOT, end: 3 * SLOT + 5 }] });
  });
});
