import { color as chalk } from '../output/color.js';
import { sanitize } from '../../api/text/sanitize.js';
import { compactDuration } from '../../api/text/durations.js';
import type { Complaint } from '../../api/types.js';
import { renderTable } from '../output/table.js';
import { printMoreHint } from '../output/more-hint.js';
import { note, stdoutIsTty } from '../output/terminal.js';

const line = (text: string) => sanitize(text, { multiline: false });
const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-30 14:05" in local time. */
export function localTime(iso: string): string {
  const t = new Date(Date.parse(iso));
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/** "reply by 2026-11-30 14:05 (in 6d23h)", "OVERDUE since …", or the time alone once nothing is owed. */
export function replyByText(c: Pick<Complaint, 'replyBy' | 'overdue' | 'status'>, now: number): string {
  const left = Date.parse(c.replyBy) - now;
  if (c.overdue) return `✗ overdue by ${compactDuration(-left)} (reply by ${localTime(c.replyBy)})`;
  if (c.status === 'open' || c.status === 'second_review') return `◷ reply by ${localTime(c.replyBy)} (in ${compactDuration(left)})`;
  return `reply by ${localTime(c.replyBy)}`;
}

export function printComplaintTable(rows: Complaint[], nextCursor: string | null): void {
  if (rows.length === 0) {
    note('no complaints match');
    return;
  }
  const table = renderTable<Complaint>(
    [
      { header: 'NUMBER', value: (c) => c.number, minWidth: Infinity },
      { header: 'STATUS', value: (c) => c.status },
      {
        header: 'REPLY BY',
        // The symbol carries the state for readers without colour.
        value: (c) => `${c.overdue ? '✗' : c.status === 'open' || c.status === 'second_review' ? '◷' : ' '} ${localTime(c.replyBy)}`,
        style: (t, c) => (c.overdue ? chalk.red(t) : t),
      },
      { header: 'CONV', value: (c) => `#${c.conversationId}`, align: 'right', minWidth: Infinity },
      { header: 'CUSTOMER', value: (c) => c.customer.name, maxWidth: 20 },
      { header: 'SUMMARY', value: (c) => c.summary, flexible: true },
    ],
    rows,
  );
  process.stdout.write(stdoutIsTty() ? table.replace(/^[^\n]*/, (h) => chalk.bold(h)) : table);
  printMoreHint(nextCursor);
}

export function printComplaint(c: Complaint): void {
  const now = Date.now();
  const due = replyByText(c, now);
  const out = [
    chalk.bold(`${c.number} ${line(c.summary)}`),
    [c.status.replace('_', ' '), c.overdue ? chalk.red(due) : due, `conversation #${c.conversationId}`].join(' · '),
    `${chalk.dim('Customer')} ${line(c.customer.name)} (${c.customer.id})`,
    `${chalk.dim('Opened  ')} ${localTime(c.createdAt)} by ${line(c.createdBy.name)}`,
  ];
  if (c.answer) out.push('', chalk.dim(`Answer, ${localTime(c.answer.at)} by ${line(c.answer.by.name)}:`), sanitize(c.answer.text));
  const review = c.secondReview;
  if (review) {
    out.push('', chalk.dim(`Second review asked for, ${localTime(review.requestedAt)} by ${line(review.requestedBy.name)}:`), sanitize(review.reason));
    if (review.decision && review.reviewedBy && review.reviewedAt) {
      out.push('', chalk.dim(`Review: ${review.decision}, ${localTime(review.reviewedAt)} by ${line(review.reviewedBy.name)}:`), sanitize(review.note ?? ''));
    } else {
      out.push(chalk.yellow('waiting for a supervisor’s decision'));
    }
  }
  if (c.closed) out.push('', chalk.dim(`Closed, ${localTime(c.closed.at)} by ${line(c.closed.by.name)}${c.closed.note ? ':' : ''}`), ...(c.closed.note ? [sanitize(c.closed.note)] : []));
  process.stdout.write(`${out.join('\n')}\n`);
}
