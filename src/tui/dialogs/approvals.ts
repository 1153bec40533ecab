import { ENTER } from './key-tokens.js';
import { displayMoney } from '../../api/money.js';
import type { RefundDetail } from '../../api/types.js';
import type { DialogDefinition } from './types.js';

function describe(detail: RefundDetail): string[] {
  const { refund, transaction } = detail;
  return [
    `${displayMoney(refund.amount)} of the payment to ${transaction.counterparty} (${transaction.id}, ${displayMoney(transaction.amount)})`,
    `asked by ${refund.requestedBy.name} · reason ${refund.reason}${refund.note ? ` · “${refund.note}”` : ''}`,
  ];
}

/** Approving a refund that waits: the server re-checks the rules now; four eyes, the approver's limit. */
export const approveDialog: DialogDefinition<'approve'> = {
  title: () => 'Approve a refund',
  load: async (deps, state) => ({ refund: await deps.client.refunds.get(state.subject.refundId) }),
  steps: [
    (state) => {
      const refund = state.data.refund;
      if (refund?.approvalCheck && !refund.approvalCheck.allowed) {
        return { kind: 'info', title: 'You cannot approve this refund', lines: [...describe(refund), refund.approvalCheck.detail ?? ''] };
      }
      return null;
    },
    () => ({ kind: 'text', key: 'note', title: 'Note (optional)', optional: true }),
    (state) => ({ kind: 'confirm', title: `${ENTER} to approve: the money goes back to the customer now`, lines: state.data.refund ? describe(state.data.refund) : [] }),
  ],
  submit: async (deps, state, idempotencyKey) => {
    const note = state.values['note']?.trim();
    const { result } = await deps.client.refunds.approve(state.subject.refundId, note ? { note } : {}, { idempotencyKey });
    return `Approved: ${displayMoney(result.amount)} refunded (${result.id})`;
  },
};

export const rejectDialog: DialogDefinition<'reject'> = {
  title: () => 'Reject a refund',
  load: async (deps, state) => ({ refund: await deps.client.refunds.get(state.subject.refundId) }),
  steps: [
    () => ({ kind: 'text', key: 'reason', title: 'Why is it rejected? (the requester sees this)', validate: (t) => (t.trim() ? undefined : 'a reason is required') }),
    (state) => ({ kind: 'confirm', title: `${ENTER} to reject`, lines: state.data.refund ? describe(state.data.refund) : [] }),
  ],
  submit: async (deps, state, idempotencyKey) => {
    const { result } = await deps.client.refunds.reject(state.subject.refundId, { reason: (state.values['reason'] ?? '').trim() }, { idempotencyKey });
    return `Rejected the refund of ${displayMoney(result.amount)} (${result.id})`;
  },
};
