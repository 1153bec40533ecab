import type { Kysely } from 'kysely';
import { SLA_CLOCKS, type Availability, type PresenceState, type SlaClock } from '../../api/enums.js';
import { slaState } from '../../api/sla-state.js';
import type { DeskCount, DeskSnapshot } from '../../api/types.js';
import {
  activeIncidents,
  complaintsDueBy,
  csatSince,
  currentPresence,
  deskAgents,
  loads,
  oldestWaiting,
  perBucket,
  queueGroups,
  refundsWaiting,
  repliesSince,
  resolutionsSince,
  responsesSince,
  firstResponseRanks,
  runningClocks,
  type QueueGroup,
} from '../store/desk.js';
import type { Database } from '../store/tables.js';
import { dayStart } from './day-start.js';

const HOUR = 3_600_000;
export const BUCKET_MINUTES = 15;
const BUCKET_MS = BUCKET_MINUTES * 60_000;
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

function countsBy(groups: QueueGroup[], key: (g: QueueGroup) => string): DeskCount[] {
  const counts = new Map<string, number>();
  for (const g of groups) counts.set(key(g), (counts.get(key(g)) ?? 0) + g.n);
  return [...counts].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** The whole board at `now`: every figure read fresh, none cached, so two instances always agree. */
export async function deskSnapshot(db: Kysely<Database>, now: number, timeZone: string): Promise<DeskSnapshot> {
  const since = dayStart(now, timeZone);
  const volumeFrom = (Math.floor(now / BUCKET_MS) - (BUCKETS - 1)) * BUCKET_MS;
  const volumeTo = volumeFrom + BUCKETS * BUCKET_MS;
  const [agents, load, presence, replies, groups, oldest, clocks, responses, firstResponse, resolutions, incoming, resolvedBuckets, complaints, refunds, csat, incidents] = await Promise.all([
    deskAgents(db),
    loads(db),
    currentPresence(db, now),
    repliesSince(db, now - HOUR),
    queueGroups(db),
    oldestWaiting(db),
    runningClocks(db, now, since),
    responsesSince(db, since),
    firstResponseRanks(db, since, [50, 90]),
    resolutionsSince(db, since),
    perBucket(db, 'conversations', volumeFrom, volumeTo, BUCKET_MS),
    perBucket(db, 'desk_resolutions', volumeFrom, volumeTo, BUCKET_MS),
    complaintsDueBy(db, now + COMPLAINT_NEAR_MS, COMPLAINTS_LISTED),
    refundsWaiting(db),
    csatSince(db, since),
    activeIncidents(db),
  ]);

  const running = Object.fromEntries(SLA_CLOCKS.map((c) => [c, { atRisk: 0, breached: 0 }])) as Record<SlaClock, { atRisk: number; breached: number }>;
  const missedRunning = Object.fromEntries(SLA_CLOCKS.map((c) => [c, 0])) as Record<SlaClock, number>;
  for (const c of clocks) {
    running[c.clock].breached += c.breached;
    missedRunning[c.clock] += c.breachedSince;
    for (const candidate of c.candidates) {
      const state = slaState({ dueAt: iso(candidate.due), clockStartedAt: candidate.started === null ? null : iso(candidate.started) }, now);
      if (state === 'warning') running[c.clock].atRisk++;
    }
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
      waiting: groups.reduce((sum, g) => sum + g.n, 0),
      byTeam: countsBy(groups, (g) => g.team ?? '(no team)'),
      byPriority: countsBy(groups, (g) => g.priority),
      byChannel: countsBy(groups, (g) => g.channel),
      byCategory: countsBy(groups, (g) => g.category),
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
      incoming: Array.from({ length: BUCKETS }, (_, i) => incoming.get(i) ?? 0),
      resolved: Array.from({ length: BUCKETS }, (_, i) => resolvedBuckets.get(i) ?? 0),
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
