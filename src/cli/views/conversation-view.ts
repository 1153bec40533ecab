import { color as chalk } from '../output/color.js';
import { isAutomaticAnswer } from '../../api/automatic-answers.js';
import { displayMoney } from '../../api/money.js';
import { sanitize } from '../../api/text/sanitize.js';
import type { ConversationDetail } from '../../api/types.js';
import { shortTime, slaCountdown, slaHoldText } from '../../api/text/durations.js';

const line = (text: string) => sanitize(text, { multiline: false });

export function printConversation(detail: ConversationDetail): void {
  const { conversation: c, customer } = detail;
  const now = Date.now();
  const out: string[] = [];
  out.push(chalk.bold(`#${c.id} ${line(c.subject)}`));
  const due = c.sla.dueAt ? (c.sla.breached ? chalk.red(`✗ SLA breached ${slaCountdown(c, now)}`) : `◷ due in ${slaCountdown(c, now)}`) : 'no SLA clock running';
  out.push(
    [c.status, c.priority, c.channel, c.category, due, ...(slaHoldText(c) ? [`‖ ${slaHoldText(c)}`] : []), c.assignee ? `assigned to ${line(c.assignee.name)}` : 'unassigned', ...c.tags.map((t) => `#${line(t)}`)].join(' · '),
  );
  out.push(
    `${chalk.dim('Customer')} ${line(customer.name)} (${customer.id}) · ${customer.language} · KYC ${customer.kycLevel} · 2FA ${customer.twoFactorEnabled ? 'on' : 'off'}`,
  );
  for (const account of detail.accounts) {
    const state = account.status === 'active' ? account.status : chalk.red.bold(`${account.status.toUpperCase()} ■`);
    out.push(`${chalk.dim('Wallet  ')} ${account.id} ${displayMoney(account.balance)} ${state}`);
  }
  if (detail.complaint) out.push(`${chalk.dim('Complaint')} ${detail.complaint.number} ${detail.complaint.status.replace('_', ' ')}${detail.complaint.overdue ? chalk.red(' ✗ overdue') : ''} (support complaint show ${detail.complaint.number})`);
  if (detail.satisfaction) {
    const { rating, comment } = detail.satisfaction;
    // Stars and the figure: the rating reads the same without colour.
    out.push(`${chalk.dim('Rated   ')} ${'★'.repeat(rating)}${'☆'.repeat(5 - rating)} ${rating}/5${comment ? ` “${line(comment)}”` : ''}`);
  }
  if (detail.olderMessagesCursor) out.push(chalk.dim('… earlier messages not shown (--all shows them)'));
  for (const m of detail.messages) {
    const who = `${line(m.author.name)} (${isAutomaticAnswer(m) ? 'automatic answer' : m.author.type})`;
    const tag = m.kind === 'note' ? chalk.yellow(' · internal note') : '';
    out.push('');
    out.push(`${chalk.dim(`[${shortTime(m.createdAt, now)}]`)} ${chalk.bold(who)}${tag}`);
    out.push(
      sanitize(m.body)
        .split('\n')
        .map((l) => `  ${m.kind === 'note' ? chalk.yellow('│ ') : ''}${l}`)
        .join('\n'),
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
