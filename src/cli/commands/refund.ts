import { InvalidArgumentError, type Command } from 'commander';
import { REFUND_REASONS, REFUND_STATUSES, type RefundReason, type RefundStatus } from '../../api/enums.js';
import type { Refund, RefundDetail, RefundListQuery } from '../../api/types.js';
import { confirmTyped, idempotencyKeyOption, requireConfirmationMeans, withKeyHint, type DestructiveOptions } from '../destructive.js';
import { usageError } from '../output/cli-error.js';
import { oneOf, positiveInt } from '../options.js';
import type { GlobalOptions } from '../session.js';

function prefixedId(prefix: string, what: string) {
  return (value: string): string => {
    if (!new RegExp(`^${prefix}_[0-9A-Za-z]{6,32}$`).test(value)) throw new InvalidArgumentError(`"${value}" is not ${what} (${prefix}_…).`);
    return value;
  };
}
const transactionId = prefixedId('txn', 'a transaction id');
const refundId = prefixedId('rfd', 'a refund id');

function addDestructiveOptions(command: Command): Command {
  return command
    .option('-y, --yes', 'do it without asking (required when not in a terminal)')
    .option('--dry-run', 'show what would happen and change nothing')
    .option('--idempotency-key <key>', 'your key for this operation: running it again with the same key never does it twice', idempotencyKeyOption)
    .option('--json', 'print the result as JSON');
}

async function client(command: Command) {
  const { authenticatedClient } = await import('../session.js');
  return authenticatedClient(command.optsWithGlobals<GlobalOptions>());
}

async function money() {
  const { displayMoney, formatMoney, parseMoney, MoneyError } = await import('../../api/money.js');
  return { displayMoney, formatMoney, parseMoney, MoneyError };
}

/** One line about a refund, for people. */
async function summarize(refund: Refund): Promise<string> {
  const { displayMoney } = await money();
  const waits = refund.status === 'pending_approval' ? `waits for a supervisor’s approval (${refund.approvalReason === 'daily_limit' ? 'above your limit in 24 hours' : 'above your limit per refund'})` : refund.status;
  return `refund ${refund.id} of ${displayMoney(refund.amount)} for ${refund.transactionId}: ${waits}`;
}

interface CreateOptions extends DestructiveOptions {
  amount?: string;
  reason: RefundReason;
  note?: string;
}

interface DecideOptions extends DestructiveOptions {
  note?: string;
  reason?: string;
}

interface ListOptions {
  status?: RefundStatus;
  pending?: boolean;
  approvable?: boolean;
  mine?: boolean;
  transaction?: string;
  customer?: string;
  account?: string;
  limit: number;
  cursor?: string;
  json?: boolean;
}

async function printRefundDetail(detail: RefundDetail): Promise<void> {
  const { displayMoney } = await money();
  const { print } = await import('../output/terminal.js');
  const { sanitize } = await import('../../api/text/sanitize.js');
  const line = (text: string | null) => sanitize(text ?? '—', { multiline: false });
  const { refund, transaction, account, approvalCheck } = detail;
  const rows: [string, string][] = [
    ['Refund', `${refund.id}  ${displayMoney(refund.amount)}  ${refund.status}`],
    ['Payment', `${transaction.id}  ${displayMoney(transaction.amount)} to ${line(transaction.counterparty)}; refunded ${displayMoney(transaction.refunded)}, ${displayMoney(transaction.refundable)} left, ${displayMoney(transaction.refundPending)} awaiting approval`],
    ['Wallet', `${account.id}  ${account.status}`],
    ['Reason', `${refund.reason}${refund.note ? ` · ${line(refund.note)}` : ''}`],
    ['Asked by', `${line(refund.requestedBy.name)} at ${refund.createdAt}`],
  ];
  if (refund.approvalReason) rows.push(['Approval', refund.approvalReason === 'daily_limit' ? 'needed: above the requester’s limit in 24 hours' : 'needed: above the requester’s limit per refund']);
  if (refund.decidedBy) rows.push([refund.status === 'rejected' ? 'Rejected by' : 'Approved by', `${line(refund.decidedBy.name)} at ${refund.decidedAt}${refund.decisionNote ? ` · ${line(refund.decisionNote)}` : ''}`]);
  if (refund.refundTransactionId) rows.push(['Credited', refund.refundTransactionId]);
  if (approvalCheck) rows.push(['You', approvalCheck.allowed ? 'may approve it' : `cannot approve it: ${line(approvalCheck.detail)}`]);
  print(rows.map(([k, v]) => `${k.padEnd(12)}${v}`).join('\n'));
}

export function registerRefundCommands(program: Command): void {
  const refund = program.command('refund').description('Refunds: create, approve, reject, list, show')
    .addHelpText('after', '\nExamples:\n  $ support refund list --approvable\n  $ support refund create txn_4Jx2Qp9LmN7a --reason duplicate');

  addDestructiveOptions(
    refund
      .command('create')
      .description('Refund a payment, in full or in part; above your limit it waits for approval')
      .argument('<transaction-id>', 'the payment to refund (txn_…)', transactionId)
      .option('--amount <amount>', 'in the payment’s currency, e.g. 12.50 CNY or 50000 IDR (default: everything left to refund)')
      .requiredOption('--reason <reason>', REFUND_REASONS.join(' | '), oneOf(REFUND_REASONS))
      .option('--note <text>', 'what the customer was told, or why'),
  )
    .addHelpText('after', '\nExamples:\n  $ support refund create txn_4Jx2Qp9LmN7a --amount 12.50 --reason failed_delivery\n  $ support refund create txn_4Jx2Qp9LmN7a --reason duplicate --dry-run')
    .action(async (txn: string, options: CreateOptions, command: Command) => {
      requireConfirmationMeans(options, `refund of ${txn}`);
      const api = await client(command);
      const { displayMoney, formatMoney, parseMoney, MoneyError } = await money();
      const { printJson, note } = await import('../output/terminal.js');
      const { transaction } = await api.transactions.get(txn);
      const currency = transaction.amount.currency;
      let amount: number | undefined;
      if (options.amount !== undefined) {
        try {
          amount = parseMoney(options.amount, currency).amount;
        } catch (error) {
          if (error instanceof MoneyError) throw usageError(`--amount: ${error.message}`);
          throw error;
        }
        if (amount === 0) throw usageError('--amount: a refund must be more than zero');
      }
      const preview = await api.refunds.preview({ transactionId: txn, ...(amount !== undefined ? { amount } : {}) });
      const outcome = preview.approvalRequired ? 'pending_approval' : 'succeeded';
      if (options.dryRun) {
        if (options.json) {
          printJson({ dryRun: true, outcome, preview });
          return;
        }
        const limit =
          preview.approvalReason === 'daily_limit'
            ? `it would wait for a supervisor’s approval: it is above what you may still refund in 24 hours (${displayMoney(preview.allowance.remainingLast24h)})`
            : preview.approvalReason === 'per_refund_limit'
              ? `it would wait for a supervisor’s approval: it is above your limit of ${displayMoney(preview.allowance.perRefund)} per refund`
              : `it would succeed at once (your limit: ${displayMoney(preview.allowance.perRefund)} per refund, ${displayMoney(preview.allowance.remainingLast24h)} left in 24 hours)`;
        note(
          `Would refund ${displayMoney(preview.amount)} of ${txn} (${displayMoney(preview.transaction.amount)}, ${displayMoney(preview.transaction.refundable)} left to refund) into ${preview.account.id} (${preview.account.status}); ${limit}. Nothing was changed.`,
        );
        return;
      }
      const shown = formatMoney(preview.amount.amount, currency, { grouping: true });
      await confirmTyped(options, {
        message: `Refund ${displayMoney(preview.amount)} of ${txn} into ${preview.account.id}${preview.approvalRequired ? ' (it will wait for a supervisor’s approval)' : ''}?`,
        expected: shown,
        matches: (typed) => {
          try {
            return parseMoney(typed, currency).amount === preview.amount.amount;
          } catch {
            return false;
          }
        },
      });
      const { newIdempotencyKey } = await import('../../client/money-api.js');
      const key = options.idempotencyKey ?? newIdempotencyKey();
      const done = await withKeyHint(key, () =>
        api.refunds.create({ transactionId: txn, ...(amount !== undefined ? { amount } : {}), reason: options.reason, ...(options.note ? { note: options.note } : {}) }, { idempotencyKey: key }),
      );
      if (options.json) printJson(done.result);
      else note(`✓ ${await summarize(done.result)}${done.replayed ? ' (done before with this key; nothing was done again)' : ''}`);
    });

  addDestructiveOptions(
    refund
      .command('approve')
      .description('Approve a refund that waits (supervisors and admins; not your own)')
      .addHelpText('after', '\nExamples:\n  $ support refund approve rfd_9Tq3Lm2Xw8Za\n  $ support refund approve rfd_9Tq3Lm2Xw8Za --note "Receipt checked" --yes --json')
      .argument('<refund-id>', 'rfd_…', refundId)
      .option('--note <text>', 'why it is approved'),
  ).action(async (id: string, options: DecideOptions, command: Command) => {
    requireConfirmationMeans(options, `approving ${id}`);
    const api = await client(command);
    const { displayMoney, formatMoney, parseMoney } = await money();
    const { printJson, note } = await import('../output/terminal.js');
    const { CliError } = await import('../output/cli-error.js');
    const detail = await api.refunds.get(id);
    const { refund: r } = detail;
    if (options.dryRun) {
      const check = detail.approvalCheck ?? { allowed: false, code: 'refund_not_pending', detail: `refund ${id} is ${r.status.replace('_', ' ')} already` };
      if (options.json) printJson({ dryRun: true, allowed: check.allowed, refusal: check.allowed ? null : { code: check.code, detail: check.detail }, refund: r });
      else note(check.allowed ? `Would approve ${id}: ${displayMoney(r.amount)} back into ${r.accountId}. Nothing was changed.` : `Would be refused: ${check.detail}. Nothing was changed.`);
      if (!check.allowed) throw new CliError(`approving ${id} would be refused`, 1);
      return;
    }
    await confirmTyped(options, {
      message: `Approve ${id}: ${displayMoney(r.amount)} back into ${r.accountId}, asked by ${r.requestedBy.name} (${r.reason})?`,
      expected: formatMoney(r.amount.amount, r.amount.currency, { grouping: true }),
      matches: (typed) => {
        try {
          return parseMoney(typed, r.amount.currency).amount === r.amount.amount;
        } catch {
          return false;
        }
      },
    });
    const { newIdempotencyKey } = await import('../../client/money-api.js');
    const key = options.idempotencyKey ?? newIdempotencyKey();
    const done = await withKeyHint(key, () => api.refunds.approve(id, options.note ? { note: options.note } : {}, { idempotencyKey: key }));
    if (options.json) printJson(done.result);
    else note(`✓ Approved ${id}: ${displayMoney(done.result.amount)} credited to ${done.result.accountId}${done.replayed ? ' (done before with this key; nothing was done again)' : ''}`);
  });

  addDestructiveOptions(
    refund
      .command('reject')
      .description('Reject a refund that waits, with a reason (supervisors and admins)')
      .addHelpText('after', '\nExamples:\n  $ support refund reject rfd_9Tq3Lm2Xw8Za --reason "Goods were delivered"')
      .argument('<refund-id>', 'rfd_…', refundId)
      .requiredOption('--reason <text>', 'why, in a sentence the requester can act on'),
  ).action(async (id: string, options: DecideOptions, command: Command) => {
    requireConfirmationMeans(options, `rejecting ${id}`);
    const api = await client(command);
    const { displayMoney } = await money();
    const { printJson, note } = await import('../output/terminal.js');
    const { CliError } = await import('../output/cli-error.js');
    const { refund: r } = await api.refunds.get(id);
    if (options.dryRun) {
      const allowed = r.status === 'pending_approval';
      if (options.json) printJson({ dryRun: true, allowed, refund: r });
      else note(allowed ? `Would reject ${id} (${displayMoney(r.amount)}); nothing would move. Nothing was changed.` : `Would be refused: refund ${id} is ${r.status.replace('_', ' ')} already. Nothing was changed.`);
      if (!allowed) throw new CliError(`rejecting ${id} would be refused`, 1);
      return;
    }
    await confirmTyped(options, { message: `Reject ${id} (${displayMoney(r.amount)} for ${r.transactionId})?`, expected: id });
    const { newIdempotencyKey } = await import('../../client/money-api.js');
    const key = options.idempotencyKey ?? newIdempotencyKey();
    const done = await withKeyHint(key, () => api.refunds.reject(id, { reason: options.reason! }, { idempotencyKey: key }));
    if (options.json) printJson(done.result);
    else note(`✓ Rejected ${id}${done.replayed ? ' (done before with this key; nothing was done again)' : ''}`);
  });

  refund
    .command('list')
    .description('List refunds, newest first')
    .option('--status <status>', REFUND_STATUSES.join(' | '), oneOf(REFUND_STATUSES))
    .option('--pending', 'only refunds awaiting approval (same as --status pending_approval)')
    .option('--approvable', 'only refunds awaiting approval that you may decide (not your own)')
    .option('--mine', 'only refunds you asked for')
    .option('--transaction <id>', 'refunds of one payment', transactionId)
    .option('--customer <id>', 'refunds of one customer (cus_…)', prefixedId('cus', 'a customer id'))
    .option('--account <id>', 'refunds into one wallet (wal_…)', prefixedId('wal', 'an account id'))
    .option('-L, --limit <n>', 'how many refunds (1-10000)', positiveInt(10_000), 30)
    .option('--cursor <cursor>', 'continue after a previous page (from --json nextCursor)')
    .option('--json', 'print {data, nextCursor} as JSON')
    .addHelpText('after', '\nExamples:\n  $ support refund list --approvable\n  $ support refund list --mine --json | jq \'.data[].status\'')
    .action(async (options: ListOptions, command: Command) => {
      if (options.pending && options.status && options.status !== 'pending_approval') throw usageError('--pending and --status disagree: use one of them');
      const query: RefundListQuery = {
        ...(options.status || options.pending ? { status: options.status ?? 'pending_approval' } : {}),
        ...(options.approvable ? { approvable: true } : {}),
        ...(options.mine ? { requestedBy: 'me' } : {}),
        ...(options.transaction ? { transactionId: options.transaction } : {}),
        ...(options.customer ? { customerId: options.customer } : {}),
        ...(options.account ? { accountId: options.account } : {}),
      };
      const api = await client(command);
      const { collectPages } = await import('../../client/collect-pages.js');
      const { data, nextCursor } = await collectPages((page) => api.refunds.list({ ...query, ...page }), options);
      const { printJson, note } = await import('../output/terminal.js');
      if (options.json) {
        printJson({ data, nextCursor });
        return;
      }
      if (!data.length) {
        note('no refunds match');
        return;
      }
      const { displayMoney } = await money();
      const { renderTable } = await import('../output/table.js');
      process.stdout.write(
        renderTable<Refund>(
          [
            { header: 'ID', value: (r) => r.id, minWidth: Infinity },
            { header: 'STATUS', value: (r) => r.status },
            { header: 'AMOUNT', value: (r) => displayMoney(r.amount), align: 'right' },
            { header: 'PAYMENT', value: (r) => r.transactionId, minWidth: Infinity },
            { header: 'ASKED BY', value: (r) => r.requestedBy.name, maxWidth: 18 },
            { header: 'CREATED', value: (r) => r.createdAt.replace('T', ' ').slice(0, 16) },
            { header: 'REASON', value: (r) => [r.reason, r.note].filter(Boolean).join(' · '), flexible: true },
          ],
          data,
        ),
      );
      (await import('../output/more-hint.js')).printMoreHint(nextCursor);
    });

  refund
    .command('show')
    .description('Show a refund, its payment, and whether you could approve it')
    .addHelpText('after', '\nExamples:\n  $ support refund show rfd_9Tq3Lm2Xw8Za\n  $ support refund show rfd_9Tq3Lm2Xw8Za --jq .refund.status')
    .argument('<refund-id>', 'rfd_…', refundId)
    .option('--json', 'print the refund detail as JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const detail = await (await client(command)).refunds.get(id);
      const { printJson } = await import('../output/terminal.js');
      if (options.json) printJson(detail);
      else await printRefundDetail(detail);
    });
}
