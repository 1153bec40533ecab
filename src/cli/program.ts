import { Command, Help } from 'commander';
import { sanitize } from '../api/text/sanitize.js';
import { HELP_TOPICS_LINE } from './help-topics.js';
import { effectOf } from './command-effects.js';
import { addOutputOptions } from './output/output-options.js';
import { completedAs } from './completion/hints.js';
import { pagerCommand, startPager } from './output/pager.js';
import { ALL_COMMAND_FILES, loadCommandFiles, NOUNS, type CommandFile } from './nouns.js';

/** Nouns whose file was not loaded: listed from the noun table, never run. */
const listedOnly = new WeakMap<Command, string>();

/**
 * The program with the commands of these files, and every other noun as a line of the listing (its
 * name, alias and description), enough for `support --help` and for suggestions after a typo.
 */
export async function buildProgram(version: string, files: readonly CommandFile[] | 'all'): Promise<Command> {
  const registers = await loadCommandFiles(files === 'all' ? ALL_COMMAND_FILES : files);
  const program = new Command('support')
    .description('The terminal workspace of an e-wallet support desk.\nRun without arguments in a terminal to open the workspace.')
    .version(version, '-V, --version')
    .option('--profile <name>', 'use this profile instead of the current one (or SUPPORT_PROFILE)', completedAs({ live: 'profile' }))
    .option('--read-only', 'refuse every command that changes the desk (or SUPPORT_READ_ONLY=1, or per profile)')
    .option('--no-pager', 'print long output directly instead of through the pager (SUPPORT_PAGER, PAGER, less -FRX)')
    .showSuggestionAfterError()
    // Before any subcommand exists: subcommands copy these settings when they are created.
    .exitOverride()
    // Commander's errors quote what was typed: sanitised like everything else the CLI prints.
    .configureOutput({ outputError: (text, write) => write(sanitize(text)) })
    .configureHelp({
      sortSubcommands: false,
      subcommandTerm(cmd) {
        return listedOnly.get(cmd) ?? Help.prototype.subcommandTerm.call(this, cmd);
      },
    })
    .addHelpText(
      'after',
      '\nStart here:\n  $ support demo                      try it on a local demo desk\n  $ support login --api URL           connect to your desk\n  $ support                           open the workspace\n\nExit codes: 0 ok, 1 failed, 2 usage error or cancelled, 3 some items failed, 4 not logged in or not allowed.\n' +
        `${HELP_TOPICS_LINE}`,
    );
  const registered = new Set<CommandFile>();
  for (const noun of NOUNS) {
    const register = registers.get(noun.file);
    if (!register) {
      const line = program.command(noun.name).description(noun.description);
      if (noun.alias) line.alias(noun.alias);
      listedOnly.set(line, noun.term);
    } else if (!registered.has(noun.file)) {
      registered.add(noun.file);
      for (const r of register) r(program);
    }
  }
  // Read-only mode first: a command it refuses does nothing else, not even load a jq engine.
  program.hook('preAction', async (_program, action) => {
    if (effectOf(action) === 'changes') (await import('./read-only.js')).refuseChangesWhenReadOnly(action);
  });
  addOutputOptions(program);
  // Long output of a command that reads goes through a pager on a terminal; never a live view (--watch).
  program.hook('preAction', async (root, action) => {
    if (effectOf(action) !== 'reads' || action.opts<{ watch?: boolean }>().watch) return;
    const command = pagerCommand(process.env, { stdoutIsTty: Boolean(process.stdout.isTTY), noPager: root.opts<{ pager: boolean }>().pager === false });
    if (command) startPager(command);
  });
  return program;
}
