import { color as chalk } from '../output/color.js';
import { sanitize } from '../../api/text/sanitize.js';
import { compactDuration } from '../../api/text/durations.js';
import type { Complaint } from '../../api/types.js';
import { renderTable } from '../output/table.js';
import { printMoreHint } from '../output/more-hint.js';
import { note, printJson, stdoutIsTty } from '../output/terminal.js';

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

/** Working days left by the regulator's count: "3 wd left", "due today", "2 wd overdue"; empty without a rule. */
export function workingDaysText(c: Pick<Complaint, 'regulation'>): string {
  const left = c.regulation?.workingDaysLeft;
  if (left === null || left === undefined) return '';
  if (left === 0) return 'due today';
  return left > 0 ? `${left} wd left` : `${-left} wd overdue`;
}

/** Where the extension notice went: "sent to the customer in conversation #42 (message 901)", or why it was only recorded. */
export function noticeText(c: Pick<Complaint, 'regulation' | 'conversationId'>): string {
  const extension = c.regulation?.extension;
  if (!extension) return '';
  if (extension.messageId !== null) return `sent to the customer in conversation #${c.conversationId} (message ${extension.messageId})`;
  return extension.unsent ? `recorded, not sent: ${line(extension.unsent)}` : 'recorded';
}

/** A page of complaints as `complaint list` and `customer complaints` print it: exact JSON, or the table. */
export function printComplaintPage(page: { data: Complaint[]; nextCursor: string | null }, json: boolean | undefined): void {
  if (json) printJson(page);
  else printComplaintTable(page.data, page.nextCursor);
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
        value: (c) => `${c.overdue ? '✗' : c.status === 'open' || c.status === 'second_review' ? '◷' : ' '} ${localTime(c.replyBy)}${workingDaysText(c) ? ` (${workingDaysText(c)})` : ''}`,
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
  const r = c.regulation;
  if (r) {
    out.push(`${chalk.dim('Rule    ')} ${r.rule}${workingDaysText(c) ? ` · ${workingDaysText(c)}` : ''}`);
    if (r.choice) out.push(`${chalk.dim('Why     ')} ${line(r.choice.reason)}`);
    if (r.acknowledgeBy) out.push(`${chalk.dim('Acknowledge by')} ${localTime(r.acknowledgeBy)}`);
    if (r.extension) {
      out.push(`${chalk.dim('Extended')} ${localTime(r.extension.at)} by ${line(r.extension.by.name)} (was ${localTime(r.extension.replyByBefore)}); customer told: ${line(r.extension.notice)}`);
      const sent = noticeText(c);
      out.push(`${chalk.dim('Notice  ')} ${r.extension.unsent ? chalk.yellow(sent) : sent}`);
    }
    else if (r.extensionAllowed) out.push(`${chalk.dim('Extension')} allowed once: ${r.extensionAllowed}`);
  }
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
