import { FREEZE_REASONS, VERIFICATION_METHODS } from '../../api/enums.js';
import { displayMoney } from '../../api/money.js';
import type { WalletAccount } from '../../api/types.js';
import type { DialogDeps } from './deps.js';
import type { DialogStateOf } from '../state/dialog-state.js';
import type { DialogDefinition } from './types.js';
import { oneOf } from './one-of.js';
import { FREEZE_REASON_LABELS, VERIFICATION_LABELS } from './money-labels.js';

type WalletDialog = DialogStateOf<'freeze'> | DialogStateOf<'unfreeze'>;

const STATUS_FOR = { freeze: 'active', unfreeze: 'frozen' } as const;
const accountsOf = (state: WalletDialog) => state.data.context?.accounts.filter((a) => a.status === STATUS_FOR[state.type]) ?? [];
/** The wallet chosen, or the only one there is to choose (its step is skipped then): read, never written here. */
const accountOf = (state: WalletDialog): WalletAccount | undefined => {
  const accounts = accountsOf(state);
  return accounts.length === 1 ? accounts[0] : accounts.find((a) => a.id === state.values['account']);
};
const labelOf = <T extends string>(labels: Record<T, string>, value: T | undefined) => (value ? labels[value] : '');
const accountLabel = (a: WalletAccount) => `${a.id}  ${displayMoney(a.balance)}  ${a.status}`;

/** A choice of the customer's wallets in the state the dialog acts on, skipped when there is one or none. */
function accountStep(verb: string) {
  return (state: WalletDialog) => {
    const accounts = accountsOf(state);
    if (accounts.length <= 1) return null;
    return { kind: 'choice' as const, key: 'account', title: `Which wallet to ${verb}?`, options: accounts.map((a) => ({ value: a.id, label: accountLabel(a) })) };
  };
}

const loadContext = async (deps: DialogDeps, state: WalletDialog) => ({ context: await deps.client.customers.get(state.subject.customerId) });

function chosenAccount(state: WalletDialog): string {
  const account = accountOf(state);
  if (!account) throw new Error('choose a wallet first');
  return account.id;
}

/** f: freeze at once (an agent may: an emergency must not wait), with a reason, a note, and the id typed. */
export const freezeDialog: DialogDefinition<'freeze'> = {
  title: () => 'Freeze a wallet',
  load: loadContext,
  steps: [
    (state) => (accountsOf(state).length ? null : { kind: 'info', title: 'Nothing to freeze', lines: ['The customer has no active wallet.'] }),
    accountStep('freeze'),
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
          `Reason: ${labelOf(FREEZE_REASON_LABELS, oneOf(FREEZE_REASONS, state.values['reason']))}`,
          'The wallet will send no money until a supervisor unfreezes it after an identity check.',
        ],
      };
    },
  ],
  submit: async (deps, state, idempotencyKey) => {
    const id = chosenAccount(state);
    const reason = oneOf(FREEZE_REASONS, state.values['reason']);
    if (!reason) throw new Error('choose a reason first');
    await deps.client.accounts.freeze(id, { reason, note: (state.values['note'] ?? '').trim() }, { idempotencyKey });
    return `Wallet ${id} is frozen`;
  },
};

/** U (supervisors): unfreeze, only with a recorded identity verification. */
export const unfreezeDialog: DialogDefinition<'unfreeze'> = {
  title: () => 'Unfreeze a wallet',
  load: loadContext,
  steps: [
    (state) => (accountsOf(state).length ? null : { kind: 'info', title: 'Nothing to unfreeze', lines: ['The customer has no frozen wallet.'] }),
    accountStep('unfreeze'),
    () => ({ kind: 'choice', key: 'method', title: 'How was the customer’s identity verified?', options: VERIFICATION_METHODS.map((m) => ({ value: m, label: VERIFICATION_LABELS[m], detail: m })) }),
    () => ({ kind: 'text', key: 'reference', title: 'Reference (document number, call id, ticket)', validate: (t) => (t.trim() ? undefined : 'a reference is required') }),
    () => ({ kind: 'text', key: 'note', title: 'Note (optional)', optional: true }),
    (state) => {
      const account = accountOf(state);
      return {
        kind: 'confirm',
        title: 'Type the wallet id to unfreeze it',
        expect: account?.id,
        lines: [`Unfreeze ${account ? accountLabel(account) : ''}`, `Verified by: ${labelOf(VERIFICATION_LABELS, oneOf(VERIFICATION_METHODS, state.values['method']))}, reference ${state.values['reference'] ?? ''}`],
      };
    },
  ],
  submit: async (deps, state, idempotencyKey) => {
    const id = chosenAccount(state);
    const method = oneOf(VERIFICATION_METHODS, state.values['method']);
    if (!method) throw new Error('choose how the identity was verified first');
    const note = state.values['note']?.trim();
    await deps.client.accounts.unfreeze(
      id,
      { verification: { method, reference: (state.values['reference'] ?? '').trim() }, ...(note ? { note } : {}) },
      { idempotencyKey },
    );
    return `Wallet ${id} is active again`;
  },
};
