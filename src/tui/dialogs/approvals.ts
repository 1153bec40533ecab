import { ENTER } from '../input/hints.js';
import { displayMoney } from '../../api/money.js';
import type { RefundDetail } from '../../api/types.js';
import type { DialogDefinition, DialogState } from './types.js';

const detailOf = (state: DialogState) => state.data['refund'] as RefundDetail | undefined;

function describe(detail: RefundDetail): string[] {
  const { refund, transaction } = detail;
  return [
    `${displayMoney(refund.amount)} of the payment to ${transaction.counterparty} (${transaction.id}, ${displayMoney(transaction.amount)})`,
    `asked by ${refund.requestedBy.name} · reason ${refund.reason}${refund.note ? ` · “${refund.note}”` : ''}`,
  ];
}

/** Approving a refund that waits: the server re-checks the rules now; four eyes, the approver's limit. */
export const approveDialog: DialogDefinition = {
  title: () => 'Approve a refund',
  load: async (ctx, state) => ({ refund: await ctx.client.refunds.get(String(state.subject['refundId'])) }),
  steps: [
    (state) => {
      const refund = detailOf(state);
      if (refund?.approvalCheck && !refund.approvalCheck.allowed) {
        return { kind: 'info', title: 'You cannot approve this refund', lines: [...describe(refund), refund.approvalCheck.detail ?? ''] };
      }
      return null;
    },
    () => ({ kind: 'text', key: 'note', title: 'Note (optional)', optional: true }),
    (state) => ({ kind: 'confirm', title: `${ENTER} to approve: the money goes back to the customer now`, lines: detailOf(state) ? describe(detailOf(state)!) : [] }),
  ],
  submit: async (ctx, state, idempotencyKey) => {
    const note = state.values['note']?.trim();
    const { result } = await ctx.client.refunds.approve(String(state.subject['refundId']), note ? { note } : {}, { idempotencyKey });
    return `Approved: ${displayMoney(result.amount)} refunded (${result.id})`;
  },
};

export const rejectDialog: DialogDefinition = {
  title: () => 'Reject a refund',
  load: async (ctx, state) => ({ refund: await ctx.client.refunds.get(String(state.subject['refundId'])) }),
  steps: [
    () => ({ kind: 'text', key: 'reason', title: 'Why is it rejected? (the requester sees this)', validate: (t) => (t.trim() ? undefined : 'a reason is required') }),
    (state) => ({ kind: 'confirm', title: `${ENTER} to reject`, lines: detailOf(state) ? describe(detailOf(state)!) : [] }),
  ],
  submit: async (ctx, state, idempotencyKey) => {
    const { result } = await ctx.client.refunds.reject(String(state.subject['refundId']), { reason: state.values['reason']!.trim() }, { idempotencyKey });
    return `Rejected the refund of ${displayMoney(result.amount)} (${result.id})`;
  },
};
