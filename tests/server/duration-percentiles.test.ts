import { describe, expect, it } from 'vitest';
import { addTo, bucketOf, percentiles } from '../../src/server/reports/duration-percentiles.js';
import { percentile } from '../../src/server/reports/report-time.js';
import { AGENT_BUCKETS, CLOCK_BUCKETS } from '../../src/server/store/migrations/021-report-counters.js';

/** A small deterministic generator, so that a failure names its case. */
function lcg(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

describe('exact percentiles from duration buckets', () => {
  it('puts a duration in its bucket as the migration’s SQL does: a bucket starts at s − s mod its width', () => {
    const clock: [number, number][] = [[0, 0], [4, 0], [5, 5], [119, 115], [120, 120], [139, 120], [599, 580], [600, 600], [1799, 1740], [1800, 1800], [3599, 3480], [3600, 3600], [14399, 13800], [14400, 14400], [86399, 84600], [86400, 86400], [604799, 583200], [604800, 604800], [700000, 691200]];
    for (const [seconds, bucket] of clock) expect(bucketOf(CLOCK_BUCKETS, seconds), String(seconds)).toBe(bucket);
    const agent: [number, number][] = [[14, 0], [59, 45], [60, 60], [299, 240], [300, 300], [3599, 3300], [3600, 3600], [14399, 12600], [14400, 14400], [86399, 79200], [90000, 86400]];
    for (const [seconds, bucket] of agent) expect(bucketOf(AGENT_BUCKETS, seconds), String(seconds)).toBe(bucket);
  });

  it('equal the nearest rank over every value, for spread, clustered and tied durations', async () => {
    const random = lcg(7);
    const cases: Record<string, number[]> = {
      'spread over an hour': Array.from({ length: 5000 }, () => Math.floor(random() * 3600)),
      'whole minutes': Array.from({ length: 3000 }, () => 60 * Math.floor(random() * 60)),
      'one value': Array.from({ length: 100 }, () => 1800),
      'long tail': Array.from({ length: 4000 }, () => Math.floor(Math.exp(random() * 13))),
      'on bucket edges': [119, 120, 599, 600, 600, 1799, 1800, 3599, 3600],
      one: [42],
    };
    for (const [name, values] of Object.entries(cases)) {
      const sorted = [...values].sort((a, b) => a - b);
      for (const steps of [CLOCK_BUCKETS, AGENT_BUCKETS]) {
        const buckets = new Map<number, number>();
        const perSecond = new Map<number, number>();
        for (const v of values) {
          addTo(buckets, bucketOf(steps, v), 1);
          perSecond.set(v, (perSecond.get(v) ?? 0) + 1);
        }
        const read: number[] = [];
        const histogram = {
          buckets,
          seconds: async (bucket: number) => {
            read.push(bucket);
            return [...perSecond].filter(([s]) => bucketOf(steps, s) === bucket);
          },
        };
        const ps = [1, 10, 50, 90, 95, 99, 100];
        expect(await percentiles(histogram, ps), name).toEqual(ps.map((p) => percentile(sorted, p)));
        // Each bucket's seconds are read once, however many percentiles fall in it.
        expect(new Set(read).size, name).toBe(read.length);
      }
    }
    expect(await percentiles({ buckets: new Map(), seconds: async () => [] }, [50, 90])).toEqual([null, null]);
  });
});
