import type { Command } from 'commander';
import type { GlobalOptions } from '../session.js';

export function registerClaimCommand(program: Command): void {
  program
    .command('claim')
    .description('Take the next conversation in the queue (SLA order, within your channels, categories and capacity)')
    .option('--json', 'print {conversation} as JSON')
    .addHelpText(
      'after',
      '\nFails (exit 1) when nothing waits for you (queue_empty), you hold your capacity (at_capacity) or you are offline (agent_unavailable).\n\nExamples:\n  $ support claim\n  $ id=$(support claim --json | jq .conversation.id) && support conversation show "$id"',
    )
    .action(async (options: { json?: boolean }, command: Command) => {
      const { authenticatedClient } = await import('../session.js');
      const client = authenticatedClient(command.optsWithGlobals<GlobalOptions>());
      const conversation = await client.queue.claimNext();
      const { printJson, note } = await import('../output/terminal.js');
      if (options.json) {
        printJson({ conversation });
        return;
      }
      const { conversationLine } = await import('../views/conversation-line.js');
      note(`✓ Claimed ${conversationLine(conversation)}`);
      note(`  next: support conversation show ${conversation.id}`);
    });
}
