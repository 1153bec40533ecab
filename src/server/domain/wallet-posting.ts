import type { PostTransactionRequest } from '../../api/types.js';
import type { AuthenticatedAgent } from '../context.js';
import { withRefundable } from '../store/refunds.js';
import { asAuditedRefusal } from './errors.js';
import type { UnitOfWork } from './unit-of-work.js';

/**
 * A posting an admin or the wallet backend sends to a wallet, through the wallet backend. The backend's
 * refusals (closed wallet, wrong currency, out of range) become audited refusals: the posting rolls
 * back and the denied attempt is logged like every other refusal. A posting the ledger records as
 * failed (frozen, not enough balance) is a failed change in the audit log.
 */
export async function postToWallet(uow: UnitOfWork<AuthenticatedAgent>, accountId: string, body: PostTransactionRequest) {
  const { actor } = uow;
  const posted = await uow.ctx.wallets
    .post(
      { trx: uow.trx, now: uow.now, idempotencyKey: uow.idempotencyKey, requestId: uow.requestId },
      { accountId, type: body.type, amount: body.amount, currency: body.currency, counterparty: body.counterparty, description: body.description ?? body.type.replace('_', ' '), paymentMethod: body.paymentMethod },
    )
    .catch((error: unknown) => {
      throw asAuditedRefusal(error, { actorId: actor.id, actorRole: actor.role, action: 'ledger.post', targetType: 'account', targetId: accountId });
    });
  const [transaction] = await withRefundable(uow.trx, [posted.transaction]);
  await uow.audit({
    targetId: posted.account.id,
    before: { balance: posted.account.balance - posted.effect },
    after: { transactionId: posted.transaction.id, type: body.type, status: posted.transaction.status, failureReason: posted.transaction.failure_reason, balance: posted.account.balance },
    outcome: posted.transaction.status === 'failed' ? 'failed' : 'succeeded',
  });
  return { transaction: transaction!, account: posted.account };
}
