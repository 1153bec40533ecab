import type { Command } from 'commander';
import type { GlobalOptions } from '../session.js';

interface DeskOptions {
  json?: boolean;
  watch?: boolean;
  tz?: string;
}

export function registerDeskCommand(program: Command): void {
  program
    .command('desk')
    .description('The supervisor board: agents, the queue, SLA at risk, today, 12 hours of volume, complaints and refunds waiting')
    .option('-w, --watch', 'keep watching: redrawn as live events arrive (and every 10 s for the clocks); with --json, one snapshot per line')
    .option('--tz <zone>', 'where "today" starts: an IANA time zone such as Asia/Jakarta (default UTC)')
    .option('--json', 'print the snapshot as JSON (GET /v1/desk)')
    .addHelpText(
      'after',
      '\nSupervisors and admins only. Bars and charts carry their numbers, so they read the same without colour.\n\nExamples:\n  $ support desk\n  $ support desk --watch --tz Asia/Jakarta\n  $ support desk --json | jq \'.queue.waiting\'',
    )
    .action(async (options: DeskOptions, command: Command) => {
      const { authenticatedClient } = await import('../session.js');
      const client = authenticatedClient(command.optsWithGlobals<GlobalOptions>());
      const query = options.tz ? { tz: options.tz } : {};
      if (options.watch) {
        const { watchDesk } = await import('../views/desk-watch.js');
        await watchDesk(client, query, { json: options.json ?? false });
        return;
      }
      const board = await client.desk.get(query);
      const { printJson } = await import('../output/terminal.js');
      if (options.json) {
        printJson(board);
        return;
      }
      const { deskText } = await import('../views/desk-view.js');
      process.stdout.write(deskText(board, Date.now(), process.stdout.columns || 80));
    });
}
