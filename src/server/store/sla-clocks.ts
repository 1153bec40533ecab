import type { Priority, SlaClock as SlaClockName } from '../../api/enums.js';
import { NO_DUE_TIME } from './tables.js';

/**
 * What the stored SLA columns say: the service levels a table starts with, which clocks run, when a
 * conversation is due. The store sorts and pages by these; the domain moves the clocks (domain/sla.ts).
 */

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
  /** The incident holding the response clocks (issue 17); absent or null: none. */
  response_held_by?: number | null;
}

/**
 * The response clocks run only while an agent owes the customer an answer, and no incident with
 * paused clocks holds them.
 */
export const responseClocksRun = (c: Pick<SlaClock, 'status' | 'response_held_by'>): boolean => c.status === 'open' && (c.response_held_by ?? null) === null;
/** The resolution clock also runs while the desk waits on the customer; sleeping and done pause it. */
export const resolutionClockRuns = (status: string): boolean => status === 'open' || status === 'pending';

/**
 * The queue's sort key: the earliest response or resolution time still running. Conversations that
 * wait on the customer, sleep or are done have no running clock and sort last.
 */
export function dueAtOf(clock: SlaClock): number {
  const running: (number | null)[] = [];
  if (resolutionClockRuns(clock.status)) running.push(clock.resolution_due_at);
  if (responseClocksRun(clock)) running.push(clock.first_response_due_at, clock.next_response_due_at);
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
  /** The calendar version each clock counts by, pinned when it started (null: around the clock). */
  first_response_calendar_version: number | null;
  next_response_calendar_version: number | null;
  resolution_calendar_version: number | null;
}

export interface RunningClock {
  clock: SlaClockName;
  dueAt: number;
  startedAt: number | null;
  calendarVersion: number | null;
}

/** The running clocks, earliest due first (ties: first response, next response, resolution). */
export function runningClocks(c: Clocks): RunningClock[] {
  const out: RunningClock[] = [];
  if (responseClocksRun(c)) {
    if (c.first_response_due_at !== null) out.push({ clock: 'first_response', dueAt: c.first_response_due_at, startedAt: c.first_response_started_at, calendarVersion: c.first_response_calendar_version });
    if (c.next_response_due_at !== null) out.push({ clock: 'next_response', dueAt: c.next_response_due_at, startedAt: c.next_response_started_at, calendarVersion: c.next_response_calendar_version });
  }
  if (resolutionClockRuns(c.status) && c.resolution_due_at !== null) {
    out.push({ clock: 'resolution', dueAt: c.resolution_due_at, startedAt: c.resolution_started_at, calendarVersion: c.resolution_calendar_version });
  }
  return out.sort((a, b) => a.dueAt - b.dueAt);
}

/** The clock that sets the due time, or undefined when none runs. */
export function earliestClock(c: Clocks): RunningClock | undefined {
  return runningClocks(c)[0];
}
