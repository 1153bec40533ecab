import { FREEZE_REASONS, VERIFICATION_METHODS } from '../../api/enums.js';
import { displayMoney } from '../../api/money.js';
import type { CustomerContext, WalletAccount } from '../../api/types.js';
import type { DialogDefinition, DialogState } from './types.js';
import { FREEZE_REASON_LABELS, VERIFICATION_LABELS } from './money-labels.js';

const contextOf = (state: DialogState) => state.data['context'] as CustomerContext | undefined;
const accountOf = (state: DialogState) => contextOf(state)?.accounts.find((a) => a.id === state.values['account']);
const accountLabel = (a: WalletAccount) => `${a.id}  ${displayMoney(a.balance)}  ${a.status}`;

/** A choice of the customer's wallets in a given state, skipped when there is exactly one. */
function accountStep(status: WalletAccount['status'], verb: string) {
  return (state: DialogState) => {
    const accounts = contextOf(state)?.accounts.filter((a) => a.status === status) ?? [];
    if (accounts.length === 1 && !state.values['account']) state.values['account'] = accounts[0]!.id;
    if (accounts.length <= 1) return null;
    return { kind: 'choice' as const, key: 'account', title: `Which wallet to ${verb}?`, options: accounts.map((a) => ({ value: a.id, label: accountLabel(a) })) };
  };
}

async function loadContext(ctx: Parameters<NonNullable<DialogDefinition['load']>>[0], state: DialogState) {
  return { context: await ctx.client.customers.get(String(state.subject['customerId'])) };
}

/** f: freeze at once (an agent may: an emergency must not wait), with a reason, a note, and the id typed. */
export const freezeDialog: DialogDefinition = {
  title: () => 'Freeze a wallet',
  load: loadContext,
  steps: [
    (state) => (contextOf(state)?.accounts.some((a) => a.status === 'active') ? null : { kind: 'info', title: 'Nothing to freeze', lines: ['The customer has no active wallet.'] }),
    accountStep('active', 'freeze'),
    () => ({ kind: 'choice', key: 'reason', title: 'Why?', options: FREEZE_REASONS.map((r) => ({ value: r, label: FREEZE_REASON_LABELS[r], detail: r })) }),
    () => ({ kind: 'text', key: 'note', title: 'Note (what happened; kept with the freeze)', validate: (t) => (t.trim() ? undefined : 'a note is required') }),
    (state) => {
      const account = accountOf(state);
      return {
        kind: 'confirm',
        danger: true,
        title: 'Type the wallet id to freeze it',
        expect: account?.id,
        lines: [
          `Freeze ${account ? accountLabel(account) : ''}`,
          `Reason: ${FREEZE_REASON_LABELS[state.values['reason'] as keyof typeof FREEZE_REASON_LABELS] ?? ''}`,
          'The wallet will send no money until a supervisor unfreezes it after an identity check.',
        ],
      };
    },
  ],
  submit: async (ctx, state, idempotencyKey) => {
    const id = state.values['account']!;
    await ctx.client.accounts.freeze(id, { reason: state.values['reason'] as (typeof FREEZE_REASONS)[number], note: state.values['note']!.trim() }, { idempotencyKey });
    return `Wallet ${id} is frozen`;
  },
};

/** U (supervisors): unfreeze, only with a recorded identity verification. */
export const unfreezeDialog: DialogDefinition = {
  title: () => 'Unfreeze a wallet',
  load: loadContext,
  steps: [
    (state) => (contextOf(state)?.accounts.some((a) => a.status === 'frozen') ? null : { kind: 'info', title: 'Nothing to unfreeze', lines: ['The customer has no frozen wallet.'] }),
    accountStep('frozen', 'unfreeze'),
    () => ({ kind: 'choice', key: 'method', title: 'How was the customer’s identity verified?', options: VERIFICATION_METHODS.map((m) => ({ value: m, label: VERIFICATION_LABELS[m], detail: m })) }),
    () => ({ kind: 'text', key: 'reference', title: 'Reference (document number, call id, ticket)', validate: (t) => (t.trim() ? undefined : 'a reference is required') }),
    () => ({ kind: 'text', key: 'note', title: 'Note (optional)', optional: true }),
    (state) => {
      const account = accountOf(state);
      return {
        kind: 'confirm',
        title: 'Type the wallet id to unfreeze it',
        expect: account?.id,
        lines: [`Unfreeze ${account ? accountLabel(account) : ''}`, `Verified by: ${VERIFICATION_LABELS[state.values['method'] as keyof typeof VERIFICATION_LABELS] ?? ''}, reference ${state.values['reference'] ?? ''}`],
      };
    },
  ],
  submit: async (ctx, state, idempotencyKey) => {
    const id = state.values['account']!;
    const note = state.values['note']?.trim();
    await ctx.client.accounts.unfreeze(
      id,
      { verification: { method: state.values['method'] as (typeof VERIFICATION_METHODS)[number], reference: state.values['reference']!.trim() }, ...(note ? { note } : {}) },
      { idempotencyKey },
    );
    return `Wallet ${id} is active again`;
  },
};
