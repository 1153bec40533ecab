import { CommanderError } from 'commander';
import { EXIT } from './output/exit-codes.js';
import { reportError } from './output/report-error.js';
import { buildProgram } from './program.js';

/**
 * Bare `support` on a terminal: the workspace. The first queue page and the agent are fetched while
 * the terminal UI's code loads, so the first frame has data.
 */
async function openWorkspaceFor(profile: string | undefined): Promise<void> {
  const { authenticatedClient } = await import('./session.js');
  const client = authenticatedClient({ ...(profile ? { profile } : {}) });
  const me = client.me();
  const { DEFAULT_QUEUE_STATUS } = await import('../tui/queue-view.js');
  const firstPage = client.queue({ status: DEFAULT_QUEUE_STATUS, limit: 200 });
  // Settled here so an early failure is not reported as unhandled; the workspace reads the outcome.
  firstPage.catch(() => {});
  const workspace = import('./workspace.js');
  const { agent } = await me;
  const { resolveCredentials } = await import('./config/profiles.js');
  const { openWorkspace } = await workspace;
  await openWorkspace(client, agent, resolveCredentials(profile).profile, firstPage);
}

export async function run(argv: string[], version: string): Promise<number> {
  const program = buildProgram(version);

  const onlyGlobals = argv.length === 0 || (argv.length === 2 && argv[0] === '--profile');
  if (onlyGlobals) {
    // Bare `support`: the workspace on a terminal; help (exit 0) anywhere else, never a hang.
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      process.stdout.write(program.helpInformation());
      return EXIT.ok;
    }
    try {
      await openWorkspaceFor(argv[1]);
      return EXIT.ok;
    } catch (error) {
      return reportError(error);
    }
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
