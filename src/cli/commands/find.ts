import { InvalidArgumentError, type Command } from 'commander';
import { SEARCH_KINDS } from '../../api/schemas/search.js';
import type { SearchKind } from '../../api/types.js';
import type { GlobalOptions } from '../session.js';

function kindList(value: string): SearchKind[] {
  const parts = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !(SEARCH_KINDS as readonly string[]).includes(p))) {
    throw new InvalidArgumentError(`use one or more of ${SEARCH_KINDS.join(', ')}, separated by commas.`);
  }
  return parts as SearchKind[];
}

export function registerFindCommand(program: Command): void {
  program
    .command('find')
    .description('Look up a customer, conversation, transaction, refund or complaint from whatever you have')
    .argument('<query...>', 'a phone number in any writing, an email, a cus_/wal_/txn_/rfd_ id, a complaint number, #123, or part of a name or message')
    .option('--kinds <list>', `only these groups, comma-separated: ${SEARCH_KINDS.join(', ')}`, kindList)
    .option('--json', 'print the result as JSON (phone and email masked, as in the table)')
    .addHelpText(
      'after',
      [
        '',
        'Phone numbers are read as E.164 in the desk’s region (+62 812-3456-7890, 0812 3456 7890 and 62812… are one',
        'number on an Indonesian desk). Lists mask phone and email; `support customer show` shows them whole, and',
        'that is recorded in the audit log. Nothing found says what the query was tried as.',
        '',
        'Examples:',
        '  $ support find "+62 812-3456-7890"',
        '  $ support find siti.rahma@mail.example',
        '  $ support find txn_Ab12Cd34Ef56',
        '  $ support find "#42"',
        '  $ support find budi santoso --kinds customers',
        '  $ support find "saldo hilang" --kinds messages --json | jq -r \'.messages[].conversationId\'',
      ].join('\n'),
    )
    .action(async (words: string[], options: { kinds?: SearchKind[]; json?: boolean }, command: Command) => {
      const { authenticatedClient } = await import('../session.js');
      const client = await authenticatedClient(command.optsWithGlobals<GlobalOptions>());
      const result = await client.search.find(words.join(' '), options.kinds ? { kinds: options.kinds } : {});
      const { printJson } = await import('../output/terminal.js');
      if (options.json) {
        printJson(result);
        return;
      }
      const { printSearchResult } = await import('../views/lookup-view.js');
      printSearchResult(result);
    });
}
