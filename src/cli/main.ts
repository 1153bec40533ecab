// The entry point stays tiny: `support --version` answers before commander or anything else loads.
declare const SUPPORT_VERSION: string;
const version = typeof SUPPORT_VERSION === 'string' ? SUPPORT_VERSION : '0.0.0-dev';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${version}\n`);
} else {
  const { run } = await import('./run.js');
  process.exitCode = await run(argv, version);
}

export {};
