import { InvalidArgumentError, type Command } from 'commander';
import { CATEGORIES, LANGUAGES, type Category, type Language } from '../../api/enums.js';
import { completes } from '../completion/hints.js';
import { conversationId, oneOf, positiveInt } from '../options.js';
import type { GlobalOptions } from '../session.js';

/** A macro id (mac_…) or a shortcut, checked before any request is made. */
export const macroRef = completes({ live: 'macro' }, (value: string): string => {
  const ref = value.replace(/^\//, '');
  if (!/^(mac_[0-9A-Za-z]{6,32}|[a-z0-9][a-z0-9-]{0,31})$/.test(ref)) {
    throw new InvalidArgumentError(`"${value}" is not a macro shortcut (such as pay-balance) or id (mac_…).`);
  }
  return ref;
});

function prefixedId(prefix: string, what: string) {
  return (value: string): string => {
    if (!new RegExp(`^${prefix}_[0-9A-Za-z]{6,32}$`).test(value)) throw new InvalidArgumentError(`"${value}" is not a ${what} id (${prefix}_…).`);
    return value;
  };
}

interface ListOptions {
  category?: Category;
  language?: Language;
  search?: string;
  limit: number;
  cursor?: string;
  json?: boolean;
}

interface RenderOptions {
  conversation: number;
  transaction?: string;
  account?: string;
  language?: Language;
  json?: boolean;
}

export function registerMacroCommands(program: Command): void {
  const macro = program.command('macro').description('Canned responses: list them, read one, fill one in for a conversation')
    .addHelpText('after', '\nExamples:\n  $ support macro list\n  $ support macro render pay-balance -c 42');

  macro
    .command('list')
    .description('List macros by shortcut')
    .option('--category <category>', CATEGORIES.join(' | '), oneOf(CATEGORIES))
    .option('--language <language>', `only macros with a text in ${LANGUAGES.join(' | ')}`, oneOf(LANGUAGES))
    .option('-q, --search <text>', 'part of the name or shortcut')
    .option('-L, --limit <n>', 'how many macros (1-10000)', positiveInt(10_000), 1000)
    .option('--cursor <cursor>', 'continue after a previous page (from --json nextCursor)')
    .option('--json', 'print {data, nextCursor} as JSON')
    .addHelpText('after', '\nExamples:\n  $ support macro list --category refund\n  $ support macro list --json | jq -r \'.data[].shortcut\'')
    .action(async (options: ListOptions, command: Command) => {
      const { authenticatedClient } = await import('../session.js');
      const client = authenticatedClient(command.optsWithGlobals<GlobalOptions>());
      const query = {
        ...(options.category ? { category: options.category } : {}),
        ...(options.language ? { language: options.language } : {}),
        ...(options.search ? { q: options.search } : {}),
      };
      const { collectPages } = await import('../../client/collect-pages.js');
      const { data, nextCursor } = await collectPages((page) => client.macros.list({ ...query, ...page }), options);
      const { printJson } = await import('../output/terminal.js');
      if (options.json) {
        printJson({ data, nextCursor });
        return;
      }
      const { printMacroTable } = await import('../views/macro-view.js');
      printMacroTable(data, nextCursor);
    });

  macro
    .command('show')
    .description('Show a macro: its texts in every language and the variables they use')
    .addHelpText('after', '\nExamples:\n  $ support macro show refund-time\n  $ support macro show refund-time --json')
    .argument('<macro>', 'shortcut or id', macroRef)
    .option('--json', 'print the macro as JSON')
    .action(async (ref: string, options: { json?: boolean }, command: Command) => {
      const { authenticatedClient } = await import('../session.js');
      const found = await authenticatedClient(command.optsWithGlobals<GlobalOptions>()).macros.get(ref);
      const { printJson } = await import('../output/terminal.js');
      if (options.json) {
        printJson(found);
        return;
      }
      const { printMacro } = await import('../views/macro-view.js');
      printMacro(found);
    });

  macro
    .command('render')
    .description("Fill a macro in for a conversation, in the customer's language (English when the macro has none)")
    .argument('<macro>', 'shortcut or id', macroRef)
    .requiredOption('-c, --conversation <id>', 'the conversation whose customer, wallet, transaction and complaint fill the variables', conversationId)
    .option('--transaction <txn_id>', 'the transaction {{transaction.id}} names (default: the one the conversation mentions)', prefixedId('txn', 'transaction'))
    .option('--account <wal_id>', "the wallet {{account.id}} names (default: the transaction's, else the customer's only one)", prefixedId('wal', 'wallet'))
    .option('--language <language>', `render in ${LANGUAGES.join(' | ')} instead of the customer's language`, oneOf(LANGUAGES))
    .option('--json', 'print {macro, language, fallback, notice, text, variables, …} as JSON')
    .addHelpText(
      'after',
      '\nA variable the conversation cannot fill (no complaint yet, no transaction mentioned) is an error\nnaming it, exit 1: nothing half-filled is printed.\n\nExamples:\n  $ support macro render pay-balance -c 42\n  $ support macro render refund-time -c 42 --transaction txn_8Kq2MZ0aQ1 | support conversation reply 42 -m -',
    )
    .action(async (ref: string, options: RenderOptions, command: Command) => {
      const { authenticatedClient } = await import('../session.js');
      const rendered = await authenticatedClient(command.optsWithGlobals<GlobalOptions>())
        .macros.render(ref, {
          conversationId: options.conversation,
          ...(options.transaction ? { transactionId: options.transaction } : {}),
          ...(options.account ? { accountId: options.account } : {}),
          ...(options.language ? { language: options.language } : {}),
        })
        .catch(async (error: unknown) => {
          const { unfillableMacroError } = await import('./macro-unfillable.js');
          throw unfillableMacroError(error) ?? error;
        });
      const { printJson } = await import('../output/terminal.js');
      if (options.json) {
        printJson(rendered);
        return;
      }
      const { printRendered } = await import('../views/macro-view.js');
      printRendered(rendered);
    });
}
