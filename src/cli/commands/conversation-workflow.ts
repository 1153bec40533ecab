import type { Command } from 'commander';
import type { ConversationSummary } from '../../api/types.js';
import type { SupportClient } from '../../client/support-client.js';
import { completedAs } from '../completion/hints.js';
import { CliError, usageError } from '../output/cli-error.js';
import { conversationId } from '../options.js';
import type { GlobalOptions } from '../session.js';

const TAG = /^[a-z0-9][a-z0-9_-]{0,31}$/;

async function clientFor(command: Command): Promise<SupportClient> {
  const { authenticatedClient } = await import('../session.js');
  return authenticatedClient(command.optsWithGlobals<GlobalOptions>());
}

/** --json: the conversation as the API returned it; otherwise one confirmation line on stderr. */
async function report(conversation: ConversationSummary, json: boolean | undefined, done: string): Promise<void> {
  const { printJson, note } = await import('../output/terminal.js');
  if (json) {
    printJson({ conversation });
    return;
  }
  const { conversationLine } = await import('../views/conversation-line.js');
  const { sanitize } = await import('../../api/text/sanitize.js');
  note(`✓ ${sanitize(done, { multiline: false })}: ${conversationLine(conversation)}`);
}

function tagList(value: string): string[] {
  const tags = value.split(',').map((t) => t.trim()).filter(Boolean);
  const bad = tags.find((t) => !TAG.test(t));
  if (bad !== undefined) throw usageError(`"${bad}" is not a tag: use lowercase letters, digits, - or _ (at most 32)`);
  return tags;
}

/** The conversation verbs of the agent's workflow, added to `support conversation`. */
export function registerConversationWorkflowCommands(program: Command): void {
  const conversation = program.commands.find((c) => c.name() === 'conversation');
  if (!conversation) throw new Error('register the conversation noun before its workflow verbs');

  conversation
    .command('resolve')
    .description('Resolve a conversation (a customer message reopens it)')
    .argument('<id>', 'conversation id', conversationId)
    .option('--claim-next', 'then claim the next conversation in the queue, in the same call')
    .option('--json', 'print {conversation, next, nextError} as JSON')
    .addHelpText('after', '\nExamples:\n  $ support conversation resolve 42\n  $ support conv resolve 42 --claim-next')
    .action(async (id: number, options: { claimNext?: boolean; json?: boolean }, command: Command) => {
      const client = await clientFor(command);
      const result = await client.conversations.resolve(id, options.claimNext ? { claimNext: true } : {});
      const { printJson, note } = await import('../output/terminal.js');
      if (options.json) {
        printJson(result);
        return;
      }
      const { conversationLine } = await import('../views/conversation-line.js');
      note(`✓ Resolved ${conversationLine(result.conversation)}`);
      if (result.next) note(`✓ Claimed ${conversationLine(result.next)}`);
      else if (result.nextError) note(`nothing claimed: ${result.nextError.detail}`);
    });

  conversation
    .command('reopen')
    .description('Reopen a pending, snoozed or resolved conversation')
    .addHelpText('after', '\nExamples:\n  $ support conversation reopen 42')
    .argument('<id>', 'conversation id', conversationId)
    .option('--json', 'print {conversation} as JSON')
    .action(async (id: number, options: { json?: boolean }, command: Command) => {
      await report(await (await clientFor(command)).conversations.reopen(id), options.json, 'Reopened');
    });

  conversation
    .command('pending')
    .description('Wait on the customer: the response clocks pause until they write')
    .addHelpText('after', '\nExamples:\n  $ support conversation pending 42')
    .argument('<id>', 'conversation id', conversationId)
    .option('--json', 'print {conversation} as JSON')
    .action(async (id: number, options: { json?: boolean }, command: Command) => {
      await report(await (await clientFor(command)).conversations.setPending(id), options.json, 'Pending');
    });

  conversation
    .command('close')
    .description('Close a resolved conversation for good (supervisors; asks first, closed is final)')
    .argument('<id>', 'conversation id', conversationId)
    .option('-y, --yes', 'do it without asking (required when not in a terminal)')
    .option('--json', 'print {conversation} as JSON')
    .addHelpText('after', '\nExamples:\n  $ support conversation close 42        # asks you to type 42\n  $ support conv close 42 --yes          # scripts: no question')
    .action(async (id: number, options: { json?: boolean; yes?: boolean }, command: Command) => {
      // Closed is final (it never reopens), so it is confirmed as closing a wallet is.
      const { confirmTyped, requireConfirmationMeans } = await import('../destructive.js');
      requireConfirmationMeans(options, `closing conversation ${id}`, { hasDryRun: false });
      const client = await clientFor(command);
      if (!options.yes) {
        const { conversation } = await client.conversations.get(id);
        const { sanitize } = await import('../../api/text/sanitize.js');
        const one = (text: string) => sanitize(text, { multiline: false });
        await confirmTyped(options, {
          message: `Close #${id} “${one(conversation.subject)}” of ${one(conversation.customer.name)} for good? Closed is final: it cannot be reopened.`,
          expected: String(id),
        });
      }
      await report(await client.conversations.close(id), options.json, 'Closed');
    });

  conversation
    .command('snooze')
    .description('Put a conversation aside until a time; it wakes then, or when the customer writes')
    .argument('<id>', 'conversation id', conversationId)
    .argument('<when>', 'a duration (30m, 2h, 1d, 1h30m) or an ISO time (2026-11-24T09:00, 2026-11-24T09:00:00Z)')
    .option('--json', 'print {conversation} as JSON')
    .addHelpText('after', '\nExamples:\n  $ support conversation snooze 42 2h\n  $ support conv snooze 42 2026-11-24T09:00')
    .action(async (id: number, when: string, options: { json?: boolean }, command: Command) => {
      const { parseWhen } = await import('../../api/text/time-input.js');
      const until = parseWhen(when, Date.now());
      if (until === undefined) throw usageError(`"${when}" is not a time: use a duration such as 30m, 2h or 1d, or an ISO time such as 2026-11-24T09:00`);
      if (until <= Date.now()) throw usageError(`${new Date(until).toISOString()} has passed: snooze until a time in the future`);
      const conversation = await (await clientFor(command)).conversations.snooze(id, until);
      await report(conversation, options.json, `Snoozed until ${new Date(until).toLocaleString()}`);
    });

  conversation
    .command('transfer')
    .description('Hand a conversation to another agent, or to a team’s queue, with a note for them')
    .argument('<id>', 'conversation id', conversationId)
    .option('--to-agent <email-or-id>', 'the agent (email or agt_ id)', completedAs({ live: 'agent' }))
    .option('--to-team <name>', 'the team (it goes back to the queue, for that team)')
    .option('--note <text>', 'why, for the next agent (stored as an internal note)')
    .option('--json', 'print {conversation} as JSON')
    .addHelpText('after', '\nExamples:\n  $ support conversation transfer 42 --to-agent mei@example.com --note "takeover suspected, please verify identity"\n  $ support conv transfer 42 --to-team security')
    .action(async (id: number, options: { toAgent?: string; toTeam?: string; note?: string; json?: boolean }, command: Command) => {
      if ((options.toAgent === undefined) === (options.toTeam === undefined)) throw usageError('say where to: --to-agent EMAIL|ID or --to-team NAME (one of them)');
      if (options.note !== undefined && !options.note.trim()) throw usageError('the --note is empty');
      const client = await clientFor(command);
      let toAgentId: string | undefined;
      if (options.toAgent !== undefined) {
        const wanted = options.toAgent.trim().toLowerCase();
        if (/^agt_[0-9A-Za-z]{6,32}$/.test(options.toAgent.trim())) toAgentId = options.toAgent.trim();
        else {
          const agent = (await client.agents.listAll()).find((a) => a.email.toLowerCase() === wanted);
          if (!agent) throw new CliError(`no agent has the email ${options.toAgent}; \`support agent list\` shows them`);
          toAgentId = agent.id;
        }
      }
      const conversation = await client.conversations.transfer(id, {
        ...(toAgentId ? { toAgentId } : {}),
        ...(options.toTeam !== undefined ? { toTeam: options.toTeam } : {}),
        ...(options.note !== undefined ? { note: options.note.trim() } : {}),
      });
      await report(conversation, options.json, `Transferred to ${conversation.assignee ? conversation.assignee.name : `team ${conversation.team ?? ''}`}`);
    });

  conversation
    .command('tag')
    .description('Add or remove tags on a conversation')
    .argument('<id>', 'conversation id', conversationId)
    .argument('[tags...]', 'tags to add')
    .option('--remove <tags>', 'comma-separated tags to remove')
    .option('--set <tags>', 'replace every tag with these (comma-separated; "" clears them)')
    .option('--json', 'print {conversation} as JSON')
    .addHelpText('after', '\nExamples:\n  $ support conversation tag 42 vip repeat-contact\n  $ support conv tag 42 --remove kyc\n  $ support conv tag 42 --set ""')
    .action(async (id: number, add: string[], options: { remove?: string; set?: string; json?: boolean }, command: Command) => {
      if (options.set !== undefined && (add.length > 0 || options.remove !== undefined)) throw usageError('use --set alone, or tags to add with --remove');
      if (options.set === undefined && add.length === 0 && options.remove === undefined) throw usageError('say which tags: support conversation tag ID TAG…, --remove TAGS or --set TAGS');
      const changes =
        options.set !== undefined
          ? { tags: tagList(options.set) }
          : { ...(add.length ? { addTags: tagList(add.join(',')) } : {}), ...(options.remove !== undefined ? { removeTags: tagList(options.remove) } : {}) };
      const conversation = await (await clientFor(command)).conversations.update(id, changes);
      await report(conversation, options.json, `Tags ${conversation.tags.map((t) => `#${t}`).join(' ') || '(none)'}`);
    });
}
