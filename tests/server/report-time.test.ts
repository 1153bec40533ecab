import { describe, expect, it } from 'vitest';
import { bucketsOf, percentile, percentileOfCounts, reportRange, startOfLocalDay } from '../../src/server/reports/report-time.js';

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
    for (const p of [10, 34, 50, 51, 90, 100]) expect(percentileOfCounts(pairs, p)).toBe(percentile(flat, p));
    expect(percentileOfCounts([], 50)).toBeNull();
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
});
