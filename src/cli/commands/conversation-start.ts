import { InvalidArgumentError, type Command } from 'commander';
import { CATEGORIES, CHANNELS, type Category, type Channel } from '../../api/enums.js';
import { parseWhen } from '../../api/text/time-input.js';
import type { StartConversationRequest } from '../../api/types.js';
import { idempotencyKeyOption } from '../destructive.js';
import { usageError } from '../output/cli-error.js';
import { conversationId, oneOf } from '../options.js';
import type { GlobalOptions } from '../session.js';

async function client(command: Command) {
  const { authenticatedClient } = await import('../session.js');
  return authenticatedClient(command.optsWithGlobals<GlobalOptions>());
}

function customerId(value: string): string {
  if (!/^cus_[0-9A-Za-z]{6,32}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a customer id (cus_…); find it with: support find PHONE`);
  return value;
}

/** "now", an ISO 8601 time, or a duration ago ("10m": ten minutes ago). */
function pastTime(value: string): string {
  if (value === 'now') return new Date().toISOString();
  const ago = /^\d+[smhdw]/.test(value.trim()) ? parseWhen(value, 0) : undefined;
  const at = ago !== undefined ? Date.now() - ago : parseWhen(value, Date.now());
  if (at === undefined) throw new InvalidArgumentError(`"${value}" is not a time: use now, a duration ago (10m) or a time (2026-12-03T09:00).`);
  return new Date(at).toISOString();
}

async function text(value: string, option: string): Promise<string> {
  const { textOption } = await import('../text-option.js');
  return textOption(value, option);
}

interface CreateOptions {
  customer: string;
  channel: Channel;
  subject: string;
  message: string;
  category?: Category;
  callStarted?: string;
  callEnded?: string;
  summary?: string;
  idempotencyKey?: string;
  json?: boolean;
}

/** `support conversation create` and `support conversation end-call`: conversations an agent starts. */
export function registerConversationStartCommands(program: Command): void {
  const conversation = program.commands.find((c) => c.name() === 'conversation');
  if (!conversation) throw new Error('register the conversation noun before the verbs that start one');

  conversation
    .command('create')
    .description('Start a conversation with a customer: log a phone call, or write first by email, chat or social')
    .requiredOption('--customer <id>', 'the customer (cus_…; find it with support find)', customerId)
    .requiredOption('--channel <channel>', CHANNELS.join(' | '), oneOf(CHANNELS))
    .requiredOption('-s, --subject <text>', 'what it is about')
    .requiredOption('-m, --message <text>', 'the first message (phone: your note of the call, internal); - reads stdin')
    .option('--category <category>', CATEGORIES.join(', '), oneOf(CATEGORIES))
    .option('--call-started <when>', 'phone: when the call started (now, 10m for ten minutes ago, or a time; default now)', pastTime)
    .option('--call-ended <when>', 'phone: the call is over already (now, 2m, or a time); needs --summary', pastTime)
    .option('--summary <text>', 'phone, with --call-ended: what the call was about and what was done')
    .option('--idempotency-key <key>', 'your key: running it again with the same key never starts two', idempotencyKeyOption)
    .option('--json', 'print {conversation, message, call} as JSON')
    .addHelpText(
      'after',
      [
        '',
        'A phone call stays open until `support conversation end-call ID --summary …` (a summary is required).',
        '',
        'Examples:',
        '  $ support conversation create --customer cus_8fK2mQ7xLp --channel phone -s "Phone stolen" -m "Caller reports stolen phone; wallet to freeze"',
        '  $ support conversation create --customer cus_8fK2mQ7xLp --channel phone -s "Refund timing" -m "Asked about refund" --call-started 15m --call-ended now --summary "Explained 3-5 days"',
        '  $ support conversation create --customer cus_8fK2mQ7xLp --channel email -s "Your refund" -m - < letter.txt --json | jq .conversation.id',
      ].join('\n'),
    )
    .action(async (options: CreateOptions, command: Command) => {
      const phone = options.channel === 'phone';
      if (!phone && (options.callStarted || options.callEnded || options.summary)) throw usageError('--call-started, --call-ended and --summary are for --channel phone');
      if (options.callEnded && !options.summary?.trim()) throw usageError('a call that has ended needs --summary "what it was about and what was done"');
      if (options.summary && !options.callEnded) throw usageError('--summary goes with --call-ended; a call in progress ends with: support conversation end-call ID --summary …');
      const input: StartConversationRequest = {
        channel: options.channel,
        subject: options.subject,
        body: await text(options.message, '-m'),
        ...(options.category ? { category: options.category } : {}),
        ...(options.callStarted ? { callStartedAt: options.callStarted } : {}),
        ...(options.callEnded ? { callEndedAt: options.callEnded, summary: options.summary!.trim() } : {}),
      };
      const { result, replayed } = await (await client(command)).conversations.create(options.customer, input, { idempotencyKey: options.idempotencyKey });
      const { note, printJson } = await import('../output/terminal.js');
      if (options.json) {
        printJson(result);
        return;
      }
      const id = result.conversation.id;
      const again = replayed ? ' (already started with this key: not started again)' : '';
      if (phone && result.call?.endedAt === null) note(`✓ Call logged as conversation #${id}${again}; when it ends: support conversation end-call ${id} --summary "…"`);
      else note(`✓ Conversation #${id} started (${result.conversation.channel}, ${result.conversation.status})${again}`);
    });

  conversation
    .command('end-call')
    .description('End a logged phone call with its summary (required); the summary is also added as an internal note')
    .argument('<id>', 'conversation id', conversationId)
    .requiredOption('--summary <text>', 'what the call was about and what was done; - reads stdin')
    .option('--ended <when>', 'when it ended (now, 2m for two minutes ago, or a time; default now)', pastTime)
    .option('--idempotency-key <key>', 'your key: running it again with the same key never does it twice', idempotencyKeyOption)
    .option('--json', 'print {conversationId, call, note} as JSON')
    .addHelpText('after', '\nExamples:\n  $ support conversation end-call 42 --summary "Wallet frozen; customer visits a branch with ID tomorrow"\n  $ support conversation end-call 42 --summary - --ended 5m < notes.txt')
    .action(async (id: number, options: { summary: string; ended?: string; idempotencyKey?: string; json?: boolean }, command: Command) => {
      const summary = (await text(options.summary, '--summary')).trim();
      if (!summary) throw usageError('--summary is empty: say what the call was about and what was done');
      const { result } = await (await client(command)).conversations.endCall(id, { summary, ...(options.ended ? { endedAt: options.ended } : {}) }, { idempotencyKey: options.idempotencyKey });
      const { note, printJson } = await import('../output/terminal.js');
      if (options.json) printJson(result);
      else note(`✓ Call of conversation #${id} ended; summary added as an internal note`);
    });
}
