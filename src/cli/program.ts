import { Command } from 'commander';
import { sanitize } from '../api/text/sanitize.js';
import { registerAccountCommands } from './commands/account.js';
import { registerAuditCommand } from './commands/audit.js';
import { registerAgentCommands } from './commands/agent.js';
import { registerAuthCommands } from './commands/auth.js';
import { registerBulkCommands } from './commands/bulk.js';
import { registerAvailabilityCommand } from './commands/availability.js';
import { registerClaimCommand } from './commands/claim.js';
import { registerConfigCommands } from './commands/config.js';
import { registerComplaintCommands } from './commands/complaint.js';
import { registerConversationCommands } from './commands/conversation.js';
import { registerConversationWorkflowCommands } from './commands/conversation-workflow.js';
import { registerConversationStartCommands } from './commands/conversation-start.js';
import { registerCustomerCommands } from './commands/customer.js';
import { registerFindCommand } from './commands/find.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerMacroCommands } from './commands/macro.js';
import { registerQueueCommand } from './commands/queue.js';
import { registerRefundCommands } from './commands/refund.js';
import { registerServerCommand } from './commands/server.js';
import { registerSlaCommands } from './commands/sla.js';

/** One registration per noun file, in the order `support --help` lists them. */
const NOUNS: ((program: Command) => void)[] = [
  registerAuthCommands,
  registerQueueCommand,
  registerClaimCommand,
  registerConversationCommands,
  registerConversationWorkflowCommands,
  // Finding the customer and conversations agents start (issue 14).
  registerConversationStartCommands,
  registerFindCommand,
  registerCustomerCommands,
  registerAvailabilityCommand,
  registerAgentCommands,
  registerSlaCommands,
  registerMacroCommands,
  registerComplaintCommands,
  // Money and account actions (issue 5).
  registerAccountCommands,
  registerRefundCommands,
  registerAuditCommand,
  // Admin bulk actions from files (issue 7).
  registerBulkCommands,
  registerConfigCommands,
  registerServerCommand,
  registerDemoCommand,
];

export function buildProgram(version: string): Command {
  const program = new Command('support')
    .description('The terminal workspace of an e-wallet support desk.\nRun without arguments in a terminal to open the workspace.')
    .version(version, '-V, --version')
    .option('--profile <name>', 'use this profile instead of the current one (or SUPPORT_PROFILE)')
    .showSuggestionAfterError()
    // Before any subcommand exists: subcommands copy these settings when they are created.
    .exitOverride()
    // Commander's errors quote what was typed: sanitised like everything else the CLI prints.
    .configureOutput({ outputError: (text, write) => write(sanitize(text)) })
    .configureHelp({ sortSubcommands: false })
    .addHelpText(
      'after',
      '\nStart here:\n  $ support demo                      try it on a local demo desk\n  $ support login --api URL           connect to your desk\n  $ support                           open the workspace\n\nExit codes: 0 ok, 1 failed, 2 usage error or cancelled, 3 some items failed, 4 not logged in or not allowed.',
    );
  for (const register of NOUNS) register(program);
  return program;
}
