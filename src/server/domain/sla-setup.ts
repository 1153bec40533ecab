import type { Kysely } from 'kysely';
import { calendarForTeam, rulesOfVersion } from '../store/calendars.js';
import { policyFor } from '../store/sla-policies.js';
import type { Database } from '../store/tables.js';
import { businessTimer, CALENDAR_TIME, type SlaTargets, type SlaTimer } from './sla.js';

export interface SlaSetup {
  targets: SlaTargets;
  timer: SlaTimer;
  /** The calendar version the clocks count by (null: around the clock). */
  calendarVersion: number | null;
}

/**
 * How a new conversation's clocks run: its priority's targets, and, when that policy counts business
 * time, the business hours of its team's calendar (or the desk's default) as they are now. A team
 * without any calendar runs around the clock.
 */
export async function slaSetupFor(db: Kysely<Database>, priority: string, team: string | null): Promise<SlaSetup> {
  const { targets, clock } = await policyFor(db, priority);
  if (clock !== 'business') return { targets, timer: CALENDAR_TIME, calendarVersion: null };
  const calendar = await calendarForTeam(db, team);
  if (!calendar) return { targets, timer: CALENDAR_TIME, calendarVersion: null };
  return { targets, timer: businessTimer(calendar.rules), calendarVersion: calendar.version };
}

/** The timer of clocks already running: the calendar version they started with, whatever changed since. */
export async function timerOf(db: Kysely<Database>, calendarVersion: number | null): Promise<SlaTimer> {
  if (calendarVersion === null) return CALENDAR_TIME;
  const rules = await rulesOfVersion(db, calendarVersion);
  return rules ? businessTimer(rules) : CALENDAR_TIME;
}
