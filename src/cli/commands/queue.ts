import type { Command } from 'commander';
import { CATEGORIES, CHANNELS, CONVERSATION_STATUSES, PRIORITIES } from '../../api/enums.js';
import type { QueueViewDef } from '../../api/queue-views.js';
import type { QueueQuery } from '../../api/types.js';
import { usageError } from '../output/cli-error.js';
import { completedAs } from '../completion/hints.js';
import { incidentId, oneOf, positiveInt } from '../options.js';
import type { GlobalOptions } from '../session.js';

interface QueueOptions {
  status?: string;
  channel?: QueueQuery['channel'];
  priority?: QueueQuery['priority'];
  category?: QueueQuery['category'];
  assignee?: string;
  mine?: boolean;
  unassigned?: boolean;
  search?: string;
  limit: number;
  cursor?: string;
  json?: boolean;
  team?: string;
  incident?: number;
  watch?: boolean;
  view?: string;
}

function statusList(value: string): string {
  const parts = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = parts.find((p) => !(CONVERSATION_STATUSES as readonly string[]).includes(p));
  if (bad || parts.length === 0) {
    throw usageError(`--status "${value}": use one or more of ${CONVERSATION_STATUSES.join(', ')}, separated by commas`);
  }
  return parts.join(',');
}

export function queueQuery(options: QueueOptions): QueueQuery {
  if ([options.mine, options.unassigned, options.assignee].filter(Boolean).length > 1) {
    throw usageError('use only one of --mine, --unassigned and --assignee');
  }
  const assignee = options.mine ? 'me' : options.unassigned ? 'unassigned' : options.assignee;
  if (assignee && !/^(me|unassigned|any|agt_[0-9A-Za-z]{6,32})$/.test(assignee)) {
    throw usageError(`--assignee "${assignee}": use me, unassigned, any or an agent id (agt_…)`);
  }
  return {
    ...(options.status ? { status: statusList(options.status) } : {}),
    ...(options.channel ? { channel: options.channel } : {}),
    ...(options.priority ? { priority: options.priority } : {}),
    ...(options.category ? { category: options.category } : {}),
    ...(assignee ? { assignee } : {}),
    ...(options.search ? { q: options.search } : {}),
    ...(options.team ? { team: options.team } : {}),
    ...(options.incident !== undefined ? { incident: options.incident } : {}),
  };
}

/** The view named on the command line, checked: a bad or unknown one is a usage error naming the problem. */
async function chosenView(name: string, profileOption: string | undefined): Promise<QueueViewDef> {
  const { readViewsConfig, profileName } = await import('../config/profiles.js');
  const { readQueueViews } = await import('../../api/queue-views.js');
  const { views, problems } = readQueueViews(readViewsConfig(), profileName(profileOption));
  const view = views.find((v) => v.name === name);
  if (view) return view;
  const problem = problems.find((p) => p.startsWith(`views "${name}":`));
  if (problem) throw usageError(`${problem.replace(/; ignored$/, '')} (in the config file: support config path)`);
  throw usageError(`no view "${name}"${views.length ? `: the views are ${views.map((v) => `"${v.name}"`).join(', ')}` : ' (views are defined in the config file: support config path)'}`);
}

export function registerQueueCommand(program: Command): void {
  program
    .command('queue')
    .description('List conversations in SLA order: what breaches first comes first')
    .option('--status <list>', `comma-separated: ${CONVERSATION_STATUSES.join(', ')} (default open,pending)`, completedAs({ values: CONVERSATION_STATUSES, list: true }))
    .option('--channel <channel>', CHANNELS.join(' | '), oneOf(CHANNELS))
    .option('--priority <priority>', PRIORITIES.join(' | '), oneOf(PRIORITIES))
    .option('--category <category>', CATEGORIES.join(' | '), oneOf(CATEGORIES))
    .option('--assignee <who>', 'me, unassigned, any or an agent id')
    .option('--mine', 'only conversations assigned to me')
    .option('--unassigned', 'only conversations nobody has')
    .option('-q, --search <text>', 'subject, customer name or id')
    .option('--team <name>', 'only conversations routed to this team')
    .option('--incident <id>', 'only conversations linked to this incident', incidentId)
    .option('--view <name>', 'a view from the config file: its filters, columns and sort (flags given here win over its filters)', completedAs({ live: 'view' }))
    .option('-w, --watch', 'keep watching: a live view on a terminal; with --json, one event per line until Ctrl+C')
    .option('-L, --limit <n>', 'how many conversations (1-10000)', positiveInt(10_000), 30)
    .option('--cursor <cursor>', 'continue after a previous page (from --json nextCursor)')
    .option('--json', 'print {data, nextCursor} as JSON')
    .addHelpText(
      'after',
      '\nDUE shows the SLA clock: ◷ running, ! due soon (last 20 %), ✗ breached.\n\nExamples:\n  $ support queue --unassigned --priority urgent\n  $ support queue --mine --json | jq \'.data[].id\'\n  $ support queue --incident 3 --status open,pending,resolved\n  $ support queue --view "urgent chat"\n  $ support queue --watch\n  $ support queue --watch --json | jq -c \'select(.type == "sla.breached")\'',
    )
    .action(async (options: QueueOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const view = options.view === undefined ? undefined : await chosenView(options.view, globals.profile);
      const query = { ...view?.query, ...queueQuery(options) };
      if (options.watch && options.cursor) throw usageError('--watch shows the queue from the start; leave out --cursor');
      const { authenticatedClient } = await import('../session.js');
      const client = authenticatedClient(globals);
      if (options.watch) {
        const { watchQueue } = await import('../views/queue-watch.js');
        await watchQueue(client, query, { json: options.json ?? false, limit: options.limit });
        return;
      }
      const { collectPages } = await import('../../client/collect-pages.js');
      const collected = await collectPages((page) => client.queue.list({ ...query, ...page }), options);
      const data = view ? (await import('../../api/queue-views.js')).sortForView(collected.data, view.sort) : collected.data;
      const nextCursor = collected.nextCursor;

      const { printJson } = await import('../output/terminal.js');
      if (options.json) {
        printJson({ data, nextCursor });
        return;
      }
      const { printQueueTable } = await import('../views/queue-table.js');
      printQueueTable(data, nextCursor, view?.columns);
    });
}
