import { InvalidArgumentError, type Command } from 'commander';
import { TRANSACTION_STATUSES, TRANSACTION_TYPES, type TransactionStatus, type TransactionType } from '../../api/enums.js';
import type { SupportClient } from '../../client/support-client.js';
import { parseDuration, parseWhen } from '../../api/text/time-input.js';
import { CliError } from '../output/cli-error.js';
import { EXIT } from '../output/exit-codes.js';
import { oneOf, positiveInt } from '../options.js';
import type { GlobalOptions } from '../session.js';

async function client(command: Command): Promise<SupportClient> {
  const { authenticatedClient } = await import('../session.js');
  return authenticatedClient(command.optsWithGlobals<GlobalOptions>());
}

/** "7d", "24h" back from now, or an ISO 8601 time. */
function since(value: string): string {
  const duration = parseDuration(value);
  const at = duration !== undefined ? Date.now() - duration : parseWhen(value, Date.now());
  if (at === undefined) throw new InvalidArgumentError(`"${value}" is neither a duration (7d, 24h) nor a time (2026-11-24T09:00).`);
  return new Date(at).toISOString();
}

/**
 * A customer id as given, or the one customer a phone number or email finds (through the lookup).
 * None or several: an error that says so, with what was tried.
 */
async function resolveCustomer(api: SupportClient, who: string): Promise<string> {
  if (/^cus_[0-9A-Za-z]{6,32}$/.test(who)) return who;
  const result = await api.search.find(who, { kinds: ['customers'] });
  const usable = result.tried.includes('phone') || result.tried.includes('email');
  if (!usable) throw new CliError(`"${who}" is not a customer id (cus_…), a phone number or an email; to search by name: support find ${JSON.stringify(who)}`, EXIT.usage);
  if (result.customers.length === 0) throw new CliError(`no customer has ${result.phone ? `the number ${result.phone}` : `the email ${who}`}; to search otherwise: support find`, EXIT.failed);
  if (result.customers.length > 1) {
    throw new CliError(`${result.customers.length} customers have ${result.phone ?? who}: ${result.customers.map((c) => c.id).join(', ')}; give the id`, EXIT.usage);
  }
  return result.customers[0]!.id;
}

export function registerCustomerCommands(program: Command): void {
  const customer = program.command('customer').description('A customer: profile, wallets, transactions, conversations')
    .addHelpText('after', '\nExamples:\n  $ support customer show cus_8fK2mQ7xLp\n  $ support customer transactions cus_8fK2mQ7xLp --status failed');

  customer
    .command('show')
    .description('Show a customer’s details, phone and email whole (recorded in the audit log as customer.view)')
    .argument('<who>', 'customer id, phone number (any writing) or email')
    .option('--json', 'print the customer context as JSON')
    .addHelpText('after', '\nExamples:\n  $ support customer show cus_8fK2mQ7xLp\n  $ support customer show "0812 3456 7890"\n  $ support customer show siti.rahma@mail.example --json | jq .accounts')
    .action(async (who: string, options: { json?: boolean }, command: Command) => {
      const api = await client(command);
      const context = await api.customers.get(await resolveCustomer(api, who));
      const { printJson } = await import('../output/terminal.js');
      if (options.json) {
        printJson(context);
        return;
      }
      const { printCustomer } = await import('../views/lookup-view.js');
      printCustomer(context);
    });

  customer
    .command('transactions')
    .description('A customer’s transactions across their wallets, newest first, with what is left to refund')
    .argument('<who>', 'customer id, phone number or email')
    .option('--status <status>', `only ${TRANSACTION_STATUSES.join(', ')}`, oneOf(TRANSACTION_STATUSES))
    .option('--type <type>', `only ${TRANSACTION_TYPES.join(', ')}`, oneOf(TRANSACTION_TYPES))
    .option('--since <when>', 'only since: a duration back from now (7d, 24h) or a time (2026-11-24T09:00)', since)
    .option('--refundable', 'only payments with something left to refund')
    .option('-L, --limit <n>', 'how many transactions (1-10000)', positiveInt(10_000), 50)
    .option('--cursor <cursor>', 'continue after a previous page (from --json nextCursor)')
    .option('--json', 'print {data, nextCursor} as JSON')
    .addHelpText('after', '\nExamples:\n  $ support customer transactions cus_8fK2mQ7xLp --status failed --since 7d\n  $ support customer transactions "+62 812-3456-7890" --type payment --refundable\n  $ support customer transactions cus_8fK2mQ7xLp --json | jq -r \'.data[].id\'')
    .action(async (who: string, options: { status?: TransactionStatus; type?: TransactionType; since?: string; refundable?: boolean; limit: number; cursor?: string; json?: boolean }, command: Command) => {
      const api = await client(command);
      const id = await resolveCustomer(api, who);
      const query = {
        ...(options.status ? { status: options.status } : {}),
        ...(options.type ? { type: options.type } : {}),
        ...(options.since ? { since: options.since } : {}),
        ...(options.refundable ? { refundable: true } : {}),
      };
      const { collectPages } = await import('../../client/collect-pages.js');
      const { data, nextCursor } = await collectPages((page) => api.customers.transactions(id, { ...query, ...page }), options);
      const { printJson } = await import('../output/terminal.js');
      if (options.json) {
        printJson({ data, nextCursor });
        return;
      }
      const { printTransactionTable } = await import('../views/lookup-view.js');
      printTransactionTable(data, nextCursor);
    });

  customer
    .command('complaints')
    .description('A customer’s complaints across their conversations, closed ones too, what is due first first')
    .argument('<who>', 'customer id, phone number or email')
    .option('-L, --limit <n>', 'how many complaints (1-10000)', positiveInt(10_000), 50)
    .option('--cursor <cursor>', 'continue after a previous page (from --json nextCursor)')
    .option('--json', 'print {data, nextCursor} as JSON')
    .addHelpText('after', '\nExamples:\n  $ support customer complaints cus_8fK2mQ7xLp\n  $ support customer complaints "0812 3456 7890" --json | jq -r \'.data[].number\'')
    .action(async (who: string, options: { limit: number; cursor?: string; json?: boolean }, command: Command) => {
      const api = await client(command);
      const id = await resolveCustomer(api, who);
      const { collectPages } = await import('../../client/collect-pages.js');
      const { data, nextCursor } = await collectPages((page) => api.complaints.list({ customerId: id, ...page }), options);
      const { printComplaintPage } = await import('../views/complaint-view.js');
      printComplaintPage({ data, nextCursor }, options.json);
    });

  customer
    .command('conversations')
    .description('Every conversation of a customer across channels, newest first')
    .argument('<who>', 'customer id, phone number or email')
    .option('-L, --limit <n>', 'how many conversations (1-10000)', positiveInt(10_000), 50)
    .option('--cursor <cursor>', 'continue after a previous page (from --json nextCursor)')
    .option('--json', 'print {data, nextCursor} as JSON')
    .addHelpText('after', '\nExamples:\n  $ support customer conversations cus_8fK2mQ7xLp\n  $ support customer conversations "+62 812-3456-7890" --json | jq -r \'.data[] | "\\(.id) \\(.channel) \\(.subject)"\'')
    .action(async (who: string, options: { limit: number; cursor?: string; json?: boolean }, command: Command) => {
      const api = await client(command);
      const id = await resolveCustomer(api, who);
      const { collectPages } = await import('../../client/collect-pages.js');
      const { data, nextCursor } = await collectPages((page) => api.customers.conversations(id, page), options);
      const { printJson } = await import('../output/terminal.js');
      if (options.json) {
        printJson({ data, nextCursor });
        return;
      }
      const { printQueueTable } = await import('../views/queue-table.js');
      printQueueTable(data, nextCursor);
    });
}
