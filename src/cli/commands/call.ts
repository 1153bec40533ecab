import type { Command } from 'commander';
import { isApiError } from '../../client/errors.js';
import { CliError } from '../output/cli-error.js';
import { EXIT } from '../output/exit-codes.js';
import type { GlobalOptions } from '../session.js';

export function registerCallCommand(program: Command): void {
  program
    .command('call')
    .description('Open the workspace on a caller’s customer screen and log the call (a softphone or CTI can run it)')
    .argument('<phone...>', 'the caller’s number in any writing: +62 812-3456-7890, 0812 3456 7890, 62812…')
    .addHelpText(
      'after',
      [
        '',
        'One customer has the number: the workspace opens on their screen and the call is logged as a phone',
        'conversation (l ends it with its summary). Nobody has it: says so and opens the lookup with the number',
        'typed in. A number that cannot be one: the reason, exit 2.',
        '',
        'Examples:',
        '  $ support call "+62 812-3456-7890"',
        '  $ support call 0812 3456 7890',
      ].join('\n'),
    )
    .action(async (words: string[], _options: unknown, command: Command) => {
      const number = words.join(' ');
      const global = command.optsWithGlobals<GlobalOptions>();
      const { authenticatedClient } = await import('../session.js');
      const client = authenticatedClient(global);
      let result;
      try {
        result = await client.search.find(number, { kinds: ['customers'] });
      } catch (error) {
        // The server says why the number cannot be one: a usage error, as a bad argument is.
        if (isApiError(error) && error.status === 422) throw new CliError(error.message, EXIT.usage);
        throw error;
      }
      if (!result.tried.includes('phone')) throw new CliError(`"${number}" is not a phone number; to look up anything else: support find ${JSON.stringify(number)}`, EXIT.usage);
      const matched = result.customers.filter((c) => c.matched === 'phone');
      if (matched.length === 0) process.stderr.write(`no customer has this number (${result.phone ?? number})\n`);
      else if (matched.length > 1) process.stderr.write(`${matched.length} customers have this number (${result.phone ?? number}): choose one in the lookup\n`);
      if (!process.stdin.isTTY || !process.stdout.isTTY) throw new CliError('support call opens the terminal UI and needs a terminal; without one: support customer show PHONE', EXIT.usage);
      const { resolveCredentials } = await import('../config/profiles.js');
      const { openWorkspace } = await import('../workspace.js');
      const me = await client.me.get();
      const start = matched.length === 1 ? { customerId: matched[0]!.id, logCall: true } : { lookup: number };
      await openWorkspace(client, me.agent, resolveCredentials(global.profile).profile, undefined, start);
    });
}
