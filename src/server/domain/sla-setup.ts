import type { Kysely } from 'kysely';
import { calendarForTeam, loadVersions, knownRules } from '../store/calendars.js';
import { policyFor } from '../store/sla-policies.js';
import type { Clocks } from '../store/sla-clocks.js';
import type { Database } from '../store/tables.js';
import { businessTimer, CALENDAR_TIME, type ClockStart, type ClockTimers, type SlaTimer } from './sla.js';

/**
 * How a clock starting now runs: its priority's targets, and, when that policy counts business time,
 * the business hours of the team's calendar (or the desk's default) as they are now, whose version
 * the clock is pinned to. A team without any calendar runs around the clock. Asked again for every
 * clock that starts (a conversation's first-response and resolution clocks, each next-response
 * clock), so a calendar change applies to clocks started after it.
 */
export async function slaSetupFor(db: Kysely<Database>, priority: string, team: string | null): Promise<ClockStart> {
  const { targets, clock } = await policyFor(db, priority);
  if (clock !== 'business') return { targets, timer: CALENDAR_TIME, calendarVersion: null };
  const calendar = await calendarForTeam(db, team);
  if (!calendar) return { targets, timer: CALENDAR_TIME, calendarVersion: null };
  return { targets, timer: businessTimer(calendar.rules), calendarVersion: calendar.version };
}

/** The timers of clocks already running: each by the calendar version it started with, whatever changed since. */
export async function timersOf(db: Kysely<Database>, clocks: Pick<Clocks, 'first_response_calendar_version' | 'next_response_calendar_version' | 'resolution_calendar_version'>): Promise<ClockTimers> {
  await loadVersions(db, [clocks.first_response_calendar_version, clocks.next_response_calendar_version, clocks.resolution_calendar_version]);
  const timer = (version: number | null): SlaTimer => {
    const rules = version === null ? undefined : knownRules(version);
    return rules ? businessTimer(rules) : CALENDAR_TIME;
  };
  return { first_response: timer(clocks.first_response_calendar_version), next_response: timer(clocks.next_response_calendar_version), resolution: timer(clocks.resolution_calendar_version) };
}
