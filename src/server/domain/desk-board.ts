import type { Kysely } from 'kysely';
import { SLA_CLOCKS, type Availability, type PresenceState, type SlaClock } from '../../api/enums.js';
import type { DeskCount, DeskSnapshot } from '../../api/types.js';
import { countsSince, onSlot, slotsBetween, SLOT_MS, waitingCounts, type QueueDimension, type SinceCounts } from '../store/desk-counts.js';
import {
  activeIncidents,
  complaintsDueBy,
  csatSince,
  currentPresence,
  deskAgents,
  firstResponseRanks,
  loads,
  oldestWaiting,
  perBucket,
  refundsWaiting,
  repliesSince,
  resolutionsSince,
  responsesSince,
  runningClocks,
} from '../store/desk.js';
import type { Engine } from '../store/engine.js';
import type { Database } from '../store/tables.js';
import { dayStart } from './day-start.js';

const HOUR = 3_600_000;
/** The chart's buckets are the counters' 15-minute slots. */
const BUCKET_MS = SLOT_MS;
export const BUCKET_MINUTES = BUCKET_MS / 60_000;
/** 12 hours of 15 minutes, the last bucket being the current one. */
export const BUCKETS = 48;
/** A complaint is near its deadline within this much of its reply-by time (or past it). */
export const COMPLAINT_NEAR_MS = 24 * HOUR;
const COMPLAINTS_LISTED = 10;

const iso = (t: number) => new Date(t).toISOString();

/** part ÷ whole as a percentage with one decimal, or null when there is nothing to divide. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}

/** One dimension of the waiting queue, most first (ties by name); no team shows as "(no team)". */
function countsBy(rows: { dimension: QueueDimension; key: string | null; n: number }[], dimension: QueueDimension): DeskCount[] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    if (r.dimension !== dimension) continue;
    const key = r.key ?? '(no team)';
    counts.set(key, (counts.get(key) ?? 0) + r.n);
  }
  return [...counts].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/**
 * Today's counts from the counters when the day starts on a 15-minute slot (every time zone's midnight
 * does today), otherwise from the rows (a zone's local mean time of a century ago).
 */
async function countsFrom(db: Kysely<Database>, since: number): Promise<SinceCounts> {
  if (onSlot(since)) return countsSince(db, since);
  const [responses, resolutions, csat] = await Promise.all([responsesSince(db, since), resolutionsSince(db, since), csatSince(db, since)]);
  return { responses, resolutions, csat };
}

async function volumePerBucket(db: Kysely<Database>, from: number, to: number): Promise<{ incoming: Map<number, number>; resolved: Map<number, number> }> {
  if (onSlot(from)) return slotsBetween(db, from, to);
  const [incoming, resolved] = await Promise.all([perBucket(db, 'conversations', from, to, BUCKET_MS), perBucket(db, 'desk_resolutions', from, to, BUCKET_MS)]);
  return { incoming, resolved };
}

/** The whole board at `now`: every figure read fresh, none cached, so two instances always agree. */
export async function deskSnapshot(db: Kysely<Database>, engine: Engine, now: number, timeZone: string): Promise<DeskSnapshot> {
  const since = dayStart(now, timeZone);
  const volumeFrom = (Math.floor(now / BUCKET_MS) - (BUCKETS - 1)) * BUCKET_MS;
  const volumeTo = volumeFrom + BUCKETS * BUCKET_MS;
  const [agents, load, presence, replies, groups, oldest, clocks, counts, firstResponse, volume, complaints, refunds, incidents] = await Promise.all([
    deskAgents(db),
    loads(db),
    currentPresence(db, now),
    repliesSince(db, now - HOUR),
    waitingCounts(db),
    oldestWaiting(db, engine),
    runningClocks(db, engine, now, since),
    countsFrom(db, since),
    firstResponseRanks(db, engine, since, [50, 90]),
    volumePerBucket(db, volumeFrom, volumeTo),
    complaintsDueBy(db, now + COMPLAINT_NEAR_MS, COMPLAINTS_LISTED),
    refundsWaiting(db),
    activeIncidents(db),
  ]);
  const { responses, resolutions, csat } = counts;

  const running = Object.fromEntries(SLA_CLOCKS.map((c) => [c, { atRisk: 0, breached: 0 }])) as Record<SlaClock, { atRisk: number; breached: number }>;
  const missedRunning = Object.fromEntries(SLA_CLOCKS.map((c) => [c, 0])) as Record<SlaClock, number>;
  for (const c of clocks) {
    running[c.clock].breached += c.breached;
    running[c.clock].atRisk += c.atRisk;
    missedRunning[c.clock] += c.breachedSince;
  }

  const stopped = Object.fromEntries(SLA_CLOCKS.map((c) => [c, { met: 0, missed: 0 }])) as Record<SlaClock, { met: number; missed: number }>;
  for (const r of responses) {
    const clock = r.clock as SlaClock;
    if (!stopped[clock]) continue;
    stopped[clock].met += r.met;
    stopped[clock].missed += r.late;
  }
  stopped.resolution.met += resolutions.timed - resolutions.late;
  stopped.resolution.missed += resolutions.late;
  const today = Object.fromEntries(
    SLA_CLOCKS.map((c) => {
      const met = stopped[c].met;
      const missed = stopped[c].missed + missedRunning[c];
      return [c, { met, missed, attainedPercent: percent(met, met + missed) }];
    }),
  ) as DeskSnapshot['today']['sla'];

  return {
    at: iso(now),
    agents: agents.map((a) => {
      const current = presence.get(a.id);
      return {
        id: a.id,
        name: a.name,
        role: a.role,
        availability: a.availability as Availability,
        availabilitySince: a.availability_since === null ? null : iso(Number(a.availability_since)),
        load: load.get(a.id) ?? 0,
        capacity: a.capacity,
        current: current ? { conversationId: current.conversationId, state: current.state as PresenceState } : null,
        repliesLastHour: replies.get(a.id) ?? 0,
      };
    }),
    queue: {
      // Each waiting conversation has one priority: their sum is the queue.
      waiting: groups.filter((g) => g.dimension === 'priority').reduce((sum, g) => sum + g.n, 0),
      byTeam: countsBy(groups, 'team'),
      byPriority: countsBy(groups, 'priority'),
      byChannel: countsBy(groups, 'channel'),
      byCategory: countsBy(groups, 'category'),
      oldestWaiting: oldest ? { conversationId: oldest.id, since: iso(Number(oldest.created_at)) } : null,
    },
    sla: running,
    today: {
      since: iso(since),
      timeZone,
      sla: today,
      firstResponse: { count: firstResponse.count, medianMs: firstResponse.values[0] ?? null, p90Ms: firstResponse.values[1] ?? null },
      resolved: resolutions.resolved,
      reopened: resolutions.reopened,
      reopenRatePercent: percent(resolutions.reopened, resolutions.resolved),
      csat: {
        answered: csat.answered,
        average: csat.answered === 0 ? null : Math.round((csat.sum / csat.answered) * 100) / 100,
        satisfiedPercent: percent(csat.satisfied, csat.answered),
      },
    },
    volume: {
      from: iso(volumeFrom),
      bucketMinutes: BUCKET_MINUTES,
      incoming: Array.from({ length: BUCKETS }, (_, i) => volume.incoming.get(i) ?? 0),
      resolved: Array.from({ length: BUCKETS }, (_, i) => volume.resolved.get(i) ?? 0),
    },
    complaints: {
      nearDeadline: complaints.count,
      first: complaints.first.map((c) => ({ number: c.number, conversationId: c.conversation_id, replyBy: iso(Number(c.reply_by_at)), status: c.status })),
    },
    refunds: {
      waiting: refunds.reduce((sum, r) => sum + r.count, 0),
      oldest: refunds.length ? iso(Math.min(...refunds.map((r) => r.oldest))) : null,
      totals: refunds.map((r) => ({ currency: r.currency as DeskSnapshot['refunds']['totals'][number]['currency'], count: r.count, amount: r.amount })),
    },
    incidents: incidents.map((i) => ({
      id: i.id,
      title: i.title,
      startedAt: iso(i.startedAt),
      expectedEndAt: i.expectedEndAt === null ? null : iso(i.expectedEndAt),
      linkedCount: i.linked,
      openLinkedCount: i.open,
    })),
  };
}
