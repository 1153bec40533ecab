import { CommanderError } from 'commander';
import { EXIT } from './output/exit-codes.js';
import { reportError } from './output/report-error.js';
import { buildProgram } from './program.js';

declare const SUPPORT_VERSION: string;
const version = typeof SUPPORT_VERSION === 'string' ? SUPPORT_VERSION : '0.0.0-dev';

async function openWorkspaceFor(profile: string | undefined): Promise<void> {
  const { authenticatedClient } = await import('./session.js');
  const client = authenticatedClient({ ...(profile ? { profile } : {}) });
  const me = await client.me();
  const { resolveCredentials } = await import('./config/profiles.js');
  const { openWorkspace } = await import('./workspace.js');
  await openWorkspace(client, me.agent, resolveCredentials(profile).profile);
}

export async function main(argv: string[]): Promise<number> {
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

process.exitCode = await main(process.argv.slice(2));
