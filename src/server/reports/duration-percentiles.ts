import type { BucketSteps } from '../store/migrations/021-report-counters.js';

/*
 * Exact nearest-rank percentiles of durations (whole seconds) from the histograms of migration 021:
 * how many durations each bucket holds over the range locates the rank's bucket, and that bucket's
 * counts per second give the value. A 90-day range reads one row per day and bucket, then the rows of
 * one bucket, instead of one per distinct second (a live desk's durations spread over thousands).
 */

/** The bucket a duration falls in: the SQL of migration 021 (bucketSql), in JavaScript. */
export function bucketOf(steps: BucketSteps, seconds: number): number {
  let step = steps[0]![1];
  for (const [from, width] of steps) {
    if (seconds < from) break;
    step = width;
  }
  return seconds - (seconds % step);
}

/** The value at `rank` (1-based) of (value, count) pairs, in any order. */
export function valueAtRank(pairs: readonly (readonly [number, number])[], rank: number): number | null {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  let seen = 0;
  for (const [value, count] of sorted) {
    seen += count;
    if (seen >= rank) return value;
  }
  return sorted.at(-1)?.[0] ?? null;
}

/** Counts per bucket, and the counts per second of whatever bucket the percentiles need. */
export interface Histogram {
  buckets: Map<number, number>;
  seconds(bucket: number): Promise<[number, number][]>;
}

export function addTo(buckets: Map<number, number>, bucket: number, n: number): void {
  buckets.set(bucket, (buckets.get(bucket) ?? 0) + n);
}

/**
 * Where each percentile's rank falls: its bucket and its rank within that bucket. Nearest rank: the
 * value at rank ⌈p/100 × n⌉ (as percentile() in report-time.ts).
 */
export function locate(buckets: Map<number, number>, ps: readonly number[]): ({ bucket: number; rank: number } | null)[] {
  const sorted = [...buckets].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  return ps.map((p) => {
    if (total === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * total));
    let seen = 0;
    for (const [bucket, n] of sorted) {
      if (seen + n >= rank) return { bucket, rank: rank - seen };
      seen += n;
    }
    return null;
  });
}

/** The percentiles (whole seconds; null without durations), each bucket's seconds read once. */
export async function percentiles(histogram: Histogram, ps: readonly number[]): Promise<(number | null)[]> {
  const read = new Map<number, [number, number][]>();
  const out: (number | null)[] = [];
  for (const at of locate(histogram.buckets, ps)) {
    if (at === null) {
      out.push(null);
      continue;
    }
    let pairs = read.get(at.bucket);
    if (!pairs) {
      pairs = await histogram.seconds(at.bucket);
      read.set(at.bucket, pairs);
    }
    out.push(valueAtRank(pairs, at.rank));
  }
  return out;
}
