import type { Command } from 'commander';
import { JURISDICTIONS } from '../../api/jurisdictions.js';
import type { BusinessHours, Holiday } from '../../api/business-time.js';
import type { Calendar } from '../../api/types.js';
import { usageError } from '../output/cli-error.js';
import { oneOf } from '../options.js';
import type { GlobalOptions } from '../session.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

async function client(command: Command) {
  const { authenticatedClient } = await import('../session.js');
  return authenticatedClient(command.optsWithGlobals<GlobalOptions>());
}

async function hoursOf(specs: string[] | undefined): Promise<BusinessHours[] | undefined> {
  if (!specs?.length) return undefined;
  const { parseHoursSpec } = await import('../../api/calendar-rules.js');
  try {
    return specs.flatMap(parseHoursSpec);
  } catch (error) {
    throw usageError(`--hours ${(error as Error).message}`);
  }
}

async function icsFile(path: string | undefined): Promise<string | undefined> {
  if (path === undefined) return undefined;
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw usageError(`--import ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

async function printCalendar(calendar: Calendar, json: boolean | undefined, done?: string): Promise<void> {
  const { printJson, print, note } = await import('../output/terminal.js');
  if (json) return printJson(calendar);
  if (done) note(done);
  const { renderCalendar } = await import('../views/calendar-view.js');
  print(renderCalendar(calendar));
}

interface WriteOptions {
  zone?: string;
  hours?: string[];
  import?: string;
  team?: string[];
  jurisdiction?: (typeof JURISDICTIONS)[number] | 'none';
  default?: boolean;
  json?: boolean;
}

export function registerCalendarCommands(program: Command): void {
  const calendar = program
    .command('calendar')
    .description('Business hours, holidays and working days: what SLA clocks and complaint deadlines count by')
    .addHelpText('after', '\nExamples:\n  $ support calendar create jakarta --zone Asia/Jakarta --hours "mon-fri 08:00-17:00"\n  $ support calendar show jakarta --month 2026-03\n  $ support calendar add jakarta --from 2026-03-16T09:00 --working-days 5');

  calendar
    .command('list')
    .description('The calendars, with their zone and the teams that work by them')

    .addHelpText('after', '\nExamples:\n  $ support calendar list\n  $ support calendar list --json')    .option('--json', 'print {data} as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const page = await (await client(command)).calendars.list();
      const { printJson, note } = await import('../output/terminal.js');
      if (options.json) return printJson(page);
      if (page.data.length === 0) return note('no calendars yet: support calendar create NAME --zone Asia/Jakarta --hours "mon-fri 08:00-17:00"');
      const { renderTable } = await import('../output/table.js');
      const { sanitize } = await import('../../api/text/sanitize.js');
      process.stdout.write(
        renderTable<Calendar>(
          [
            { header: 'NAME', value: (c) => `${c.name}${c.isDefault ? ' (default)' : ''}`, minWidth: Infinity },
            { header: 'ZONE', value: (c) => c.zone },
            { header: 'HOLIDAYS', value: (c) => String(c.holidays.length), align: 'right' },
            { header: 'COMPLAINTS', value: (c) => c.jurisdiction ?? '-' },
            { header: 'TEAMS', value: (c) => (c.teams.length ? c.teams.map((t) => sanitize(t, { multiline: false })).join(', ') : '-'), flexible: true },
          ],
          page.data,
        ),
      );
    });

  calendar
    .command('show')
    .description('One calendar; with --month, the month with its working days marked')
    .argument('<name>')
    .option('--month <YYYY-MM>', 'print this month as a grid of working and closed days')
    .option('--json', 'print the calendar as JSON; with --month, {calendar, month, days}')
    .addHelpText('after', '\nExamples:\n  $ support calendar show jakarta\n  $ support calendar show jakarta --month 2026-03')
    .action(async (name: string, options: { month?: string; json?: boolean }, command: Command) => {
      const cal = await (await client(command)).calendars.get(name);
      if (options.month === undefined) return printCalendar(cal, options.json);
      const { monthDays, renderMonth } = await import('../views/calendar-view.js');
      const days = monthDays(cal, options.month);
      if (!days) throw usageError(`--month "${options.month}": write the month as YYYY-MM, e.g. 2026-03`);
      const { printJson, print } = await import('../output/terminal.js');
      if (options.json) return printJson({ calendar: cal.name, month: options.month, days });
      print(renderMonth(cal, options.month, days));
    });

  calendar
    .command('create')
    .description('Create a calendar (admins): a zone, business hours, holidays')
    .argument('<name>', 'lowercase letters, digits or -, e.g. jakarta')
    .requiredOption('--zone <zone>', 'IANA time zone, e.g. Asia/Jakarta')
    .option('--hours <spec>', 'business hours, repeatable: "mon-fri 08:00-17:00", a split shift "mon-fri 08:00-12:00,13:00-17:00"', collect)
    .option('--import <file.ics>', 'holidays from an iCalendar file')
    .option('--team <team>', 'a team that works by this calendar, repeatable', collect)
    .option('--jurisdiction <rule>', `the complaint deadlines counted on it: ${JURISDICTIONS.join(' | ')}`, oneOf(JURISDICTIONS))
    .option('--default', 'the calendar for conversations whose team has none')
    .option('--json', 'print the calendar as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ support calendar create jakarta --zone Asia/Jakarta --hours "mon-fri 08:00-17:00" --hours "sat 09:00-12:00" --import holidays.ics\n  $ support calendar create kl --zone Asia/Kuala_Lumpur --hours "mon-fri 09:00-13:00,14:00-18:00" --team malaysia --jurisdiction bnm',
    )
    .action(async (name: string, options: WriteOptions, command: Command) => {
      const hours = await hoursOf(options.hours);
      if (!hours) throw usageError('say when the desk is open: --hours "mon-fri 08:00-17:00" (repeatable)');
      const ics = await icsFile(options.import);
      const created = await (await client(command)).calendars.create({
        name,
        zone: options.zone!,
        hours,
        ...(ics !== undefined ? { ics } : {}),
        ...(options.team ? { teams: options.team } : {}),
        ...(options.jurisdiction ? { jurisdiction: options.jurisdiction === 'none' ? null : options.jurisdiction } : {}),
        ...(options.default ? { isDefault: true } : {}),
      });
      await printCalendar(created, options.json, `✓ calendar ${name} created`);
    });

  calendar
    .command('update')
    .description('Change a calendar (admins); clocks already running keep their due times')

    .addHelpText('after', '\nExamples:\n  $ support calendar update jakarta --hours "mon-fri 08:00-12:00" --hours "mon-fri 13:00-17:00"\n  $ support calendar update jakarta --team payments --default')    .argument('<name>')
    .option('--zone <zone>', 'IANA time zone')
    .option('--hours <spec>', 'replaces all business hours, repeatable: "mon-fri 08:00-17:00"', collect)
    .option('--team <team>', 'replaces the teams that work by it, repeatable; --team "" for none', collect)
    .option('--jurisdiction <rule>', `${JURISDICTIONS.join(' | ')} | none`, oneOf([...JURISDICTIONS, 'none'] as const))
    .option('--default', 'make it the default calendar')
    .option('--json', 'print the calendar as JSON')
    .action(async (name: string, options: WriteOptions, command: Command) => {
      const hours = await hoursOf(options.hours);
      const changes = {
        ...(options.zone ? { zone: options.zone } : {}),
        ...(hours ? { hours } : {}),
        ...(options.team ? { teams: options.team.filter((t) => t !== '') } : {}),
        ...(options.jurisdiction ? { jurisdiction: options.jurisdiction === 'none' ? null : options.jurisdiction } : {}),
        ...(options.default ? { isDefault: true } : {}),
      };
      if (Object.keys(changes).length === 0) throw usageError('say what to change: --zone, --hours, --team, --jurisdiction or --default');
      await printCalendar(await (await client(command)).calendars.update(name, changes), options.json, `✓ calendar ${name} changed`);
    });

  calendar
    .command('delete')
    .description('Delete a calendar (admins); refused while teams work by it')

    .addHelpText('after', '\nExample:\n  $ support calendar delete old-hours --yes')    .argument('<name>')
    .option('--yes', 'do not ask for confirmation (required when not in a terminal)')
    .option('--json', 'print {deleted: NAME} as JSON')
    .action(async (name: string, options: { yes?: boolean; json?: boolean }, command: Command) => {
      const { confirmTyped, requireConfirmationMeans } = await import('../destructive.js');
      requireConfirmationMeans(options, `deleting calendar ${name}`, { hasDryRun: false });
      await confirmTyped(options, { message: `Delete calendar ${name}?`, expected: name });
      await (await client(command)).calendars.delete(name);
      const { printJson, note } = await import('../output/terminal.js');
      if (options.json) return printJson({ deleted: name });
      note(`✓ calendar ${name} deleted`);
    });

  const holiday = calendar
    .command('holiday')
    .description('Holidays of a calendar')
    .addHelpText('after', '\nExample:\n  $ support calendar holiday add jakarta 2026-03-18..2026-03-24 --name "Idul Fitri"');
  holiday
    .command('add')
    .description('Add a holiday, a range of days, or the holidays of an iCalendar file (admins)')
    .argument('<name>', 'the calendar')
    .argument('[dates]', 'a date 2026-03-18 or a range 2026-03-18..2026-03-24')
    .option('--name <holiday>', 'what the holiday is called')
    .option('--import <file.ics>', 'the holidays of an iCalendar file')
    .option('--json', 'print the calendar as JSON')
    .addHelpText('after', '\nExamples:\n  $ support calendar holiday add jakarta 2026-03-18..2026-03-24 --name "Idul Fitri"\n  $ support calendar holiday add jakarta --import id-holidays-2027.ics')
    .action(async (name: string, dates: string | undefined, options: { name?: string; import?: string; json?: boolean }, command: Command) => {
      if (dates === undefined && options.import === undefined) throw usageError('give the dates (2026-03-18..2026-03-24 --name "Idul Fitri") or --import FILE.ics');
      const holidays: Holiday[] = [];
      if (dates !== undefined) {
        if (!options.name?.trim()) throw usageError('--name says what the holiday is called, e.g. --name "Idul Fitri"');
        const { parseDateRange } = await import('../../api/calendar-rules.js');
        try {
          holidays.push({ ...parseDateRange(dates), name: options.name });
        } catch (error) {
          throw usageError((error as Error).message);
        }
      }
      const ics = await icsFile(options.import);
      const changed = await (await client(command)).calendars.addHolidays(name, { ...(holidays.length ? { holidays } : {}), ...(ics !== undefined ? { ics } : {}) });
      await printCalendar(changed, options.json, `✓ ${name}: ${changed.holidays.length} holidays`);
    });

  calendar
    .command('add')
    .description('The instant a deadline or SLA clock would give: working days or business hours after a time, on this calendar')
    .argument('<name>')
    .option('--from <time>', 'start, on the calendar’s wall clock (2026-03-16T09:00) or with an offset; default now')
    .option('--working-days <n>', 'working days, as complaint deadlines count them (the start day not counted; due at close of business)')
    .option('--business-hours <n>', 'business hours, as business-time SLA clocks count them (4, 1.5)')
    .option('--json', 'print {calendar, from, workingDays|businessMs, at} as JSON')
    .addHelpText('after', '\nExamples:\n  $ support calendar add jakarta --from 2026-03-16T09:00 --working-days 5\n  $ support calendar add jakarta --from 2026-03-20T16:00 --business-hours 4')
    .action(async (name: string, options: { from?: string; workingDays?: string; businessHours?: string; json?: boolean }, command: Command) => {
      if ((options.workingDays === undefined) === (options.businessHours === undefined)) throw usageError('give one of --working-days N or --business-hours N');
      const count = Number(options.workingDays ?? options.businessHours);
      const valid = options.workingDays !== undefined ? Number.isInteger(count) && count >= 0 && count <= 1000 : Number.isFinite(count) && count > 0 && count <= 10_000;
      if (!valid) throw usageError(options.workingDays !== undefined ? `--working-days "${options.workingDays}": a whole number from 0 to 1000` : `--business-hours "${options.businessHours}": a number of hours above 0`);
      const cal = await (await client(command)).calendars.get(name);
      const bt = await import('../../api/business-time.js');
      const from = options.from === undefined ? Date.now() : bt.instantOfWallTime(cal.zone, options.from);
      if (from === null) throw usageError(`--from "${options.from}": write a time as 2026-03-16T09:00 (the calendar's wall clock) or with an offset`);
      const businessMs = options.businessHours !== undefined ? Math.round(count * 3_600_000) : null;
      const at = businessMs === null ? bt.addWorkingDays(cal, from, count) : bt.addBusinessTime(cal, from, businessMs);
      const { printJson, print } = await import('../output/terminal.js');
      const iso = (t: number) => new Date(t).toISOString();
      if (options.json) return printJson({ calendar: cal.name, from: iso(from), ...(businessMs === null ? { workingDays: count } : { businessMs }), at: iso(at) });
      const what = businessMs === null ? `${count} working day${count === 1 ? '' : 's'}` : `${count} business hour${count === 1 ? '' : 's'}`;
      print(`${bt.localWallTime(cal.zone, at)} ${cal.zone} (${iso(at)}): ${what} after ${bt.localWallTime(cal.zone, from)} on ${cal.name}`);
    });
}
