import { displayMoney } from '../../api/money.js';
import { SEARCH_KEY_LABELS } from '../../api/search-labels.js';
import { sanitize } from '../../api/text/sanitize.js';
import type { CustomerContext, RefundableTransaction, SearchResult } from '../../api/types.js';
import { color as chalk } from '../output/color.js';
import { printMoreHint } from '../output/more-hint.js';
import { renderTable, type Column } from '../output/table.js';
import { note, stdoutIsTty } from '../output/terminal.js';
import { localTime } from './complaint-view.js';

const line = (text: string) => sanitize(text, { multiline: false });

function table<T>(title: string, columns: Column<T>[], rows: T[]): string {
  const text = renderTable(columns, rows);
  const tty = stdoutIsTty();
  return `${tty ? chalk.bold(title) : `# ${title}`}\n${tty ? text.replace(/^[^\n]*/, (h) => chalk.dim(h)) : text}`;
}

/** The groups of a lookup, each a table; nothing found says what was tried. */
export function printSearchResult(result: SearchResult): void {
  const parts: string[] = [];
  if (result.customers.length) {
    parts.push(
      table('Customers', [
        { header: 'ID', value: (c) => c.id, minWidth: Infinity },
        { header: 'NAME', value: (c) => c.name, flexible: true },
        { header: 'PHONE', value: (c) => c.phone ?? '—' },
        { header: 'EMAIL', value: (c) => c.email ?? '—', drop: 2 },
        { header: 'KYC', value: (c) => c.kycLevel, drop: 3 },
        { header: 'MATCHED', value: (c) => SEARCH_KEY_LABELS[c.matched], drop: 1 },
      ], result.customers),
    );
  }
  if (result.conversations.length) {
    parts.push(
      table('Conversations', [
        { header: 'CONV', value: (c) => `#${c.id}`, align: 'right', minWidth: Infinity },
        { header: 'STATUS', value: (c) => c.status },
        { header: 'CHANNEL', value: (c) => c.channel, drop: 1 },
        { header: 'CUSTOMER', value: (c) => c.customerName, maxWidth: 20 },
        { header: 'SUBJECT', value: (c) => c.subject, flexible: true },
      ], result.conversations),
    );
  }
  if (result.transactions.length) {
    parts.push(
      table('Transactions', [
        { header: 'ID', value: (t) => t.id, minWidth: Infinity },
        { header: 'TYPE', value: (t) => t.type },
        { header: 'STATUS', value: (t) => t.status },
        { header: 'AMOUNT', value: (t) => displayMoney(t.amount), align: 'right' },
        { header: 'CUSTOMER', value: (t) => t.customerId },
        { header: 'WHEN', value: (t) => localTime(t.createdAt), drop: 1 },
      ], result.transactions),
    );
  }
  if (result.refunds.length) {
    parts.push(
      table('Refunds', [
        { header: 'ID', value: (r) => r.id, minWidth: Infinity },
        { header: 'STATUS', value: (r) => r.status },
        { header: 'AMOUNT', value: (r) => displayMoney(r.amount), align: 'right' },
        { header: 'TRANSACTION', value: (r) => r.transactionId },
        { header: 'CUSTOMER', value: (r) => r.customerId, drop: 1 },
      ], result.refunds),
    );
  }
  if (result.complaints.length) {
    parts.push(
      table('Complaints', [
        { header: 'NUMBER', value: (c) => c.number, minWidth: Infinity },
        { header: 'STATUS', value: (c) => c.status },
        { header: 'CONV', value: (c) => `#${c.conversationId}`, align: 'right' },
        { header: 'REPLY BY', value: (c) => localTime(c.replyByAt), drop: 1 },
        { header: 'SUMMARY', value: (c) => c.summary, flexible: true },
      ], result.complaints),
    );
  }
  if (result.messages.length) {
    parts.push(
      table(`Conversations mentioning “${line(result.query)}”`, [
        { header: 'CONV', value: (m) => `#${m.conversationId}`, align: 'right', minWidth: Infinity },
        { header: 'CUSTOMER', value: (m) => m.customerName, maxWidth: 20 },
        { header: 'WHEN', value: (m) => localTime(m.at), drop: 1 },
        { header: 'MESSAGE', value: (m) => m.excerpt, flexible: true },
      ], result.messages),
    );
  }
  if (parts.length === 0) {
    const tried = result.tried.map((k) => SEARCH_KEY_LABELS[k]).join(', ');
    note(`nothing matches “${line(result.query)}”${result.phone ? ` (${result.phone})` : ''}; tried: ${tried || 'nothing (no kind asked for takes this query)'}`);
    return;
  }
  process.stdout.write(parts.join('\n'));
}

/** A customer's page: phone and email whole (the opening is recorded in the audit log). */
export function printCustomer(context: CustomerContext): void {
  const c = context.customer;
  const s = context.security;
  const out = [
    chalk.bold(`${line(c.name)} (${c.id})`),
    `${chalk.dim('Phone   ')} ${line(c.phone ?? '—')}`,
    `${chalk.dim('Email   ')} ${line(c.email ?? '—')}`,
    `${chalk.dim('Language')} ${c.language} · KYC ${c.kycLevel} · 2FA ${s.twoFactorEnabled ? (s.twoFactorMethod ?? 'on') : 'off'}`,
    '',
    chalk.bold('Wallets'),
    ...context.accounts.map((a) => `  ${a.id}  ${a.status.padEnd(7)} ${displayMoney(a.balance)}`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  if (context.transactions.length) process.stdout.write(`\n${table('Latest transactions', transactionColumns(), context.transactions)}`);
  if (context.conversations.length) {
    process.stdout.write(
      `\n${table('Conversations', [
        { header: 'CONV', value: (v) => `#${v.id}`, align: 'right', minWidth: Infinity },
        { header: 'STATUS', value: (v) => v.status },
        { header: 'CHANNEL', value: (v) => v.channel },
        { header: 'SUBJECT', value: (v) => v.subject, flexible: true },
      ], context.conversations)}`,
    );
  }
}

function transactionColumns(): Column<RefundableTransaction>[] {
  return [
    { header: 'ID', value: (t) => t.id, minWidth: Infinity },
    { header: 'WHEN', value: (t) => localTime(t.createdAt) },
    { header: 'TYPE', value: (t) => t.type },
    { header: 'STATUS', value: (t) => t.status, style: (text, t) => (t.status === 'failed' ? chalk.red(text) : text) },
    { header: 'AMOUNT', value: (t) => displayMoney(t.amount), align: 'right' },
    { header: 'METHOD', value: (t) => t.paymentMethod ?? '', drop: 1 },
    { header: 'REFUNDABLE', value: (t) => (t.refundable.amount > 0 ? displayMoney(t.refundable) : '—'), align: 'right', drop: 2 },
    { header: 'COUNTERPARTY', value: (t) => t.counterparty, flexible: true },
    { header: 'FAILURE', value: (t) => t.failureReason ?? '', drop: 1 },
  ];
}

export function printTransactionTable(rows: RefundableTransaction[], nextCursor: string | null): void {
  if (rows.length === 0) {
    note('no transactions match');
    return;
  }
  const text = renderTable(transactionColumns(), rows);
  process.stdout.write(stdoutIsTty() ? text.replace(/^[^\n]*/, (h) => chalk.bold(h)) : text);
  printMoreHint(nextCursor);
}
