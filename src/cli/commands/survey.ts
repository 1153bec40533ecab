import type { Command } from 'commander';
import { FEEDBACK_TOPICS, type FeedbackTopic } from '../../api/enums.js';
import type { Feedback, FollowUp, Survey } from '../../api/types.js';
import type { SupportClient } from '../../client/support-client.js';
import { usageError } from '../output/cli-error.js';
import { conversationId, oneOf, positiveInt } from '../options.js';
import type { GlobalOptions } from '../session.js';

async function client(command: Command): Promise<SupportClient> {
  const { authenticatedClient } = await import('../session.js');
  return authenticatedClient(command.optsWithGlobals<GlobalOptions>());
}

const stars = (rating: number | null) => (rating === null ? '—' : `${rating}/5`);

export function registerSurveyCommands(program: Command): void {
  const survey = program
    .command('survey')
    .description('Satisfaction surveys: ratings, follow-ups of low ones, customers’ feedback by topic')
    .addHelpText('after', '\nExamples:\n  $ support survey list --agent 7\n  $ support survey follow-ups\n  $ support survey feedback --topic fees');

  survey
    .command('list')
    .description("Ratings of a conversation, a customer or an agent, with their summary (an agent's own by default)")

    .addHelpText('after', '\nExamples:\n  $ support survey list --conversation 42\n  $ support survey list --customer cus_1 --json')    .option('--conversation <id>', 'one conversation', conversationId)
    .option('--customer <id>', 'one customer')
    .option('--agent <id>', 'one agent (supervisors; an agent sees their own)')
    .option('-L, --limit <n>', 'how many (1-200)', positiveInt(200), 50)
    .option('--json', 'print {data, nextCursor, summary} as JSON')
    .action(async (options: { conversation?: number; customer?: string; agent?: string; limit: number; json?: boolean }, command: Command) => {
      const page = await (await client(command)).surveys.list({
        ...(options.conversation ? { conversationId: options.conversation } : {}),
        ...(options.customer ? { customerId: options.customer } : {}),
        ...(options.agent ? { agentId: options.agent } : {}),
        limit: options.limit,
      });
      const { print, printJson } = await import('../output/terminal.js');
      if (options.json) return printJson(page);
      const { renderTable } = await import('../output/table.js');
      const s = page.summary;
      print(`${s.sent} sent, ${s.answered} answered, average ${s.average ?? '—'}; ratings 1–5: ${s.distribution.join(' / ')}`);
      print(
        renderTable(
          [
            { header: 'ID', value: (r: Survey) => String(r.id) },
            { header: 'CONV', value: (r: Survey) => `#${r.conversationId}` },
            { header: 'AGENT', value: (r: Survey) => r.agent?.name ?? '—' },
            { header: 'SENT', value: (r: Survey) => r.sentAt.slice(0, 16).replace('T', ' ') },
            { header: 'RATING', value: (r: Survey) => stars(r.rating) },
            { header: 'COMMENT', value: (r: Survey) => r.comment ?? '', flexible: true },
          ],
          page.data,
        ).replace(/\n$/, ''),
      );
    });

  survey
    .command('follow-ups')
    .description('Low ratings (1–2) waiting for a supervisor, oldest first')

    .addHelpText('after', '\nExamples:\n  $ support survey follow-ups\n  $ support survey follow-ups --closed --json')    .option('--closed', 'the closed ones instead')
    .option('--json', 'print {data, nextCursor} as JSON')
    .action(async (options: { closed?: boolean; json?: boolean }, command: Command) => {
      const page = await (await client(command)).surveys.followUps({ status: options.closed ? 'closed' : 'open' });
      const { print, printJson } = await import('../output/terminal.js');
      if (options.json) return printJson(page);
      const { renderTable } = await import('../output/table.js');
      print(
        renderTable(
          [
            { header: 'ID', value: (f: FollowUp) => String(f.id) },
            { header: 'CONV', value: (f: FollowUp) => `#${f.survey.conversationId}` },
            { header: 'RATING', value: (f: FollowUp) => stars(f.survey.rating) },
            { header: 'AGENT', value: (f: FollowUp) => f.survey.agent?.name ?? '—' },
            { header: 'CUSTOMER', value: (f: FollowUp) => f.survey.customer.name },
            { header: 'COMMENT', value: (f: FollowUp) => f.survey.comment ?? f.closed?.note ?? '', flexible: true },
          ],
          page.data,
        ).replace(/\n$/, ''),
      );
    });

  survey
    .command('close-follow-up')
    .description('Close a follow-up with what was done (supervisors)')

    .addHelpText('after', '\nExample:\n  $ support survey close-follow-up 3 -m "Called the customer, fee refunded"')    .argument('<id>', 'follow-up id', positiveInt(2147483647))
    .option('-m, --note <text>', 'what was done for the customer')
    .option('--json', 'print the follow-up as JSON')
    .action(async (id: number, options: { note?: string; json?: boolean }, command: Command) => {
      if (!options.note?.trim()) throw usageError('say what was done with --note "text"');
      const closed = await (await client(command)).surveys.closeFollowUp(id, options.note);
      const { note, printJson } = await import('../output/terminal.js');
      if (options.json) return printJson(closed);
      note(`✓ Follow-up ${closed.id} closed`);
    });

  survey
    .command('feedback')
    .description("Customers' suggestions, newest first, and the count per topic (supervisors)")

    .addHelpText('after', '\nExample:\n  $ support survey feedback --topic fees')    .option('--topic <topic>', FEEDBACK_TOPICS.join(', '), oneOf(FEEDBACK_TOPICS))
    .option('--json', 'print {data, nextCursor, topics} as JSON')
    .action(async (options: { topic?: FeedbackTopic; json?: boolean }, command: Command) => {
      const page = await (await client(command)).surveys.feedback(options.topic ? { topic: options.topic } : {});
      const { print, printJson } = await import('../output/terminal.js');
      if (options.json) return printJson(page);
      print(`topics: ${page.topics.map((t) => `${t.topic} ${t.count}`).join(', ') || 'none yet'}`);
      const { renderTable } = await import('../output/table.js');
      print(
        renderTable(
          [
            { header: 'TOPIC', value: (f: Feedback) => f.topic },
            { header: 'AT', value: (f: Feedback) => f.at.slice(0, 16).replace('T', ' ') },
            { header: 'CUSTOMER', value: (f: Feedback) => f.customer.name },
            { header: 'TEXT', value: (f: Feedback) => f.text, flexible: true },
          ],
          page.data,
        ).replace(/\n$/, ''),
      );
    });
}
