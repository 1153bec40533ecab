import type { Command } from 'commander';
import { AVAILABILITIES, type Availability } from '../../api/enums.js';
import { oneOf } from '../options.js';
import type { GlobalOptions } from '../session.js';

export function registerAvailabilityCommand(program: Command): void {
  program
    .command('availability')
    .description('Show or set your availability: online, away or offline (offline agents cannot claim)')
    .argument('[state]', AVAILABILITIES.join(' | '), oneOf(AVAILABILITIES))
    .option('--json', 'print your agent profile as JSON')
    .addHelpText('after', '\nExamples:\n  $ support availability online\n  $ support availability')
    .action(async (state: Availability | undefined, options: { json?: boolean }, command: Command) => {
      const { authenticatedClient } = await import('../session.js');
      const client = authenticatedClient(command.optsWithGlobals<GlobalOptions>());
      const agent = state ? await client.me.setAvailability(state) : await client.agents.get((await client.me.get()).agent.id);
      const { printJson, note, print } = await import('../output/terminal.js');
      if (options.json) {
        printJson({ agent });
        return;
      }
      const { sanitize } = await import('../../api/text/sanitize.js');
      const line = `${sanitize(agent.name, { multiline: false })} is ${agent.availability} · ${agent.openConversations} of ${agent.capacity} open conversations`;
      if (state) note(`✓ ${line}`);
      else print(line);
    });
}
