import { CommanderError } from 'commander';
import { EXIT } from './output/exit-codes.js';
import { reportError } from './output/report-error.js';
import { commandFilesFor } from './invoked-noun.js';
import { buildProgram } from './program.js';

export async function run(argv: string[], version: string): Promise<number> {
  // The shell completion scripts' question, not a command of the program (not listed, not parsed).
  if (argv[0] === '__complete') return (await import('./completion/run-complete.js')).runComplete(argv.slice(1), version);
  // Only the invoked noun's commands are built: the others' files are not even loaded.
  const program = await buildProgram(version, commandFilesFor(argv));

  // Bare `support` without a terminal (main.ts opens the workspace on one): help, exit 0, never a hang.
  if (argv.length === 0 || (argv.length === 2 && argv[0] === '--profile')) {
    process.stdout.write(program.helpInformation());
    return EXIT.ok;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return error.exitCode === 0 || error.code !== 'commander.help' ? EXIT.ok : EXIT.usage;
      }
      return EXIT.usage;
    }
    return reportError(error);
  }
}
