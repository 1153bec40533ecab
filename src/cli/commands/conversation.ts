import type { Command } from 'commander';
import type { MessageKind } from '../../api/enums.js';
import { usageError } from '../output/cli-error.js';
import { conversationId } from '../options.js';
import type { GlobalOptions } from '../session.js';

interface SendOptions {
  message?: string;
  bodyFile?: string;
  clientMessageId?: string;
  json?: boolean;
}

async function messageBody(options: SendOptions): Promise<string> {
  if (options.message !== undefined && options.bodyFile !== undefined) throw usageError('use either --message or --body-file, not both');
  let body: string;
  if (options.bodyFile !== undefined) {
    if (options.bodyFile === '-') body = await (await import('../read-stdin.js')).readStdin();
    else {
      const { readFile } = await import('node:fs/promises');
      body = await readFile(options.bodyFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw usageError(`cannot read --body-file ${options.bodyFile}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
      });
    }
  } else if (options.message !== undefined) {
    body = options.message === '-' ? await (await import('../read-stdin.js')).readStdin() : options.message;
  } else {
    throw usageError('say what to send with -m "text" (or -m - to read stdin, or --body-file FILE)');
  }
  if (!body.trim()) throw usageError('the message is empty');
  return body.replace(/\s+$/, '');
}

function addSendCommand(parent: Command, name: 'reply' | 'note', kind: MessageKind, description: string): void {
  parent
    .command(name)
    .description(description)
    .argument('<id>', 'conversation id', conversationId)
    .option('-m, --message <text>', 'the text; - reads it from stdin')
    .option('-F, --body-file <file>', 'read the text from a file (- for stdin)')
    .option('--client-message-id <id>', 'your own id for this message: sending it again never stores it twice')
    .option('--json', 'print {message, conversation} as JSON')
    .addHelpText(
      'after',
      kind === 'note'
        ? '\nExamples:\n  $ support conversation note 42 -m "Checked the ledger: the payment never left"\n  $ support conv note 42 -F findings.txt'
        : '\nExamples:\n  $ support conversation reply 42 -m "Your refund is on its way"\n  $ printf %s "$TEXT" | support conv reply 42 -m -',
    )
    .action(async (id: number, options: SendOptions, command: Command) => {
      const body = await messageBody(options);
      if (options.clientMessageId !== undefined && !/^[0-9A-Za-z_-]{8,64}$/.test(options.clientMessageId)) {
        throw usageError('--client-message-id must be 8 to 64 letters, digits, - or _');
      }
      const { authenticatedClient } = await import('../session.js');
      const client = authenticatedClient(command.optsWithGlobals<GlobalOptions>());
      const sent = await client.conversations.send(id, { body, kind, ...(options.clientMessageId ? { clientMessageId: options.clientMessageId } : {}) });
      const { printJson, note } = await import('../output/terminal.js');
      if (options.json) printJson({ message: sent.message, conversation: sent.conversation });
      else note(`✓ ${kind === 'note' ? 'Internal note added to' : 'Reply sent on'} conversation #${id} (message ${sent.message.id}${sent.replayed ? ', already sent before: not sent again' : ''})`);
    });
}

export function registerConversationCommands(program: Command): void {
  const conversation = program
    .command('conversation')
    .alias('conv')
    .description('Read and answer one conversation')
    .addHelpText('after', '\nExamples:\n  $ support conversation show 42\n  $ support conv reply 42 -m "Your refund is on its way"\n  $ support conversation resolve 42 --claim-next');

  conversation
    .command('show')
    .description('Show a conversation: its customer, wallets and messages')
    .argument('<id>', 'conversation id', conversationId)
    .option('--all', 'load the whole history, not only the latest 100 messages')
    .option('--json', 'print the conversation as JSON')
    .addHelpText('after', '\nExamples:\n  $ support conversation show 42\n  $ support conv show 42 --json | jq .customer')
    .action(async (id: number, options: { all?: boolean; json?: boolean }, command: Command) => {
      const { authenticatedClient } = await import('../session.js');
      const client = authenticatedClient(command.optsWithGlobals<GlobalOptions>());
      const detail = await client.conversations.get(id);
      if (options.all) {
        let cursor = detail.olderMessagesCursor;
        while (cursor) {
          const page = await client.conversations.messages(id, { cursor, limit: 200 });
          detail.messages.unshift(...page.data);
          cursor = page.nextCursor;
        }
        detail.olderMessagesCursor = null;
      }
      const { printJson } = await import('../output/terminal.js');
      if (options.json) {
        printJson(detail);
        return;
      }
      const { printConversation } = await import('../views/conversation-view.js');
      printConversation(detail);
    });

  addSendCommand(conversation, 'reply', 'reply', 'Send a public reply to the customer');
  addSendCommand(conversation, 'note', 'note', 'Add an internal note (customers never see it)');
}
