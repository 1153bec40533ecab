import { InvalidArgumentError, type Command } from 'commander';
import { CLOSE_REASONS, FREEZE_REASONS, VERIFICATION_METHODS, type AccountAction } from '../../api/enums.js';
import type { AccountDetail } from '../../api/types.js';
import { confirmTyped, idempotencyKeyOption, requireConfirmationMeans, withKeyHint, type DestructiveOptions } from '../destructive.js';
import { oneOf } from '../options.js';
import type { GlobalOptions } from '../session.js';

export function accountId(value: string): string {
  if (!/^wal_[0-9A-Za-z]{6,32}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not an account id (wal_…).`);
  return value;
}

function agentId(value: string): string {
  if (!/^agt_[0-9A-Za-z]{6,32}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not an agent id (agt_…).`);
  return value;
}

interface TransitionOptions extends DestructiveOptions {
  reason?: string;
  note?: string;
  method?: string;
  reference?: string;
  verifiedBy?: string;
}

const PAST: Record<AccountAction, string> = { freeze: 'Frozen', unfreeze: 'Unfrozen', close: 'Closed' };
const TO: Record<AccountAction, string> = { freeze: 'frozen', unfreeze: 'active', close: 'closed' };

function addDestructiveOptions(command: Command): Command {
  return command
    .option('-y, --yes', 'do it without asking (required when not in a terminal)')
    .option('--dry-run', 'show what would happen and change nothing')
    .option('--idempotency-key <key>', 'your key for this operation: running it again with the same key never does it twice', idempotencyKeyOption)
    .option('--json', 'print the result as JSON');
}

async function runTransition(action: AccountAction, id: string, options: TransitionOptions, command: Command): Promise<void> {
  requireConfirmationMeans(options, `${action} ${id}`);
  const { authenticatedClient } = await import('../session.js');
  const { printJson, note } = await import('../output/terminal.js');
  const { CliError } = await import('../output/cli-error.js');
  const client = authenticatedClient(command.optsWithGlobals<GlobalOptions>());
  const detail = await client.accounts.get(id);
  const allowed = detail.allowedActions.includes(action);
  const from = detail.account.status;

  if (options.dryRun) {
    const role = (await client.me.get()).agent.role;
    const refusal = allowed ? null : `you (${role}) cannot ${action} an account that is ${from}${from === 'closed' ? ': closed is final' : ''}`;
    if (options.json) printJson({ dryRun: true, action, allowed, from, to: allowed ? TO[action] : from, account: detail.account, refusal });
    else {
      const { displayMoney } = await import('../../api/money.js');
      const { sanitize } = await import('../../api/text/sanitize.js');
      note(
        allowed
          ? `Would ${action} ${id} (${sanitize(detail.customer.name, { multiline: false })}, ${displayMoney(detail.account.balance)}): ${from} → ${TO[action]}. Nothing was changed.`
          : `Would be refused: ${refusal}. Nothing was changed.`,
      );
    }
    if (!allowed) throw new CliError(`${action} ${id} would be refused`, 1);
    return;
  }

  const { sanitize } = await import('../../api/text/sanitize.js');
  await confirmTyped(options, {
    message: `${action[0]!.toUpperCase()}${action.slice(1)} ${id} of ${sanitize(detail.customer.name, { multiline: false })} (${from} → ${TO[action]})?`,
    expected: id,
  });
  const { newIdempotencyKey } = await import('../../client/money-api.js');
  const key = options.idempotencyKey ?? newIdempotencyKey();
  const done = await withKeyHint(key, () => {
    const keyed = { idempotencyKey: key };
    if (action === 'freeze') return client.accounts.freeze(id, { reason: options.reason as never, note: options.note! }, keyed);
    if (action === 'close') return client.accounts.close(id, { reason: options.reason as never, note: options.note! }, keyed);
    return client.accounts.unfreeze(
      id,
      {
        verification: { method: options.method as never, reference: options.reference!, ...(options.verifiedBy ? { verifiedBy: options.verifiedBy } : {}) },
        ...(options.note ? { note: options.note } : {}),
      },
      keyed,
    );
  });
  if (options.json) {
    printJson(done.result);
    return;
  }
  note(`✓ ${PAST[action]} ${id}: ${done.result.change.from} → ${done.result.change.to}${done.replayed ? ' (done before with this key; nothing was done again)' : ''}`);
}

async function printAccount(detail: AccountDetail): Promise<void> {
  const { displayMoney } = await import('../../api/money.js');
  const { print } = await import('../output/terminal.js');
  const { sanitize } = await import('../../api/text/sanitize.js');
  const { renderTable } = await import('../output/table.js');
  const { account } = detail;
  const lines = [
    `${account.id}  ${displayMoney(account.balance)}  ${account.status === 'active' ? 'active' : account.status.toUpperCase()}`,
    `Customer ${sanitize(detail.customer.name, { multiline: false })} (${detail.customer.id})`,
    `You may: ${detail.allowedActions.length ? detail.allowedActions.join(', ') : 'nothing (your role, or the account’s state)'}`,
    '',
  ];
  print(lines.join('\n'));
  if (!detail.history.length) {
    print('No status changes.');
    return;
  }
  process.stdout.write(
    renderTable(
      [
        { header: 'WHEN', value: (h) => h.at.replace('T', ' ').slice(0, 16) },
        { header: 'ACTION', value: (h) => h.action },
        { header: 'CHANGE', value: (h) => `${h.from} → ${h.to}` },
        { header: 'BY', value: (h) => `${h.actor.name} (${h.actor.role})`, maxWidth: 28 },
        {
          header: 'WHY',
          value: (h) =>
            [h.reason, h.note, h.verification ? `verified by ${h.verification.verifiedBy.name}: ${h.verification.method} ${h.verification.reference}` : null].filter(Boolean).join(' · '),
          flexible: true,
        },
      ],
      detail.history,
    ),
  );
}

export function registerAccountCommands(program: Command): void {
  const account = program.command('account').description('Wallet accounts: show, freeze, unfreeze, close')
    .addHelpText('after', '\nExamples:\n  $ support account show wal_8Kq2mZ4T\n  $ support account freeze wal_8Kq2mZ4T --reason suspected_takeover --note "Unknown device"');

  account
    .command('show')
    .description('Show a wallet account, its status history and what you may do to it')
    .addHelpText('after', '\nExamples:\n  $ support account show wal_8Kq2mZ4T\n  $ support account show wal_8Kq2mZ4T --jq .account.status')
    .argument('<account-id>', 'wallet account id (wal_…)', accountId)
    .option('--json', 'print the account as JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const { authenticatedClient } = await import('../session.js');
      const client = authenticatedClient(command.optsWithGlobals<GlobalOptions>());
      const detail = await client.accounts.get(id);
      const { printJson } = await import('../output/terminal.js');
      if (options.json) {
        printJson(detail);
        return;
      }
      await printAccount(detail);
    });

  addDestructiveOptions(
    account
      .command('freeze')
      .description('Freeze a wallet at once: it sends no money out until a supervisor unfreezes it')
      .argument('<account-id>', 'wallet account id (wal_…)', accountId)
      .requiredOption('--reason <reason>', FREEZE_REASONS.join(' | '), oneOf(FREEZE_REASONS))
      .requiredOption('--note <text>', 'what happened, for the next person who reads the account'),
  )
    .addHelpText('after', '\nExamples:\n  $ support account freeze wal_8Kq2mZ4T --reason suspected_takeover --note "Unknown device, customer on the phone"\n  $ support account freeze wal_8Kq2mZ4T --reason fraud_review --note "Chargebacks" --yes --json')
    .action((id: string, options: TransitionOptions, command: Command) => runTransition('freeze', id, options, command));

  addDestructiveOptions(
    account
      .command('unfreeze')
      .description('Unfreeze a wallet after verifying the customer’s identity (supervisors and admins)')
      .argument('<account-id>', 'wallet account id (wal_…)', accountId)
      .requiredOption('--method <method>', `how the identity was verified: ${VERIFICATION_METHODS.join(' | ')}`, oneOf(VERIFICATION_METHODS))
      .requiredOption('--reference <ref>', 'document number, call recording or ticket that proves it')
      .option('--verified-by <agent-id>', 'who verified, if not you (agt_…)', agentId)
      .option('--note <text>', 'anything the next person should know'),
  )
    .addHelpText('after', '\nExample:\n  $ support account unfreeze wal_8Kq2mZ4T --method video_call --reference VC-2026-118')
    .action((id: string, options: TransitionOptions, command: Command) => runTransition('unfreeze', id, options, command));

  addDestructiveOptions(
    account
      .command('close')
      .description('Close an empty wallet for good (supervisors and admins); closed is final')
      .addHelpText('after', '\nExamples:\n  $ support account close wal_8Kq2mZ4T --reason customer_request --note "Customer asked by email"')
      .argument('<account-id>', 'wallet account id (wal_…)', accountId)
      .requiredOption('--reason <reason>', CLOSE_REASONS.join(' | '), oneOf(CLOSE_REASONS))
      .requiredOption('--note <text>', 'why'),
  ).action((id: string, options: TransitionOptions, command: Command) => runTransition('close', id, options, command));
}
