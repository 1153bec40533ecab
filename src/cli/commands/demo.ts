import type { Command } from 'commander';
import { CliError } from '../output/cli-error.js';
import { EXIT } from '../output/exit-codes.js';

interface DemoOptions {
  as: string;
  keep?: boolean;
  simulate: boolean;
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Try support: a demo desk on a local server, logged in, in the terminal UI')
    .addHelpText('after', '\nExamples:\n  $ support demo\n  $ support demo --as lead@example.com --no-simulate')
    .option('--as <email>', 'demo agent to log in as (lead@example.com is a supervisor)', 'agent@example.com')
    .option('--keep', 'keep the demo database from the last run instead of starting fresh')
    .option('--no-simulate', 'no simulated customers (by default one writes, or a conversation arrives, every few seconds)')
    .action(async (options: DemoOptions) => {
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        throw new CliError('support demo opens the terminal UI and needs a terminal; for the API alone run `support server --demo`', EXIT.usage);
      }
      const { mkdirSync } = await import('node:fs');
      const { dataDir } = await import('../config/paths.js');
      const { claimDemoDatabase } = await import('../demo-database.js');
      mkdirSync(dataDir(), { recursive: true });
      const claimed = claimDemoDatabase(dataDir(), { keep: options.keep ?? false });
      if ('busy' in claimed) {
        throw new CliError(`another demo (process ${claimed.busy}) is running on the demo database: quit it first to --keep its data, or leave out --keep for a fresh demo of your own`, EXIT.failed);
      }
      if (claimed.sharedWith !== undefined) {
        process.stderr.write(`Another demo (process ${claimed.sharedWith}) is running: this one gets a fresh database of its own, removed when you quit.\n`);
      }
      const file = claimed.file;
      const { startServer } = await import('../../server/start.js');
      const { DEMO_PASSWORD } = await import('../../server/demo/seed.js');
      let server;
      try {
        server = await startServer({ store: { engine: 'sqlite', file }, demo: true, port: 0, simulate: options.simulate });
      } catch (error) {
        claimed.release();
        throw error;
      }
      try {
        const { anonymousClient, USER_AGENT } = await import('../session.js');
        const login = await anonymousClient(server.url).auth.login(options.as, DEMO_PASSWORD);
        const { SupportClient } = await import('../../client/support-client.js');
        const client = new SupportClient({ baseUrl: server.url, token: login.token, userAgent: USER_AGENT });
        const { openWorkspace } = await import('../workspace.js');
        await openWorkspace(client, login.agent, claimed.workspace);
      } finally {
        await server.close();
        claimed.release();
      }
    });
}
