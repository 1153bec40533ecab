import { InvalidArgumentError, type Command } from 'commander';
import type { QualityReview } from '../../api/types.js';
import type { SupportClient } from '../../client/support-client.js';
import { usageError } from '../output/cli-error.js';
import { conversationId, oneOf, positiveInt } from '../options.js';
import type { GlobalOptions } from '../session.js';

async function client(command: Command): Promise<SupportClient> {
  const { authenticatedClient } = await import('../session.js');
  return authenticatedClient(command.optsWithGlobals<GlobalOptions>());
}

/** accuracy=4 or accuracy=4:"comment" → a score; repeated. */
function scoreOption(value: string, previous: { criterion: string; score: number; comment?: string }[] = []) {
  const match = /^([a-z][a-z0-9_]{1,31})=([1-5])(?::(.+))?$/s.exec(value.trim());
  if (!match) throw new InvalidArgumentError('use criterion=score, or criterion=score:comment, with a score from 1 to 5 (e.g. accuracy=4).');
  return [...previous, { criterion: match[1]!, score: Number(match[2]), ...(match[3] ? { comment: match[3] } : {}) }];
}

/** id:Name or id:Name:description → a criterion; repeated. */
function criterionOption(value: string, previous: { id: string; name: string; description?: string }[] = []) {
  const [id, name, ...rest] = value.split(':');
  if (!id || !/^[a-z][a-z0-9_]{1,31}$/.test(id) || !name?.trim()) throw new InvalidArgumentError('use id:Name or id:Name:description (e.g. accuracy:"Accuracy of information").');
  return [...previous, { id, name: name.trim(), ...(rest.length ? { description: rest.join(':').trim() } : {}) }];
}

async function printReviews(reviews: QualityReview[]): Promise<void> {
  const { renderTable } = await import('../output/table.js');
  const { print } = await import('../output/terminal.js');
  print(
    renderTable(
      [
        { header: 'ID', value: (r: QualityReview) => String(r.id), minWidth: Infinity },
        { header: 'CONV', value: (r: QualityReview) => `#${r.conversationId}` },
        { header: 'AGENT', value: (r: QualityReview) => r.agent.name },
        { header: 'WEEK', value: (r: QualityReview) => r.week },
        { header: 'PICKED', value: (r: QualityReview) => r.pickedBy },
        { header: 'STATUS', value: (r: QualityReview) => r.status },
        { header: 'SCORE', value: (r: QualityReview) => (r.score === null ? '—' : r.score.toFixed(2)), align: 'right' },
        { header: 'SUBJECT', value: (r: QualityReview) => r.subject, flexible: true },
      ],
      reviews,
    ).replace(/\n$/, ''),
  );
}

async function printReview(review: QualityReview): Promise<void> {
  const { print } = await import('../output/terminal.js');
  const lines = [
    `Review ${review.id} of #${review.conversationId} (${review.subject}), ${review.agent.name}, week of ${review.week}, ${review.pickedBy}: ${review.status}`,
    ...(review.reviewer ? [`by ${review.reviewer.name} at ${review.reviewedAt}, score ${review.score?.toFixed(2)}`] : []),
    ...review.scores.map((s) => `  ${s.name}: ${s.score}/5${s.comment ? ` — ${s.comment}` : ''}`),
    ...(review.comment ? [`  ${review.comment}`] : []),
  ];
  print(lines.join('\n'));
}

export function registerReviewCommands(program: Command): void {
  const review = program
    .command('review')
    .description('Quality review: the rubric, samples per agent and week, scores (agents read their own)')
    .addHelpText('after', '\nExamples:\n  $ support review sample --per-agent 3\n  $ support review list --status pending\n  $ support review score 12 -s accuracy=5 -s attitude=4 -s resolution=4 -s policy=5');

  review
    .command('list')
    .description('Reviews, newest first (an agent sees their own)')

    .addHelpText('after', '\nExamples:\n  $ support review list --status pending\n  $ support review list --agent 7 --json')    .option('--agent <id>', 'one agent (supervisors)')
    .option('--status <status>', 'pending or done', oneOf(['pending', 'done'] as const))
    .option('-L, --limit <n>', 'how many (1-200)', positiveInt(200), 50)
    .option('--json', 'print {data, nextCursor} as JSON')
    .action(async (options: { agent?: string; status?: 'pending' | 'done'; limit: number; json?: boolean }, command: Command) => {
      const page = await (await client(command)).reviews.list({ ...(options.agent ? { agentId: options.agent } : {}), ...(options.status ? { status: options.status } : {}), limit: options.limit });
      if (options.json) return (await import('../output/terminal.js')).printJson(page);
      await printReviews(page.data);
    });

  review
    .command('show')
    .description('One review with its scores')

    .addHelpText('after', '\nExample:\n  $ support review show 12')    .argument('<id>', 'review id', positiveInt(2147483647))
    .option('--json', 'print the review as JSON')
    .action(async (id: number, options: { json?: boolean }, command: Command) => {
      const found = await (await client(command)).reviews.get(id);
      if (options.json) return (await import('../output/terminal.js')).printJson(found);
      await printReview(found);
    });

  review
    .command('sample')
    .description('Pick conversations at random per agent for a week (supervisors); running it again tops up')

    .addHelpText('after', '\nExamples:\n  $ support review sample\n  $ support review sample --week 2026-11-23 --per-agent 3')    .option('--week <date>', 'any day of the week (default: last week)')
    .option('--per-agent <n>', 'conversations per agent (default: the server’s setting)', positiveInt(20))
    .option('--json', 'print the result as JSON')
    .action(async (options: { week?: string; perAgent?: number; json?: boolean }, command: Command) => {
      const result = await (await client(command)).reviews.sample({ ...(options.week ? { week: options.week } : {}), ...(options.perAgent ? { perAgent: options.perAgent } : {}) });
      if (options.json) return (await import('../output/terminal.js')).printJson(result);
      (await import('../output/terminal.js')).note(`✓ ${result.created.length} review${result.created.length === 1 ? '' : 's'} picked for the week of ${result.week} (${result.perAgent} per agent)`);
      await printReviews(result.created);
    });

  review
    .command('create')
    .description('Pick a resolved conversation for review by hand (supervisors)')

    .addHelpText('after', '\nExample:\n  $ support review create 42')    .argument('<conversation>', 'conversation id', conversationId)
    .option('--json', 'print the review as JSON')
    .action(async (id: number, options: { json?: boolean }, command: Command) => {
      const created = await (await client(command)).reviews.create(id);
      if (options.json) return (await import('../output/terminal.js')).printJson(created);
      await printReview(created);
    });

  review
    .command('score')
    .description('Score a review: every criterion of the rubric, 1 to 5 (supervisors, not on their own work)')
    .argument('<id>', 'review id', positiveInt(2147483647))
    .option('-s, --score <criterion=n[:comment]>', 'a criterion’s score, repeated for each', scoreOption)
    .option('-m, --comment <text>', 'an overall comment')
    .option('--json', 'print the review as JSON')
    .addHelpText('after', '\nExample:\n  $ support review score 12 -s accuracy=5 -s attitude=4 -s "resolution=3:next step unclear" -s policy=5 -m "Good call"')
    .action(async (id: number, options: { score?: { criterion: string; score: number; comment?: string }[]; comment?: string; json?: boolean }, command: Command) => {
      if (!options.score?.length) throw usageError('give each criterion a score with -s criterion=n (support review rubric lists them)');
      const scored = await (await client(command)).reviews.score(id, { scores: options.score, ...(options.comment ? { comment: options.comment } : {}) });
      if (options.json) return (await import('../output/terminal.js')).printJson(scored);
      await printReview(scored);
    });

  review
    .command('rubric')
    .description('Show the rubric, or set it with --criterion (supervisors): the criteria given, in order')

    .addHelpText('after', '\nExamples:\n  $ support review rubric -c accuracy:Accuracy -c attitude:Attitude -c "resolution:Resolution:the problem was solved"\n  $ support review rubric')    .option('-c, --criterion <id:Name[:description]>', 'a criterion, repeated in order; those left out are retired', criterionOption)
    .option('--json', 'print the rubric as JSON')
    .action(async (options: { criterion?: { id: string; name: string; description?: string }[]; json?: boolean }, command: Command) => {
      const api = await client(command);
      const rubric = options.criterion ? await api.reviews.setRubric({ criteria: options.criterion }) : await api.reviews.rubric();
      const { print, printJson } = await import('../output/terminal.js');
      if (options.json) return printJson(rubric);
      print(rubric.criteria.map((c) => `${c.id.padEnd(16)} ${c.name}${c.description ? ` — ${c.description}` : ''}`).join('\n'));
    });
}
