import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ReportQuery } from '../../api/types.js';
import { ProblemError } from '../domain/errors.js';
import type { Engine } from '../store/engine.js';
import '../store/report-counter-tables.js';
import '../store/survey-tables.js';
import type { Database } from '../store/tables.js';
import { listTeams } from '../store/teams.js';
import { iso } from '../store/time.js';
import { bucketsOf, reportRange, SLOT_MS, type Buckets, type ReportRange } from './report-time.js';

/** What every report reads: the range in its zone, its buckets, the team and its members. */
export interface ReportScope {
  db: Kysely<Database>;
  /** Where a query's best shape differs (one query per agent in-process on SQLite, one round trip on PostgreSQL). */
  engine: Engine;
  range: ReportRange;
  buckets: Buckets;
  team: string | null;
  /** Members of the team (every agent without one). */
  teamMembers: string[] | null;
}

export async function reportScope(db: Kysely<Database>, engine: Engine, query: ReportQuery, now: number): Promise<ReportScope> {
  const range = reportRange(query, now);
  let teamMembers: string[] | null = null;
  if (query.team !== undefined) {
    const team = (await listTeams(db)).find((t) => t.name === query.team);
    if (!team) throw new ProblemError('unknown_team', `there is no team "${query.team}" (no agent is in it); support agent list shows the teams`, { status: 422 });
    teamMembers = team.members.map((m) => m.id);
  }
  return { db, engine, range, buckets: bucketsOf(range), team: query.team ?? null, teamMembers };
}

export function rangeInfo(scope: ReportScope) {
  const { range } = scope;
  return { from: range.from, to: range.to, timeZone: range.timeZone, by: range.grain, team: scope.team, start: iso(range.start), end: iso(range.end) };
}

/** The 15-minute UTC slot of a time column, computed by the database (integer division on both engines). */
export const slotOf = (column: string): RawBuilder<number> => sql<number>`${sql.ref(column)} / ${sql.raw(String(SLOT_MS))}`;

/** Adds per-slot counts into a per-bucket array. */
export function intoBuckets(scope: ReportScope, rows: { slot: number | string; n: number | string }[]): number[] {
  const out = new Array<number>(scope.buckets.labels.length).fill(0);
  for (const row of rows) {
    const b = scope.buckets.bucketOfSlot(Number(row.slot));
    if (b >= 0) out[b]! += Number(row.n);
  }
  return out;
}

export const seriesBase = (scope: ReportScope, i: number) => ({ bucket: scope.buckets.labels[i]!, start: iso(scope.buckets.starts[i]!) });

/** A mean with two decimals; null with nothing to average. */
/** A count or sum as the database returns it (a string for PostgreSQL's bigint and numeric, null for an empty sum). */
export const num = (v: number | string | null | undefined): number => Number(v ?? 0);

export const mean = (total: number, n: number): number | null => (n === 0 ? null : Math.round((total / n) * 100) / 100);
