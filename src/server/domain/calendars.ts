import { WEEKDAYS, type BusinessCalendar, type BusinessHours, type Holiday } from '../../api/business-time.js';
import { calendarProblems, type FieldProblem } from '../../api/calendar-rules.js';
import type { AddHolidaysRequest, Calendar, CreateCalendarRequest, UpdateCalendarRequest } from '../../api/types.js';
import { calendarOf, findCalendarRow, rulesOf } from '../store/calendars.js';
import { isUniqueViolation } from '../store/constraint.js';
import { newId } from '../store/ids.js';
import { forUpdate } from '../store/locking.js';
import type { CalendarsTable } from '../store/tables.js';
import { conflict, notFound, ProblemError } from './errors.js';
import { holidaysFromIcs } from './ics-holidays.js';
import type { UnitOfWork } from './unit-of-work.js';

function refuse(problems: FieldProblem[]): never {
  const first = problems[0]!;
  throw new ProblemError('calendar_invalid', `${first.field}: ${first.message}`, { status: 422, errors: problems });
}

/** Hours Monday first then by start; holidays by date, each once: the same rules are stored the same way. */
function normalised(rules: BusinessCalendar): BusinessCalendar {
  const hours = [...rules.hours].sort((a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day) || a.from.localeCompare(b.from));
  const seen = new Set<string>();
  const holidays = [...rules.holidays]
    .map((h) => ({ from: h.from, to: h.to, name: h.name.trim() }))
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to))
    .filter((h) => {
      const key = `${h.from}|${h.to}|${h.name}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  return { zone: rules.zone, hours, holidays };
}

/** The rules checked whole: any mistake is a 422 naming its field, before anything is written. */
function checked(zone: string, hours: readonly BusinessHours[], listed: readonly Holiday[], ics: string | undefined, offset = 0): BusinessCalendar {
  // Holidays already kept are not checked again; the new ones are named by their index in the request.
  const problems = calendarProblems({ zone, hours, holidays: listed.slice(offset) });
  if (problems.length) refuse(problems);
  const imported = ics === undefined ? [] : holidaysFromIcs(ics);
  return normalised({ zone, hours, holidays: [...listed, ...imported] });
}

async function writeVersion(uow: UnitOfWork, calendarId: string, rules: BusinessCalendar): Promise<number> {
  const row = await uow.trx.insertInto('calendar_versions').values({ calendar_id: calendarId, rules: JSON.stringify(rules), created_at: uow.now }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A team works by one calendar: one already taken by another calendar is 409, naming it. */
async function assignTeams(uow: UnitOfWork, calendar: CalendarsTable, teams: readonly string[]): Promise<void> {
  const { trx } = uow;
  const unique = [...new Set(teams)];
  if (unique.length) {
    const taken = await trx
      .selectFrom('team_calendars')
      .innerJoin('calendars', 'calendars.id', 'team_calendars.calendar_id')
      .select(['team_calendars.team', 'calendars.name'])
      .where('team_calendars.team', 'in', unique)
      .where('team_calendars.calendar_id', '<>', calendar.id)
      .executeTakeFirst();
    if (taken) throw conflict('calendar_team_taken', `team ${taken.team} works by the calendar "${taken.name}"; take it off that one first (support calendar update ${taken.name} --teams …)`);
  }
  await trx.deleteFrom('team_calendars').where('calendar_id', '=', calendar.id).execute();
  if (unique.length) await trx.insertInto('team_calendars').values(unique.map((team) => ({ team, calendar_id: calendar.id }))).execute();
}

async function makeDefault(uow: UnitOfWork, calendar: CalendarsTable, isDefault: boolean | undefined): Promise<void> {
  if (isDefault === undefined) return;
  if (isDefault) await uow.trx.updateTable('calendars').set({ is_default: 0 }).where('is_default', '=', 1).where('id', '<>', calendar.id).execute();
  await uow.trx.updateTable('calendars').set({ is_default: isDefault ? 1 : 0 }).where('id', '=', calendar.id).execute();
}

function raceLost(error: unknown): never {
  if (isUniqueViolation(error, 'team')) throw conflict('calendar_team_taken', 'a team named here was just given another calendar; list the calendars and try again');
  if (isUniqueViolation(error, 'is_default') || isUniqueViolation(error, 'one_default')) throw conflict('calendar_default_taken', 'another calendar was just made the default; try again');
  if (isUniqueViolation(error)) throw conflict('calendar_name_taken', 'a calendar with this name exists already; choose another name');
  throw error;
}

async function lockedCalendar(uow: UnitOfWork, name: string): Promise<CalendarsTable> {
  const row = await forUpdate(uow.trx.selectFrom('calendars').selectAll().where('name', '=', name), uow.ctx.engine).executeTakeFirst();
  if (!row) throw notFound(`calendar ${name}`);
  return row;
}

export async function createCalendar(uow: UnitOfWork, input: CreateCalendarRequest): Promise<Calendar> {
  const { trx, now, actor } = uow;
  const rules = checked(input.zone, input.hours, input.holidays ?? [], input.ics);
  if (await findCalendarRow(trx, input.name)) throw conflict('calendar_name_taken', `a calendar named "${input.name}" exists already; choose another name, or change it (support calendar update)`);
  try {
    const id = newId('cal');
    // The version row is written first, so the calendar names an existing version from the start.
    const version = await writeVersion(uow, id, rules);
    const row: CalendarsTable = {
      id,
      name: input.name,
      zone: rules.zone,
      hours: JSON.stringify(rules.hours),
      holidays: JSON.stringify(rules.holidays),
      jurisdiction: input.jurisdiction ?? null,
      is_default: 0,
      version,
      created_at: now,
      updated_at: now,
      updated_by: actor.id,
    };
    await trx.insertInto('calendars').values(row).execute();
    await makeDefault(uow, row, input.isDefault);
    await assignTeams(uow, row, input.teams ?? []);
    const calendar = await calendarOf(trx, { ...row, is_default: input.isDefault ? 1 : 0 });
    await uow.audit({ action: 'calendar.created', targetType: 'calendar', targetId: calendar.name, after: calendar });
    return calendar;
  } catch (error) {
    return raceLost(error);
  }
}

/** A change writes a new version: clocks and deadlines already computed keep the one they named. */
async function change(uow: UnitOfWork, current: CalendarsTable, rules: BusinessCalendar, extra: { jurisdiction?: string | null | undefined; isDefault?: boolean | undefined; teams?: readonly string[] | undefined }, action: string): Promise<Calendar> {
  const { trx, now, actor } = uow;
  try {
    const before = await calendarOf(trx, current);
    const rulesChanged = JSON.stringify(rules) !== JSON.stringify(normalised(rulesOf(current)));
    const version = rulesChanged ? await writeVersion(uow, current.id, rules) : current.version;
    const next: CalendarsTable = {
      ...current,
      zone: rules.zone,
      hours: JSON.stringify(rules.hours),
      holidays: JSON.stringify(rules.holidays),
      jurisdiction: extra.jurisdiction === undefined ? current.jurisdiction : extra.jurisdiction,
      version,
      updated_at: now,
      updated_by: actor.id,
    };
    await trx
      .updateTable('calendars')
      .set({ zone: next.zone, hours: next.hours, holidays: next.holidays, jurisdiction: next.jurisdiction, version, updated_at: now, updated_by: actor.id })
      .where('id', '=', current.id)
      .execute();
    await makeDefault(uow, next, extra.isDefault);
    if (extra.teams) await assignTeams(uow, next, extra.teams);
    const after = await calendarOf(trx, { ...next, is_default: extra.isDefault === undefined ? current.is_default : extra.isDefault ? 1 : 0 });
    await uow.audit({ action, targetType: 'calendar', targetId: current.name, before, after });
    return after;
  } catch (error) {
    return raceLost(error);
  }
}

export async function updateCalendar(uow: UnitOfWork, name: string, input: UpdateCalendarRequest): Promise<Calendar> {
  const current = await lockedCalendar(uow, name);
  const stored = rulesOf(current);
  const rules = checked(input.zone ?? stored.zone, input.hours ?? stored.hours, input.holidays ?? stored.holidays, undefined);
  return change(uow, current, rules, input, 'calendar.updated');
}

/** Holidays added to the calendar's, listed or from an iCalendar file; a mistake in any refuses them all. */
export async function addHolidays(uow: UnitOfWork, name: string, input: AddHolidaysRequest): Promise<Calendar> {
  if (!input.holidays?.length && input.ics === undefined) {
    throw new ProblemError('validation_failed', 'give holidays or an iCalendar file (ics) to add', { errors: [{ field: 'holidays', message: 'is empty' }] });
  }
  const current = await lockedCalendar(uow, name);
  const stored = rulesOf(current);
  const rules = checked(stored.zone, stored.hours, [...stored.holidays, ...(input.holidays ?? [])], input.ics, stored.holidays.length);
  return change(uow, current, rules, {}, 'calendar.holidays_added');
}

/** Deleting a calendar teams still work by is refused: their clocks would silently run around the clock. */
export async function deleteCalendar(uow: UnitOfWork, name: string): Promise<void> {
  const current = await lockedCalendar(uow, name);
  const before = await calendarOf(uow.trx, current);
  if (before.teams.length) throw conflict('calendar_in_use', `teams ${before.teams.join(', ')} work by the calendar "${name}"; give them another calendar first`);
  await uow.trx.deleteFrom('calendars').where('id', '=', current.id).execute();
  await uow.audit({ action: 'calendar.deleted', targetType: 'calendar', targetId: name, before });
}
