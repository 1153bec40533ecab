import type { ConversationStatus } from '../../api/enums.js';
import { dueAtOf, resolutionClockRuns, responseClocksRun, type Clocks, type SlaTargets } from '../store/sla-clocks.js';

export {
  DEFAULT_SLA,
  dueAtOf,
  earliestClock,
  resolutionClockRuns,
  responseClocksRun,
  runningClocks,
  type Clocks,
  type RunningClock,
  type SlaClock,
  type SlaTargets,
} from '../store/sla-clocks.js';
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
