import { InvalidArgumentError, type Command } from 'commander';
import { LANGUAGES, type Language } from '../../api/enums.js';
import type { Announcement, CustomerTexts } from '../../api/types.js';
import type { SupportClient } from '../../client/support-client.js';
import type { GlobalOptions } from '../session.js';

function languageText(value: string, previous: CustomerTexts = {}): CustomerTexts {
  const at = value.indexOf('=');
  const lang = value.slice(0, at) as Language;
  if (at < 1 || !(LANGUAGES as readonly string[]).includes(lang) || !value.slice(at + 1).trim()) {
    throw new InvalidArgumentError(`"${value}" is not LANG=TEXT with LANG one of ${LANGUAGES.join(', ')}.`);
  }
  return { ...previous, [lang]: value.slice(at + 1) };
}

function instant(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidArgumentError(`"${value}" is not a time (use ISO 8601, e.g. 2026-12-06T01:00:00Z).`);
  return new Date(ms).toISOString();
}

function announcementId(value: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`"${value}" is not an announcement id.`);
  return Number(value);
}

async function client(command: Command): Promise<SupportClient> {
  const { authenticatedClient } = await import('../session.js');
  return authenticatedClient(command.optsWithGlobals<GlobalOptions>());
}

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ') + 'Z';

async function printAnnouncements(list: Announcement[]): Promise<void> {
  const { print } = await import('../output/terminal.js');
  if (list.length === 0) {
    print('No maintenance windows.');
    return;
  }
  const { renderTable } = await import('../output/table.js');
  const { sanitize } = await import('../../api/text/sanitize.js');
  print(
    renderTable(
      [
        { header: 'ID', value: (a: Announcement) => String(a.id), minWidth: Infinity },
        { header: 'STATE', value: (a) => a.state },
        { header: 'FROM', value: (a) => when(a.startsAt) },
        { header: 'TO', value: (a) => when(a.endsAt) },
        { header: 'TITLE', value: (a) => sanitize(a.title), flexible: true },
        { header: 'UNAVAILABLE', value: (a) => sanitize(a.unavailable), flexible: true },
      ],
      list,
    ),
  );
}

export function registerAnnouncementCommands(program: Command): void {
  const announcement = program
    .command('announcement')
    .description('Maintenance windows: scheduled, shown to agents and to the wallet app')
    .addHelpText('after', '\nExamples:\n  $ support announcement list\n  $ support announcement cancel 2');

  announcement
    .command('create')
    .description('Schedule a maintenance window (supervisors)')
    .requiredOption('--title <text>', 'what agents see in the banner')
    .requiredOption('--unavailable <text>', 'what does not work during the window')
    .requiredOption('--from <time>', 'start (ISO 8601)', instant)
    .requiredOption('--to <time>', 'end (ISO 8601)', instant)
    .option('--text <lang=text>', `customer text, repeatable (${LANGUAGES.join(', ')}); en is required`, languageText)
    .option('--json', 'print the announcement as JSON')
    .addHelpText('after', '\nExample:\n  $ support announcement create --title "Bank BCA maintenance" --unavailable "BCA top-ups" \\\n      --from 2026-12-06T01:00:00Z --to 2026-12-06T03:00:00Z --text en="BCA top-ups pause 01:00-03:00 UTC" --text id="Top-up BCA berhenti 08:00-10:00 WIB"')
    .action(async (options: { title: string; unavailable: string; from: string; to: string; text?: CustomerTexts; json?: boolean }, command: Command) => {
      const created = await (await client(command)).announcements.create({ title: options.title, unavailable: options.unavailable, startsAt: options.from, endsAt: options.to, texts: options.text ?? {} });
      const { note, printJson } = await import('../output/terminal.js');
      if (options.json) printJson(created);
      else note(`✓ Announcement ${created.id} scheduled: ${when(created.startsAt)} to ${when(created.endsAt)}`);
    });

  announcement
    .command('list')
    .description('Maintenance windows not ended or cancelled, soonest first')
    .addHelpText('after', '\nExamples:\n  $ support announcement list\n  $ support announcement list --json')
    .option('--all', 'ended and cancelled ones too')
    .option('--json', 'print {data} as JSON')
    .action(async (options: { all?: boolean; json?: boolean }, command: Command) => {
      const page = await (await client(command)).announcements.list(options.all ?? false);
      const { printJson } = await import('../output/terminal.js');
      if (options.json) printJson(page);
      else await printAnnouncements(page.data);
    });

  announcement
    .command('cancel')
    .description('Cancel a scheduled or running window (supervisors)')
    .argument('<announcement>', 'announcement id', announcementId)
    .addHelpText('after', '\nExample:\n  $ support announcement cancel 2')
    .option('--json', 'print the announcement as JSON')
    .action(async (id: number, options: { json?: boolean }, command: Command) => {
      const cancelled = await (await client(command)).announcements.cancel(id);
      const { note, printJson } = await import('../output/terminal.js');
      if (options.json) printJson(cancelled);
      else note(`✓ Announcement ${id} cancelled`);
    });
}
