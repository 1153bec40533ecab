import type { Command } from 'commander';
import { PRIORITIES, SLA_CLOCK_MODES, type Priority, type SlaClockMode } from '../../api/enums.js';
import type { SlaPolicy } from '../../api/types.js';
import { usageError } from '../output/cli-error.js';
import { oneOf } from '../options.js';
import type { GlobalOptions } from '../session.js';

async function duration(flag: string, value: string | undefined): Promise<number | undefined> {
  if (value === undefined) return undefined;
  const { parseDuration } = await import('../../api/text/time-input.js');
  const ms = parseDuration(value);
  if (ms === undefined) throw usageError(`${flag} "${value}": use a duration such as 5m, 2h, 1h30m or 3d`);
  return ms;
}

export function registerSlaCommands(program: Command): void {
  const sla = program.command('sla').description('Service levels per priority: first response, next response, resolution')
    .addHelpText('after', '\nExamples:\n  $ support sla show\n  $ support --profile admin sla set urgent --first-response 5m');

  sla
    .command('show')
    .description('The SLA targets of each priority')
    .addHelpText('after', '\nExamples:\n  $ support sla show\n  $ support sla show --json')
    .option('--json', 'print {data} as JSON (targets in milliseconds)')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { authenticatedClient } = await import('../session.js');
      const policies = await authenticatedClient(command.optsWithGlobals<GlobalOptions>()).slaPolicies.list();
      const { printJson } = await import('../output/terminal.js');
      if (options.json) {
        printJson({ data: policies });
        return;
      }
      const { renderTable } = await import('../output/table.js');
      const { compactDuration } = await import('../../api/text/durations.js');
      process.stdout.write(
        renderTable<SlaPolicy>(
          [
            { header: 'PRIORITY', value: (p) => p.priority },
            { header: 'FIRST RESPONSE', value: (p) => compactDuration(p.firstResponseMs), align: 'right' },
            { header: 'NEXT RESPONSE', value: (p) => compactDuration(p.nextResponseMs), align: 'right' },
            { header: 'RESOLUTION', value: (p) => compactDuration(p.resolutionMs), align: 'right' },
            { header: 'CLOCK', value: (p) => (p.clock === 'business' ? 'business hours' : 'around the clock') },
            { header: 'CHANGED', value: (p) => `${p.updatedAt}${p.updatedBy ? ` by ${p.updatedBy.name}` : ''}` },
          ],
          policies,
        ),
      );
    });

  sla
    .command('set')
    .description('Change the targets of one priority (admins); running clocks keep their due times')
    .argument('<priority>', PRIORITIES.join(' | '), oneOf(PRIORITIES))
    .option('--first-response <duration>', 'time to the first reply (5m, 2h…)')
    .option('--next-response <duration>', 'time to answer each later customer message')
    .option('--resolution <duration>', 'time to resolve')
    .option('--clock <mode>', 'calendar (around the clock) | business (the team calendar’s business hours)', oneOf(SLA_CLOCK_MODES))
    .option('--json', 'print {data} (every policy) as JSON')
    .addHelpText('after', '\nExamples:\n  $ support sla set urgent --first-response 5m --next-response 10m --resolution 4h\n  $ support sla set low --resolution 5d\n  $ support sla set normal --clock business')
    .action(async (priority: Priority, options: { firstResponse?: string; nextResponse?: string; resolution?: string; clock?: SlaClockMode; json?: boolean }, command: Command) => {
      const firstResponseMs = await duration('--first-response', options.firstResponse);
      const nextResponseMs = await duration('--next-response', options.nextResponse);
      const resolutionMs = await duration('--resolution', options.resolution);
      if (firstResponseMs === undefined && nextResponseMs === undefined && resolutionMs === undefined && options.clock === undefined) {
        throw usageError('say what to change: --first-response, --next-response, --resolution and/or --clock');
      }
      const { authenticatedClient } = await import('../session.js');
      const client = authenticatedClient(command.optsWithGlobals<GlobalOptions>());
      const current = (await client.slaPolicies.list()).find((p) => p.priority === priority);
      const policies = await client.slaPolicies.set([
        {
          priority,
          firstResponseMs: firstResponseMs ?? current?.firstResponseMs ?? 0,
          nextResponseMs: nextResponseMs ?? current?.nextResponseMs ?? 0,
          resolutionMs: resolutionMs ?? current?.resolutionMs ?? 0,
          ...(options.clock ? { clock: options.clock } : {}),
        },
      ]);
      const { printJson, note } = await import('../output/terminal.js');
      if (options.json) {
        printJson({ data: policies });
        return;
      }
      const { compactDuration } = await import('../../api/text/durations.js');
      const set = policies.find((p) => p.priority === priority)!;
      note(`✓ ${priority}: first response ${compactDuration(set.firstResponseMs)}, next response ${compactDuration(set.nextResponseMs)}, resolution ${compactDuration(set.resolutionMs)}, ${set.clock === 'business' ? 'in business hours' : 'around the clock'}`);
    });
}
