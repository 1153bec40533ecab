import { addBusinessTime, businessTimeBetween, subtractBusinessTime, type BusinessCalendar } from '../../api/business-time.js';
import type { ConversationStatus, SlaClock as SlaClockName } from '../../api/enums.js';
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

/** How each clock of a conversation counts: by the calendar version it was pinned to when it started. */
export type ClockTimers = Record<SlaClockName, SlaTimer>;

export const CALENDAR_TIMERS: ClockTimers = { first_response: CALENDAR_TIME, next_response: CALENDAR_TIME, resolution: CALENDAR_TIME };

/** How new clocks start: the targets of the priority's policy and its timer (a team calendar's current version, or around the clock). */
export interface ClockStart {
  targets: SlaTargets;
  timer: SlaTimer;
  /** The calendar version the clocks it starts are pinned to (null: around the clock). */
  calendarVersion: number | null;
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
function moveResponseClocks(c: Clocks, next: Clocks, now: number, timers: ClockTimers): Clocks {
  const before = responseClocksRun(c);
  const after = responseClocksRun(next);
  if (before && !after) return { ...next, response_paused_at: now };
  if (!before && after) return { ...next, ...resumedResponseClocks(c, now, timers), response_paused_at: null };
  return next;
}

/** The response clocks' starts and due times as if they resumed now (unchanged when they are not paused), each by its own calendar. */
export function resumedResponseClocks(c: Clocks, now: number, timers: ClockTimers = CALENDAR_TIMERS) {
  const [firstStarted, firstDue] = resumeAt(now, timers.first_response)(c.response_paused_at, c.first_response_started_at, c.first_response_due_at);
  const [nextStarted, nextDue] = resumeAt(now, timers.next_response)(c.response_paused_at, c.next_response_started_at, c.next_response_due_at);
  return { first_response_started_at: firstStarted, first_response_due_at: firstDue, next_response_started_at: nextStarted, next_response_due_at: nextDue };
}

/**
 * The clocks after the status changes to `to`. A clock that stops running is paused (the time is
 * noted); a clock that runs again resumes where it stopped, so a customer never eats into their SLA
 * while the desk waits on them. Response clocks an incident holds stay paused whatever the status.
 */
export function clocksForStatus(c: Clocks, to: ConversationStatus, now: number, timers: ClockTimers = CALENDAR_TIMERS): Clocks {
  const next = moveResponseClocks(c, { ...c, status: to }, now, timers);
  const resolutionBefore = resolutionClockRuns(c.status);
  const resolutionAfter = resolutionClockRuns(to);
  if (resolutionBefore && !resolutionAfter) next.resolution_paused_at = now;
  if (!resolutionBefore && resolutionAfter) {
    [next.resolution_started_at, next.resolution_due_at] = resumeAt(now, timers.resolution)(c.resolution_paused_at, c.resolution_started_at, c.resolution_due_at);
    next.resolution_paused_at = null;
  }
  return next;
}

/**
 * The clocks once an incident holds the response clocks (`heldBy`) or lets them go (null): held, they
 * pause now unless the status has paused them already; let go, they resume if the status lets them run.
 */
export function clocksForHold(c: Clocks, heldBy: number | null, now: number, timers: ClockTimers = CALENDAR_TIMERS): Clocks {
  return moveResponseClocks(c, { ...c, response_held_by: heldBy }, now, timers);
}

/**
 * A customer writes: the next-response clock starts, unless an answer is already owed (first or next).
 * It starts the way a clock starting now does (`start`: the policy and calendar as they are now), not
 * by the calendar the conversation's other clocks were pinned to when it opened. Held by an incident,
 * it starts paused: as if it had started when the pause began.
 */
export function clocksForCustomerMessage(c: Clocks, now: number, start: ClockStart): Clocks {
  if (c.first_response_due_at !== null || c.next_response_due_at !== null) return c;
  const from = c.response_paused_at ?? now;
  return { ...c, next_response_started_at: from, next_response_due_at: start.timer.add(from, start.targets.nextResponseMs), next_response_calendar_version: start.calendarVersion };
}

/** An agent answers: the response clocks stop (the resolution clock runs on). */
export function clocksForReply(c: Clocks): Clocks {
  return {
    ...c,
    first_response_due_at: null,
    first_response_started_at: null,
    first_response_calendar_version: null,
    next_response_due_at: null,
    next_response_started_at: null,
    next_response_calendar_version: null,
  };
}

/** New targets (the priority changed): every clock keeps its start and its calendar, and gets the new window. */
export function clocksForTargets(c: Clocks, targets: SlaTargets, timers: ClockTimers = CALENDAR_TIMERS): Clocks {
  const retarget = (timer: SlaTimer, started: number | null, due: number | null, ms: number) => (started === null || due === null ? due : timer.add(started, ms));
  return {
    ...c,
    first_response_due_at: retarget(timers.first_response, c.first_response_started_at, c.first_response_due_at, targets.firstResponseMs),
    next_response_due_at: retarget(timers.next_response, c.next_response_started_at, c.next_response_due_at, targets.nextResponseMs),
    resolution_due_at: retarget(timers.resolution, c.resolution_started_at, c.resolution_due_at, targets.resolutionMs),
  };
}

/** The clocks of a conversation that opens now: first response and resolution start, pinned to `start`'s calendar. */
export function clocksForNewConversation(now: number, { targets, timer, calendarVersion }: ClockStart): Clocks {
  return {
    status: 'open',
    first_response_started_at: now,
    first_response_due_at: timer.add(now, targets.firstResponseMs),
    first_response_calendar_version: calendarVersion,
    next_response_started_at: null,
    next_response_due_at: null,
    next_response_calendar_version: null,
    resolution_started_at: now,
    resolution_due_at: timer.add(now, targets.resolutionMs),
    resolution_calendar_version: calendarVersion,
    response_paused_at: null,
    resolution_paused_at: null,
    response_held_by: null,
  };
}

/** The timers of clocks that all started with `start` (a conversation opened in this transaction). */
export function timersOfStart(start: ClockStart): ClockTimers {
  return { first_response: start.timer, next_response: start.timer, resolution: start.timer };
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
    first_response_calendar_version: c.first_response_calendar_version,
    next_response_calendar_version: c.next_response_calendar_version,
    resolution_calendar_version: c.resolution_calendar_version,
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
    first_response_calendar_version: row.first_response_calendar_version,
    next_response_calendar_version: row.next_response_calendar_version,
    resolution_calendar_version: row.resolution_calendar_version,
    response_held_by: row.response_held_by ?? null,
  };
}
