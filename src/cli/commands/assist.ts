import type { Command } from 'commander';
import { LANGUAGES, type Language } from '../../api/enums.js';
import type { SuggestRequest } from '../../api/types.js';
import { conversationId, oneOf, positiveInt } from '../options.js';
import type { GlobalOptions } from '../session.js';

interface SuggestOptions {
  conversation?: number;
  text?: string;
  language?: Language;
  limit?: number;
  json?: boolean;
}

export function registerAssistCommands(program: Command): void {
  const assist = program
    .command('assist')
    .description('Suggested answers: the macros and past replies that fit a customer’s message, with triage')
    .addHelpText('after', '\nExamples:\n  $ support assist suggest -c 42\n  $ support assist suggest --text "akun saya dibobol, saldo hilang"');

  assist
    .command('suggest')
    .description('Rank the macros and past replies for a conversation’s latest customer messages, or for a text')
    .option('-c, --conversation <id>', 'the conversation to read (its customer’s latest messages)', conversationId)
    .option('--text <text>', 'a customer’s message instead ("-" reads stdin)')
    .option('--language <lang>', `the text’s language (${LANGUAGES.join(', ')}); detected when absent`, oneOf(LANGUAGES))
    .option('--limit <n>', 'how many suggestions (1-20, default 5)', positiveInt(20))
    .option('--json', 'print the answer as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Prints the suggested category, priority and language, then the suggestions best first: macros (by',
        'shortcut; fill one in with `support macro render`) and replies agents sent on settled conversations.',
        '',
        'Examples:',
        '  $ support assist suggest -c 42',
        '  $ support assist suggest --text "akun saya dibobol, saldo hilang"',
        '  $ support assist suggest --text "退款要几天" --json | jq -r \'.suggestions[0].shortcut\'',
      ].join('\n'),
    )
    .action(async (options: SuggestOptions, command: Command) => {
      const { usageError } = await import('../output/cli-error.js');
      if ((options.conversation === undefined) === (options.text === undefined)) {
        throw usageError('give either -c/--conversation <id> or --text "<message>"');
      }
      const request: SuggestRequest = {};
      if (options.conversation !== undefined) request.conversationId = options.conversation;
      if (options.text !== undefined) request.text = await (await import('../text-option.js')).textOption(options.text, '--text');
      if (options.language) request.language = options.language;
      if (options.limit) request.limit = options.limit;
      const { authenticatedClient } = await import('../session.js');
      const client = await authenticatedClient(command.optsWithGlobals<GlobalOptions>());
      const answer = await client.assist.suggest(request);
      const { printJson } = await import('../output/terminal.js');
      if (options.json) {
        printJson(answer);
        return;
      }
      const { printSuggestions } = await import('../views/assist-view.js');
      printSuggestions(answer);
    });
}
