import { CommanderError } from 'commander';
import { EXIT } from './output/exit-codes.js';
import { reportError } from './output/report-error.js';
import { commandFilesFor } from './invoked-noun.js';
import { expandJsonFieldList } from './output/output-options.js';
import { stopPager } from './output/pager.js';
import { buildProgram } from './program.js';

/** gh's `--json id,subject`: a word after --json that reads as a field list, for the hint when it was taken as an argument. */
function fieldListAfterJson(argv: readonly string[]): string | undefined {
  const next = argv[argv.indexOf('--json') + 1];
  return argv.includes('--json') && next && /^[A-Za-z_]\w*(,[A-Za-z_]\w*)*$/.test(next) ? next : undefined;
}

export async function run(argv: string[], version: string): Promise<number> {
  // The shell completion scripts' question, not a command of the program (not listed, not parsed).
  if (argv[0] === '__complete') return (await import('./completion/run-complete.js')).runComplete(argv.slice(1), version);
  if (argv.length === 2 && argv[0] === 'help') {
    const { HELP_TOPICS } = await import('./help-topics.js');
    const topic = HELP_TOPICS[argv[1]!];
    if (topic) {
      process.stdout.write(topic.text);
      return EXIT.ok;
    }
  }
  // Only the invoked noun's commands are built: the others' files are not even loaded.
  const program = await buildProgram(version, commandFilesFor(argv));

  // Bare `support` without a terminal (main.ts opens the workspace on one): help, exit 0, never a hang.
  const rest = argv.filter((a) => a !== '--read-only');
  if (rest.length === 0 || (rest.length === 2 && rest[0] === '--profile')) {
    process.stdout.write(program.helpInformation());
    return EXIT.ok;
  }
  try {
    try {
      await program.parseAsync(expandJsonFieldList(argv), { from: 'user' });
    } finally {
      // Before any error is reported: the pager has the terminal until it is quit.
      await stopPager();
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return error.exitCode === 0 || error.code !== 'commander.help' ? EXIT.ok : EXIT.usage;
      }
      const fields = fieldListAfterJson(argv);
      if (fields && (error.code === 'commander.excessArguments' || error.code === 'commander.invalidArgument')) {
        process.stderr.write(`to choose fields, write --json=${fields} (or --fields ${fields}): a word after --json is the command's own argument\n`);
      }
      return EXIT.usage;
    }
    return reportError(error);
  }
}
