import type { Kysely } from 'kysely';
import type { BusinessCalendar, BusinessHours, Holiday } from '../../api/business-time.js';
import type { Jurisdiction } from '../../api/jurisdictions.js';
import type { Calendar } from '../../api/types.js';
import type { CalendarsTable, Database } from './tables.js';
import { iso } from './time.js';

export function rulesOf(row: Pick<CalendarsTable, 'zone' | 'hours' | 'holidays'>): BusinessCalendar {
  return { zone: row.zone, hours: JSON.parse(row.hours) as BusinessHours[], holidays: JSON.parse(row.holidays) as Holiday[] };
}

export function toCalendar(row: CalendarsTable, teams: string[]): Calendar {
  const rules = rulesOf(row);
  return {
    name: row.name,
    zone: row.zone,
    hours: [...rules.hours],
    holidays: [...rules.holidays],
    jurisdiction: row.jurisdiction as Jurisdiction | null,
    isDefault: row.is_default === 1,
    teams,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

async function teamsByCalendar(db: Kysely<Database>, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('team_calendars').select(['team', 'calendar_id']).where('calendar_id', 'in', ids).orderBy('team').execute();
  for (const r of rows) out.set(r.calendar_id, [...(out.get(r.calendar_id) ?? []), r.team]);
  return out;
}

/** Every calendar, by name: a desk has a handful, so the list is read whole. */
export async function listCalendars(db: Kysely<Database>): Promise<Calendar[]> {
  const rows = await db.selectFrom('calendars').selectAll().orderBy('name').execute();
  const teams = await teamsByCalendar(db, rows.map((r) => r.id));
  return rows.map((r) => toCalendar(r, teams.get(r.id) ?? []));
}

export async function findCalendarRow(db: Kysely<Database>, name: string): Promise<CalendarsTable | undefined> {
  return db.selectFrom('calendars').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function calendarOf(db: Kysely<Database>, row: CalendarsTable): Promise<Calendar> {
  return toCalendar(row, (await teamsByCalendar(db, [row.id])).get(row.id) ?? []);
}

// A version's rules never change once written, so each is read from the database once per process.
const versions = new Map<number, BusinessCalendar>();

/** A version's rules if this process has read them (loadVersions reads those missing). */
export function knownRules(version: number): BusinessCalendar | undefined {
  return versions.get(version);
}

/** Reads the versions not yet known, so that rows can be turned into API objects without awaiting each. */
export async function loadVersions(db: Kysely<Database>, wanted: Iterable<number | null>): Promise<void> {
  const missing = [...new Set(wanted)].filter((v): v is number => v !== null && !versions.has(v));
  if (missing.length === 0) return;
  const rows = await db.selectFrom('calendar_versions').select(['id', 'rules']).where('id', 'in', missing).execute();
  for (const r of rows) versions.set(Number(r.id), JSON.parse(r.rules) as BusinessCalendar);
}

/** The rules a clock or deadline was computed with, by the version it names. */
export async function rulesOfVersion(db: Kysely<Database>, version: number): Promise<BusinessCalendar | null> {
  const known = versions.get(version);
  if (known) return known;
  const row = await db.selectFrom('calendar_versions').select('rules').where('id', '=', version).executeTakeFirst();
  if (!row) return null;
  const rules = JSON.parse(row.rules) as BusinessCalendar;
  versions.set(version, rules);
  return rules;
}

export interface CalendarInUse {
  name: string;
  version: number;
  rules: BusinessCalendar;
  jurisdiction: Jurisdiction | null;
}

/** The calendar a team works by: the team's own, else the desk's default; null when there is neither. */
export async function calendarForTeam(db: Kysely<Database>, team: string | null): Promise<CalendarInUse | null> {
  const own = team
    ? await db.selectFrom('team_calendars').innerJoin('calendars', 'calendars.id', 'team_calendars.calendar_id').selectAll('calendars').where('team_calendars.team', '=', team).executeTakeFirst()
    : undefined;
  const row = own ?? (await db.selectFrom('calendars').selectAll().where('is_default', '=', 1).executeTakeFirst());
  if (!row) return null;
  return { name: row.name, version: row.version, rules: (await rulesOfVersion(db, row.version)) ?? rulesOf(row), jurisdiction: row.jurisdiction as Jurisdiction | null };
}
