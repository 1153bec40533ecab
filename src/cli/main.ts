// The entry point stays tiny: `support --version` answers before commander or anything else loads.
import { exitQuietlyOnBrokenPipe } from './output/broken-pipe.js';

declare const SUPPORT_VERSION: string;
const version = typeof SUPPORT_VERSION === 'string' ? SUPPORT_VERSION : '0.0.0-dev';

exitQuietlyOnBrokenPipe();

const argv = process.argv.slice(2);
const readOnly = argv.includes('--read-only');
const rest = argv.filter((a) => a !== '--read-only');
const onlyProfile = rest.length === 0 || (rest.length === 2 && rest[0] === '--profile');
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${version}\n`);
} else if (onlyProfile && process.stdin.isTTY && process.stdout.isTTY) {
  // Bare `support` on a terminal opens the workspace: the command-line parser is not needed.
  const { openWorkspaceFor } = await import('./open-workspace.js');
  process.exitCode = await openWorkspaceFor(rest[1], { readOnly });
} else {
  const { run } = await import('./run.js');
  process.exitCode = await run(argv, version);
}

export {};
