import { InvalidArgumentError, type Command } from 'commander';
import { COMPLAINT_STATUSES, REVIEW_DECISIONS, type ReviewDecision } from '../../api/enums.js';
import { COMPLAINT_MEDIUMS, JURISDICTIONS, type ComplaintMedium, type Jurisdiction } from '../../api/jurisdictions.js';
import type { Complaint } from '../../api/types.js';
import type { SupportClient } from '../../client/support-client.js';
import { completes } from '../completion/hints.js';
import { usageError } from '../output/cli-error.js';
import { conversationId, customerId, oneOf, positiveInt } from '../options.js';
import type { GlobalOptions } from '../session.js';

/** C-YYYYMMDD-NNNNNN, checked before any request is made. */
export function complaintNumber(value: string): string {
  const number = value.trim().toUpperCase();
  if (!/^C-\d{8}-\d{6}$/.test(number)) throw new InvalidArgumentError(`"${value}" is not a complaint number (such as C-20261123-000042).`);
  return number;
}

const statusList = completes({ values: COMPLAINT_STATUSES, list: true }, (value: string): string => {
  const parts = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !(COMPLAINT_STATUSES as readonly string[]).includes(p))) {
    throw new InvalidArgumentError(`use one or more of ${COMPLAINT_STATUSES.join(', ')}, separated by commas.`);
  }
  return parts.join(',');
});

async function client(command: Command): Promise<SupportClient> {
  const { authenticatedClient } = await import('../session.js');
  return authenticatedClient(command.optsWithGlobals<GlobalOptions>());
}

/** --json: the complaint exactly; otherwise a line for people on stderr and the complaint on stdout. */
async function show(complaint: Complaint, json: boolean | undefined, done?: string): Promise<void> {
  const { note, printJson } = await import('../output/terminal.js');
  if (json) {
    printJson(complaint);
    return;
  }
  if (done) note(`✓ ${done}`);
  const { printComplaint } = await import('../views/complaint-view.js');
  printComplaint(complaint);
}

async function text(value: string | undefined, option: string, what: string): Promise<string> {
  if (value === undefined) throw usageError(`say ${what} with ${option} "text" (or ${option} - to read stdin)`);
  const { textOption } = await import('../text-option.js');
  return textOption(value, option);
}

/** What `complaint list` shows by default: what still needs work, as `gh issue list` shows open issues. */
const OPEN_STATUSES = COMPLAINT_STATUSES.filter((s) => s !== 'closed').join(',');

/** The clock that starts a reply-by text, left out where the sentence says it. A string, not a regex literal: the bundle stays one byte a character (assertOneByteSources in bin/build.js). */
const CLOCK_MARK = new RegExp('^◷ ');

interface ListOptions {
  status?: string;
  all?: boolean;
  overdue?: boolean;
  conversation?: number;
  customer?: string;
  limit: number;
  cursor?: string;
  json?: boolean;
}

interface ReviewOptions {
  request?: boolean;
  decision?: ReviewDecision;
  message?: string;
  json?: boolean;
}

export function registerComplaintCommands(program: Command): void {
  const complaint = program
    .command('complaint')
    .description('Complaints: a number, a reply-by deadline, an answer, a second review by a supervisor')
    .addHelpText('after', '\nExamples:\n  $ support complaint list --overdue\n  $ support complaint create 42 --summary "Agent hung up on the customer"')
    .addHelpText('after', '\nLife cycle: open → answered → closed; answered → second_review → answered (once), decided by a supervisor\nwho did not answer it. An open complaint can be closed with a note (withdrawn).');

  complaint
    .command('create')
    .description('Open a complaint on a conversation (one open complaint per conversation)')
    .argument('<conversation>', 'conversation id', conversationId)
    .option('-s, --summary <text>', "what the complaint is about (default: the conversation's subject)")
    .option('--medium <medium>', `${COMPLAINT_MEDIUMS.join(' | ')} (default: spoken for phone calls, written otherwise)`, oneOf(COMPLAINT_MEDIUMS))
    .option('--complex', 'a complex complaint: the longer window where the rule has one')
    .option('--jurisdiction <rule>', `count the deadline by this rule: ${JURISDICTIONS.join(' | ')} (default: the customer's country's, from their phone number, else the team calendar's)`, oneOf(JURISDICTIONS))
    .option('--json', 'print the complaint as JSON')
    .addHelpText('after', '\nExamples:\n  $ support complaint create 42 --summary "Agent hung up on the customer"\n  $ support complaint create 42 --medium written --complex --json | jq -r .number\n  $ support complaint create 42 --jurisdiction ojk-portal --json | jq -r .regulation.choice.reason')
    .action(async (id: number, options: { summary?: string; medium?: ComplaintMedium; complex?: boolean; jurisdiction?: Jurisdiction; json?: boolean }, command: Command) => {
      if (options.summary !== undefined && !options.summary.trim()) throw usageError('--summary is empty');
      const created = await (await client(command)).complaints.create({
        conversationId: id,
        ...(options.summary ? { summary: options.summary.trim() } : {}),
        ...(options.medium ? { medium: options.medium } : {}),
        ...(options.complex ? { complexity: 'complex' as const } : {}),
        ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}),
      });
      const { replyByText } = await import('../views/complaint-view.js');
      await show(created, options.json, `Complaint ${created.number} opened on conversation #${id}; ${replyByText(created, Date.now()).replace(CLOCK_MARK, '')}`);
    });

  complaint
    .command('extend')
    .description('Extend the regulatory deadline once, where the rule allows it, with the notice sent to the customer (supervisors)')
    .argument('<number>', 'complaint number, C-YYYYMMDD-NNNNNN', complaintNumber)
    .option('--notice <text>', 'what the customer is told: why, and the new date (- reads stdin)')
    .option('--json', 'print the complaint as JSON')
    .addHelpText('after', '\nExample:\n  $ support complaint extend C-20260316-000042 --notice "We are waiting for the merchant’s records; you will have our answer by 13 April."')
    .action(async (number: string, options: { notice?: string; json?: boolean }, command: Command) => {
      const notice = await text(options.notice, '--notice', 'what the customer is told');
      const extended = await (await client(command)).complaints.extend(number, notice);
      const { noticeText, replyByText } = await import('../views/complaint-view.js');
      await show(extended, options.json, `Complaint ${number} extended; ${replyByText(extended, Date.now()).replace(CLOCK_MARK, '')}; notice ${noticeText(extended)}`);
    });

  complaint
    .command('show')
    .description('Show a complaint: status, deadline, answer, second review')
    .addHelpText('after', '\nExamples:\n  $ support complaint show C-20261123-000042')
    .argument('<number>', 'complaint number, C-YYYYMMDD-NNNNNN', complaintNumber)
    .option('--json', 'print the complaint as JSON')
    .action(async (number: string, options: { json?: boolean }, command: Command) => {
      await show(await (await client(command)).complaints.get(number), options.json);
    });

  complaint
    .command('list')
    .description('List complaints, what is due first first')
    .option('--status <list>', `comma-separated: ${COMPLAINT_STATUSES.join(', ')} (default: all but closed)`, statusList)
    .option('--all', 'closed complaints too')
    .option('--overdue', 'only those waiting on the desk (open, second_review) past their reply-by time')
    .option('--conversation <id>', 'only the complaints of this conversation', conversationId)
    .option('--customer <id>', 'only the complaints of this customer (cus_…), across their conversations', customerId)
    .option('-L, --limit <n>', 'how many complaints (1-10000)', positiveInt(10_000), 50)
    .option('--cursor <cursor>', 'continue after a previous page (from --json nextCursor)')
    .option('--json', 'print {data, nextCursor} as JSON')
    .addHelpText('after', '\nExamples:\n  $ support complaint list --overdue\n  $ support complaint list --all --conversation 42\n  $ support complaint list --all --customer cus_8fK2mQ7xLp\n  $ support complaint list --status second_review --json | jq -r \'.data[].number\'')
    .action(async (options: ListOptions, command: Command) => {
      const api = await client(command);
      if (options.all && options.status) throw usageError('use either --status or --all, not both');
      const query = {
        ...(options.status ? { status: options.status } : options.all ? {} : { status: OPEN_STATUSES }),
        ...(options.overdue ? { overdue: true } : {}),
        ...(options.conversation ? { conversationId: options.conversation } : {}),
        ...(options.customer ? { customerId: options.customer } : {}),
      };
      const { collectPages } = await import('../../client/collect-pages.js');
      const { data, nextCursor } = await collectPages((page) => api.complaints.list({ ...query, ...page }), options);
      const { printComplaintPage } = await import('../views/complaint-view.js');
      printComplaintPage({ data, nextCursor }, options.json);
    });

  complaint
    .command('answer')
    .description('Record the outcome told to the customer: open → answered')
    .addHelpText('after', '\nExamples:\n  $ support complaint answer C-20261123-000042 -m "We refunded the fee and added a voucher"')
    .argument('<number>', 'complaint number', complaintNumber)
    .option('-m, --message <text>', 'the outcome; - reads it from stdin')
    .option('--json', 'print the complaint as JSON')
    .action(async (number: string, options: { message?: string; json?: boolean }, command: Command) => {
      const answer = await text(options.message, '-m', 'the outcome');
      await show(await (await client(command)).complaints.answer(number, answer), options.json, `Complaint ${number} answered`);
    });

  complaint
    .command('review')
    .description('Second review: --request records that the customer disputes the outcome; --decision is a supervisor\'s ruling')
    .argument('<number>', 'complaint number', complaintNumber)
    .option('--request', 'the customer disputes the answer: send it to a supervisor (answered → second_review)')
    .option('--decision <decision>', `${REVIEW_DECISIONS.join(' | ')}: a supervisor's ruling, not by whoever answered (second_review → answered)`, oneOf(REVIEW_DECISIONS))
    .option('-m, --message <text>', "with --request, what the customer disputes; with --decision, the review's outcome; - reads stdin")
    .option('--json', 'print the complaint as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ support complaint review C-20261123-000042 --request -m "Customer says the voucher is not enough"\n  $ support complaint review C-20261123-000042 --decision overturned -m "Full refund of the fee"   (supervisor)',
    )
    .action(async (number: string, options: ReviewOptions, command: Command) => {
      if (Boolean(options.request) === Boolean(options.decision)) throw usageError('use exactly one of --request (record the dispute) and --decision upheld|overturned (rule on it)');
      if (options.request) {
        const reason = await text(options.message, '-m', 'what the customer disputes');
        await show(await (await client(command)).complaints.requestSecondReview(number, reason), options.json, `Complaint ${number} sent to a supervisor for second review`);
        return;
      }
      const note = await text(options.message, '-m', 'the outcome of the review');
      const decided = await (await client(command)).complaints.review(number, { decision: options.decision!, note });
      await show(decided, options.json, `Second review of ${number}: ${options.decision}`);
    });

  complaint
    .command('close')
    .description('Close a complaint: answered → closed, or open → closed with a note (withdrawn)')
    .addHelpText('after', '\nExamples:\n  $ support complaint close C-20261123-000042\n  $ support complaint close C-20261123-000042 -m "Withdrawn by the customer"')
    .argument('<number>', 'complaint number', complaintNumber)
    .option('-m, --message <text>', 'a closing note (required when it was never answered); - reads stdin')
    .option('--json', 'print the complaint as JSON')
    .action(async (number: string, options: { message?: string; json?: boolean }, command: Command) => {
      const note = options.message === undefined ? undefined : await text(options.message, '-m', 'the note');
      await show(await (await client(command)).complaints.close(number, note), options.json, `Complaint ${number} closed`);
    });
}
