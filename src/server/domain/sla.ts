import { addBusinessTime, businessTimeBetween, subtractBusinessTime, type BusinessCalendar } from '../../api/business-time.js';
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
/**
 * How a clock counts: around the clock, or in a calendar's business hours (paused outside them and on
 * holidays). Every clock computation goes through one, so both kinds move the same way.
 */
export interface SlaTimer {
  add(from: number, ms: number): number;
  subtract(to: number, ms: number): number;
  between(from: number, to: number): number;
}

export const CALENDAR_TIME: SlaTimer = {
  add: (from, ms) => from + ms,
  subtract: (to, ms) => to - ms,
  // Not clamped: a clock paused after its due time resumes exactly as late as it was.
  between: (from, to) => to - from,
};

export function businessTimer(calendar: BusinessCalendar): SlaTimer {
  return {
    add: (from, ms) => addBusinessTime(calendar, from, ms),
    subtract: (to, ms) => subtractBusinessTime(calendar, to, ms),
    between: (from, to) => businessTimeBetween(calendar, from, to),
  };
}

type Resume = (pausedAt: number | null, started: number | null, due: number | null) => [number | null, number | null];

/**
 * A paused clock resumes where it stopped: its due time is the time it had left (as its timer counts)
 * after now, and its start moves with it, so that the pause never counts toward its window.
 */
function resumeAt(now: number, timer: SlaTimer): Resume {
  return (pausedAt, started, due) => {
    if (due === null || pausedAt === null) return [started, due];
    const left = timer.between(pausedAt, due);
    const ran = started === null ? null : timer.between(started, pausedAt);
    const resumedAt = Math.max(now, pausedAt);
    return [ran === null ? null : timer.subtract(resumedAt, ran), timer.add(resumedAt, left)];
  };
}

/** The response clocks of `next` paused or resumed, as they ran in `c` and run in `next`. */
function moveResponseClocks(c: Clocks, next: Clocks, now: number, timer: SlaTimer): Clocks {
  const before = responseClocksRun(c);
  const after = responseClocksRun(next);
  if (before && !after) return { ...next, response_paused_at: now };
  if (!before && after) return { ...next, ...resumedResponseClocks(c, now, timer), response_paused_at: null };
  return next;
}

/** The response clocks' starts and due times as if they resumed now (unchanged when they are not paused). */
export function resumedResponseClocks(c: Clocks, now: number, timer: SlaTimer = CALENDAR_TIME) {
  const resume = resumeAt(now, timer);
  const [firstStarted, firstDue] = resume(c.response_paused_at, c.first_response_started_at, c.first_response_due_at);
  const [nextStarted, nextDue] = resume(c.response_paused_at, c.next_response_started_at, c.next_response_due_at);
  return { first_response_started_at: firstStarted, first_response_due_at: firstDue, next_response_started_at: nextStarted, next_response_due_at: nextDue };
}

/**
 * The clocks after the status changes to `to`. A clock that stops running is paused (the time is
 * noted); a clock that runs again resumes where it stopped, so a customer never eats into their SLA
 * while the desk waits on them. Response clocks an incident holds stay paused whatever the status.
 */
export function clocksForStatus(c: Clocks, to: ConversationStatus, now: number, timer: SlaTimer = CALENDAR_TIME): Clocks {
  const next = moveResponseClocks(c, { ...c, status: to }, now, timer);
  const resolutionBefore = resolutionClockRuns(c.status);
  const resolutionAfter = resolutionClockRuns(to);
  if (resolutionBefore && !resolutionAfter) next.resolution_paused_at = now;
  if (!resolutionBefore && resolutionAfter) {
    [next.resolution_started_at, next.resolution_due_at] = resumeAt(now, timer)(c.resolution_paused_at, c.resolution_started_at, c.resolution_due_at);
    next.resolution_paused_at = null;
  }
  return next;
}

/**
 * The clocks once an incident holds the response clocks (`heldBy`) or lets them go (null): held, they
 * pause now unless the status has paused them already; let go, they resume if the status lets them run.
 */
export function clocksForHold(c: Clocks, heldBy: number | null, now: number, timer: SlaTimer = CALENDAR_TIME): Clocks {
  return moveResponseClocks(c, { ...c, response_held_by: heldBy }, now, timer);
}

/** A customer writes: the next-response clock starts, unless an answer is already owed (first or next). */
export function clocksForCustomerMessage(c: Clocks, now: number, targets: SlaTargets, timer: SlaTimer = CALENDAR_TIME): Clocks {
  if (c.first_response_due_at !== null || c.next_response_due_at !== null) return c;
  // Held by an incident, the clock starts paused: as if it had started when the pause began.
  const from = c.response_paused_at ?? now;
  return { ...c, next_response_started_at: from, next_response_due_at: timer.add(from, targets.nextResponseMs) };
}

/** An agent answers: the response clocks stop (the resolution clock runs on). */
export function clocksForReply(c: Clocks): Clocks {
  return { ...c, first_response_due_at: null, first_response_started_at: null, next_response_due_at: null, next_response_started_at: null };
}

/** New targets (the priority changed): every clock keeps its start and gets the new window. */
export function clocksForTargets(c: Clocks, targets: SlaTargets, timer: SlaTimer = CALENDAR_TIME): Clocks {
  const retarget = (started: number | null, due: number | null, ms: number) => (started === null || due === null ? due : timer.add(started, ms));
  return {
    ...c,
    first_response_due_at: retarget(c.first_response_started_at, c.first_response_due_at, targets.firstResponseMs),
    next_response_due_at: retarget(c.next_response_started_at, c.next_response_due_at, targets.nextResponseMs),
    resolution_due_at: retarget(c.resolution_started_at, c.resolution_due_at, targets.resolutionMs),
  };
}

/** The clocks of a conversation that opens now. */
export function clocksForNewConversation(now: number, targets: SlaTargets, timer: SlaTimer = CALENDAR_TIME): Clocks {
  return {
    status: 'open',
    first_response_started_at: now,
    first_response_due_at: timer.add(now, targets.firstResponseMs),
    next_response_started_at: null,
    next_response_due_at: null,
    resolution_started_at: now,
    resolution_due_at: timer.add(now, targets.resolutionMs),
    response_paused_at: null,
    resolution_paused_at: null,
    response_held_by: null,
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
    response_held_by: c.response_held_by ?? null,
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
    response_held_by: row.response_held_by ?? null,
  };
}
