import type { ConversationStatus, Priority, SlaClock as SlaClockName } from '../../api/enums.js';
import { NO_DUE_TIME } from '../store/tables.js';

export interface SlaTargets {
  firstResponseMs: number;
  nextResponseMs: number;
  resolutionMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The demo's service levels, and the first content of the sla_policies table; admins change them there. */
export const DEFAULT_SLA: Record<Priority, SlaTargets> = {
  urgent: { firstResponseMs: 5 * MINUTE, nextResponseMs: 10 * MINUTE, resolutionMs: 4 * HOUR },
  high: { firstResponseMs: 30 * MINUTE, nextResponseMs: HOUR, resolutionMs: 8 * HOUR },
  normal: { firstResponseMs: 2 * HOUR, nextResponseMs: 4 * HOUR, resolutionMs: 24 * HOUR },
  low: { firstResponseMs: 8 * HOUR, nextResponseMs: 12 * HOUR, resolutionMs: 72 * HOUR },
};

export interface SlaClock {
  status: string;
  first_response_due_at: number | null;
  next_response_due_at: number | null;
  resolution_due_at: number | null;
}

/** The response clocks run only while an agent owes the customer an answer. */
export const responseClocksRun = (status: string): boolean => status === 'open';
/** The resolution clock also runs while the desk waits on the customer; sleeping and done pause it. */
export const resolutionClockRuns = (status: string): boolean => status === 'open' || status === 'pending';

/**
 * The queue's sort key: the earliest response or resolution time still running. Conversations that
 * wait on the customer, sleep or are done have no running clock and sort last.
 */
export function dueAtOf(clock: SlaClock): number {
  const running: (number | null)[] = [];
  if (resolutionClockRuns(clock.status)) running.push(clock.resolution_due_at);
  if (responseClocksRun(clock.status)) running.push(clock.first_response_due_at, clock.next_response_due_at);
  const times = running.filter((t): t is number => t !== null);
  return times.length ? Math.min(...times) : NO_DUE_TIME;
}

/** Every SLA column of a conversation. */
export interface Clocks extends SlaClock {
  first_response_started_at: number | null;
  next_response_started_at: number | null;
  resolution_started_at: number | null;
  response_paused_at: number | null;
  resolution_paused_at: number | null;
}

export interface RunningClock {
  clock: SlaClockName;
  dueAt: number;
  startedAt: number | null;
}

/** The running clocks, earliest due first (ties: first response, next response, resolution). */
export function runningClocks(c: Clocks): RunningClock[] {
  const out: RunningClock[] = [];
  if (responseClocksRun(c.status)) {
    if (c.first_response_due_at !== null) out.push({ clock: 'first_response', dueAt: c.first_response_due_at, startedAt: c.first_response_started_at });
    if (c.next_response_due_at !== null) out.push({ clock: 'next_response', dueAt: c.next_response_due_at, startedAt: c.next_response_started_at });
  }
  if (resolutionClockRuns(c.status) && c.resolution_due_at !== null) {
    out.push({ clock: 'resolution', dueAt: c.resolution_due_at, startedAt: c.resolution_started_at });
  }
  return out.sort((a, b) => a.dueAt - b.dueAt);
}

/** The clock that sets the due time, or undefined when none runs. */
export function earliestClock(c: Clocks): RunningClock | undefined {
  return runningClocks(c)[0];
}

const shift = (t: number | null, by: number) => (t === null ? null : t + by);

/**
 * The clocks after the status changes to `to`. A clock that stops running is paused (the time is
 * noted); a clock that runs again resumes where it stopped: its start and due time move forward by
 * the time it spent paused, so a customer never eats into their SLA while the desk waits on them.
 */
export function clocksForStatus(c: Clocks, to: ConversationStatus, now: number): Clocks {
  const next: Clocks = { ...c, status: to };
  const responseBefore = responseClocksRun(c.status);
  const responseAfter = responseClocksRun(to);
  if (responseBefore && !responseAfter) next.response_paused_at = now;
  if (!responseBefore && responseAfter) {
    const paused = c.response_paused_at === null ? 0 : Math.max(0, now - c.response_paused_at);
    next.first_response_due_at = shift(c.first_response_due_at, paused);
    next.first_response_started_at = shift(c.first_response_started_at, paused);
    next.next_response_due_at = shift(c.next_response_due_at, paused);
    next.next_response_started_at = shift(c.next_response_started_at, paused);
    next.response_paused_at = null;
  }
  const resolutionBefore = resolutionClockRuns(c.status);
  const resolutionAfter = resolutionClockRuns(to);
  if (resolutionBefore && !resolutionAfter) next.resolution_paused_at = now;
  if (!resolutionBefore && resolutionAfter) {
    const paused = c.resolution_paused_at === null ? 0 : Math.max(0, now - c.resolution_paused_at);
    next.resolution_due_at = shift(c.resolution_due_at, paused);
    next.resolution_started_at = shift(c.resolution_started_at, paused);
    next.resolution_paused_at = null;
  }
  return next;
}

/** A customer writes: the next-response clock starts, unless an answer is already owed (first or next). */
export function clocksForCustomerMessage(c: Clocks, now: number, targets: SlaTargets): Clocks {
  if (c.first_response_due_at !== null || c.next_response_due_at !== null) return c;
  return { ...c, next_response_started_at: now, next_response_due_at: now + targets.nextResponseMs };
}

/** An agent answers: the response clocks stop (the resolution clock runs on). */
export function clocksForReply(c: Clocks): Clocks {
  return { ...c, first_response_due_at: null, first_response_started_at: null, next_response_due_at: null, next_response_started_at: null };
}

/** New targets (the priority changed): every clock keeps its start and gets the new window. */
export function clocksForTargets(c: Clocks, targets: SlaTargets): Clocks {
  const retarget = (started: number | null, due: number | null, ms: number) => (started === null || due === null ? due : started + ms);
  return {
    ...c,
    first_response_due_at: retarget(c.first_response_started_at, c.first_response_due_at, targets.firstResponseMs),
    next_response_due_at: retarget(c.next_response_started_at, c.next_response_due_at, targets.nextResponseMs),
    resolution_due_at: retarget(c.resolution_started_at, c.resolution_due_at, targets.resolutionMs),
  };
}

/** The clocks of a conversation that opens now. */
export function clocksForNewConversation(now: number, targets: SlaTargets): Clocks {
  return {
    status: 'open',
    first_response_started_at: now,
    first_response_due_at: now + targets.firstResponseMs,
    next_response_started_at: null,
    next_response_due_at: null,
    resolution_started_at: now,
    resolution_due_at: now + targets.resolutionMs,
    response_paused_at: null,
    resolution_paused_at: null,
  };
}

/** The columns to write for these clocks, the queue's due time included. */
export function clockColumns(c: Clocks) {
  return {
    first_response_due_at: c.first_response_due_at,
    first_response_started_at: c.first_response_started_at,
    next_response_due_at: c.next_response_due_at,
    next_response_started_at: c.next_response_started_at,
    resolution_due_at: c.resolution_due_at,
    resolution_started_at: c.resolution_started_at,
    response_paused_at: c.response_paused_at,
    resolution_paused_at: c.resolution_paused_at,
    due_at: dueAtOf(c),
  };
}

/** The SLA columns of a stored conversation row. */
export function clocksOf(row: Clocks): Clocks {
  return {
    status: row.status,
    first_response_due_at: row.first_response_due_at,
    first_response_started_at: row.first_response_started_at,
    next_response_due_at: row.next_response_due_at,
    next_response_started_at: row.next_response_started_at,
    resolution_due_at: row.resolution_due_at,
    resolution_started_at: row.resolution_started_at,
    response_paused_at: row.response_paused_at,
    resolution_paused_at: row.resolution_paused_at,
  };
}
