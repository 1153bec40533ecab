import type { Kysely } from 'kysely';
import type { Currency } from '../../api/currencies.js';
import type { ApprovalReason, RefundReason } from '../../api/enums.js';
import { displayMoney } from '../../api/money.js';
import type { ApprovalCheck, Refund, RefundAllowance } from '../../api/types.js';
import { SUPERVISORS, type AuthenticatedAgent, type ServerContext } from '../context.js';
import { asAuditedRefusal, AuditedProblem, notFound, ProblemError } from './errors.js';
import { newId } from '../store/ids.js';
import { forUpdate } from '../store/locking.js';
import { findRefund, pendingRefundSums, refundableAmount } from '../store/refunds.js';
import type { Database, TransactionsTable, WalletAccountsTable } from '../store/tables.js';
import type { RefundsTable } from '../store/money-tables.js';
import type { UnitOfWork } from './unit-of-work.js';

/** The request a wallet call is made for (the backend's own records carry it). */
interface ActionMeta {
  requestId: string | null;
  idempotencyKey: string | null;
}
import { balanceProblem } from './ledger.js';
import { allowanceOf, beyondAllowance, lockAllowance } from './refund-limits.js';

/**
 * Refunds. The rules, checked when a refund is asked for and again when it is approved:
 * - only succeeded payments are refundable, in the payment's currency; never into a closed wallet;
 * - refunded plus awaiting approval never exceeds the captured amount: the payment row is locked
 *   (PostgreSQL) or writes serialise (SQLite) while the rest is computed and the refund written, so
 *   concurrent refunds cannot pass the check together, and pending refunds hold their amount back so
 *   approvals cannot over-refund either;
 * - within the requester's limits (per refund, per 24 h) it succeeds at once; above, it waits for a
 *   supervisor or admin who is not the requester (four eyes), within the approver's own limits. The
 *   allowance of whoever authorises (requester or approver) is locked first, so that their parallel
 *   requests cannot each see the same unused allowance (lockAllowance).
 * Lock order everywhere: the authoriser's allowance, then the payment, then the refund, then the wallet.
 * A succeeded refund posts a `refund` transaction through the ledger and counts on the payment, in the
 * same database transaction as the refund row, its audit entry and its live event. Every code a
 * refusal uses is in ERROR_CODES (src/api/errors.ts), which gives its HTTP status.
 */

const money = (amount: number, currency: string) => displayMoney({ amount, currency: currency as Currency });

type Refusal = (code: string, detail: string) => Error;

const plainRefusal: Refusal = (code, detail) => new ProblemError(code, detail);

export interface RefundInput {
  transactionId: string;
  amount?: number | undefined;
  reason: RefundReason;
  note?: string | undefined;
}

export interface RefundEvaluation {
  payment: TransactionsTable;
  account: WalletAccountsTable;
  /** What may still be refunded before this refund. */
  refundable: number;
  /** Held by other refunds that wait for approval. */
  pending: number;
  amount: number;
  allowance: RefundAllowance;
  approvalReason: ApprovalReason | null;
}

/**
 * Applies the rules to a refund request without writing anything. With `lock`, the payment row stays
 * locked until the caller's transaction ends.
 */
export async function evaluateRefund(
  db: Kysely<Database>,
  ctx: ServerContext,
  agent: AuthenticatedAgent,
  input: { transactionId: string; amount?: number | undefined },
  options: { lock: boolean; refuse?: Refusal; meta?: ActionMeta },
): Promise<RefundEvaluation> {
  const refuse = options.refuse ?? plainRefusal;
  const call = { trx: db, now: ctx.now(), idempotencyKey: options.meta?.idempotencyKey ?? null, requestId: options.meta?.requestId ?? null };
  const payment = await ctx.wallets.findTransaction(call, input.transactionId, { lock: options.lock });
  if (!payment) throw notFound(`transaction ${input.transactionId}`);
  if (payment.type !== 'payment') {
    throw refuse('not_refundable', `transaction ${payment.id} is a ${payment.type.replace('_', ' ')}, not a payment; only payments can be refunded`);
  }
  if (payment.status !== 'succeeded') {
    const why = payment.status === 'failed' ? `failed${payment.failure_reason ? ` (${payment.failure_reason})` : ''}, so nothing was taken` : 'is still pending';
    throw refuse('not_refundable', `payment ${payment.id} ${why}; only succeeded payments can be refunded`);
  }
  const account = await ctx.wallets.findAccount(call, payment.account_id);
  if (!account) throw notFound(`account ${payment.account_id}`);
  if (account.status === 'closed') {
    throw refuse('account_closed', `account ${account.id} is closed; a refund cannot land in a closed wallet`);
  }
  const pending = (await pendingRefundSums(db, [payment.id])).get(payment.id) ?? 0;
  const refundable = refundableAmount(payment, pending);
  const amount = input.amount ?? refundable;
  if (refundable === 0) {
    const held = pending > 0 ? `; ${money(pending, payment.currency)} is held by refunds awaiting approval` : '';
    throw refuse('nothing_to_refund', `payment ${payment.id} has nothing left to refund: ${money(payment.refunded_amount, payment.currency)} of ${money(payment.amount, payment.currency)} refunded already${held}`);
  }
  if (amount > refundable) {
    throw refuse(
      'refund_exceeds_refundable',
      `${money(amount, payment.currency)} is more than the ${money(refundable, payment.currency)} left to refund of payment ${payment.id} (${money(payment.amount, payment.currency)} captured, ${money(payment.refunded_amount, payment.currency)} refunded, ${money(pending, payment.currency)} awaiting approval)`,
    );
  }
  const outOfRange = balanceProblem(account.id, account.currency as Currency, account.balance, amount);
  if (outOfRange) throw refuse(outOfRange.code, outOfRange.detail);
  const allowance = await allowanceOf(db, agent.id, agent.role, payment.currency as Currency, ctx.now());
  return { payment, account, refundable, pending, amount, allowance, approvalReason: beyondAllowance(allowance, amount) };
}

function auditedRefusal(actor: AuthenticatedAgent, action: string, targetType: string, targetId: string, reason: string | null, before?: unknown): Refusal {
  return (code, detail) =>
    new AuditedProblem(code, detail, { actorId: actor.id, actorRole: actor.role, action, targetType, targetId, before, after: { refused: code }, reason, outcome: 'denied' });
}

const reasonText = (reason: string, note: string | null | undefined) => (note ? `${reason}: ${note}` : reason);

/** Asks for a refund: it succeeds at once within the requester's limits, or waits for approval. */
export async function createRefund(uow: UnitOfWork<AuthenticatedAgent>, input: RefundInput): Promise<Refund> {
  const { trx, ctx, now, actor } = uow;
  const meta = uow;
  const refuse = auditedRefusal(actor, 'refund.create', 'transaction', input.transactionId, reasonText(input.reason, input.note));
  // The currency of a payment never changes: read it without a lock to know which allowance to take.
  const call = { trx, now, idempotencyKey: meta.idempotencyKey, requestId: meta.requestId };
  const target = await ctx.wallets.findTransaction(call, input.transactionId, { lock: false });
  if (target) await lockAllowance(trx, actor.id, target.currency, now);
  const evaluation = await evaluateRefund(trx, ctx, actor, input, { lock: true, refuse, meta });
  const { payment, amount, approvalReason } = evaluation;
  const id = newId('rfd');
  let refundTransactionId: string | null = null;
  // The wallet backend may still refuse (a top-up since the rules were checked took the balance to the bound).
  const backendRefusal = { actorId: actor.id, actorRole: actor.role, action: 'refund.create', targetType: 'transaction', targetId: payment.id, reason: reasonText(input.reason, input.note) };
  if (!approvalReason) {
    refundTransactionId = (
      await ctx.wallets.refund(call, payment, amount).catch((error: unknown) => {
        throw asAuditedRefusal(error, backendRefusal);
      })
    ).transaction.id;
  }
  const row: RefundsTable = {
    id,
    transaction_id: payment.id,
    account_id: payment.account_id,
    customer_id: evaluation.account.customer_id,
    amount,
    currency: payment.currency,
    reason: input.reason,
    note: input.note ?? null,
    status: approvalReason ? 'pending_approval' : 'succeeded',
    approval_reason: approvalReason,
    requested_by: actor.id,
    requested_by_role: actor.role,
    authorized_by: approvalReason ? null : actor.id,
    authorized_at: approvalReason ? null : now,
    decided_by: null,
    decided_at: null,
    decision_note: null,
    refund_transaction_id: refundTransactionId,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('refunds').values(row).execute();
  const refund = (await findRefund(trx, id))!;
  // The route's subject is the payment asked about; the entry of a success names the refund made.
  await uow.audit({
    targetType: 'refund',
    targetId: id,
    before: { transactionId: payment.id, refunded: payment.refunded_amount, refundable: evaluation.refundable },
    after: { status: row.status, amount: refund.amount, transactionId: payment.id, approvalReason, refundTransactionId },
    reason: reasonText(input.reason, input.note),
  });
  await uow.emit({ type: 'refund.created', conversationId: null, payload: { refund } });
  return refund;
}

/** The approval rules for `approver`, now; null when they may approve. */
export async function approvalProblem(
  db: Kysely<Database>,
  ctx: ServerContext,
  refund: RefundsTable,
  payment: TransactionsTable,
  account: WalletAccountsTable,
  approver: AuthenticatedAgent,
): Promise<{ code: string; detail: string } | null> {
  if (refund.status !== 'pending_approval') {
    return { code: 'refund_not_pending', detail: `refund ${refund.id} is ${refund.status.replace('_', ' ')} already; only refunds awaiting approval can be decided` };
  }
  if (!SUPERVISORS.includes(approver.role)) {
    return { code: 'forbidden', detail: `your role (${approver.role}) cannot approve refunds; it needs a supervisor or an admin` };
  }
  if (refund.requested_by === approver.id) {
    return { code: 'four_eyes_required', detail: `you asked for refund ${refund.id}; another supervisor or admin must approve it (four eyes)` };
  }
  if (payment.status !== 'succeeded') {
    return { code: 'not_refundable', detail: `payment ${payment.id} is ${payment.status} now; only succeeded payments can be refunded` };
  }
  if (account.status === 'closed') {
    return { code: 'account_closed', detail: `account ${account.id} was closed after the refund was asked for; it cannot land there: reject it` };
  }
  const others = (await pendingRefundSums(db, [payment.id], refund.id)).get(payment.id) ?? 0;
  const rest = refundableAmount(payment, others);
  if (refund.amount > rest) {
    return {
      code: 'refund_exceeds_refundable',
      detail: `only ${money(rest, payment.currency)} of payment ${payment.id} is left to refund now (${money(payment.refunded_amount, payment.currency)} refunded since); this ${money(refund.amount, refund.currency)} refund cannot be approved: reject it`,
    };
  }
  const outOfRange = balanceProblem(account.id, account.currency as Currency, account.balance, refund.amount);
  if (outOfRange) return outOfRange;
  const allowance = await allowanceOf(db, approver.id, approver.role, refund.currency as Currency, ctx.now());
  const beyond = beyondAllowance(allowance, refund.amount);
  if (beyond === 'per_refund_limit') {
    return { code: 'approval_limit_exceeded', detail: `${money(refund.amount, refund.currency)} is above your limit of ${money(allowance.perRefund.amount, refund.currency)} per refund; an admin must approve it` };
  }
  if (beyond === 'daily_limit') {
    return {
      code: 'approval_limit_exceeded',
      detail: `approving ${money(refund.amount, refund.currency)} would take you past your limit of ${money(allowance.perDay.amount, refund.currency)} in 24 hours (${money(allowance.usedLast24h.amount, refund.currency)} used)`,
    };
  }
  return null;
}

async function lockRefundAndPayment(trx: Kysely<Database>, ctx: ServerContext, approver: AuthenticatedAgent, refundId: string, meta: ActionMeta) {
  const first = await trx.selectFrom('refunds').select(['transaction_id', 'currency']).where('id', '=', refundId).executeTakeFirst();
  if (!first) throw notFound(`refund ${refundId}`);
  // Lock order everywhere: allowance, payment, refund, wallet. Refund creation takes the same order.
  await lockAllowance(trx, approver.id, first.currency, ctx.now());
  const payment = await ctx.wallets.findTransaction({ trx, now: ctx.now(), idempotencyKey: meta.idempotencyKey, requestId: meta.requestId }, first.transaction_id, { lock: true });
  if (!payment) throw notFound(`transaction ${first.transaction_id}`);
  const refund = await forUpdate(trx.selectFrom('refunds').selectAll().where('id', '=', refundId), ctx.engine).executeTakeFirstOrThrow();
  return { payment, refund };
}

/** Approves a refund that waits: the rules are checked again, for this approver, at this moment. */
export async function approveRefund(uow: UnitOfWork<AuthenticatedAgent>, refundId: string, note: string | undefined): Promise<Refund> {
  const { trx, ctx, now, actor } = uow;
  const meta = uow;
  const { payment, refund } = await lockRefundAndPayment(trx, ctx, actor, refundId, meta);
  const call = { trx, now, idempotencyKey: meta.idempotencyKey, requestId: meta.requestId };
  const account = await ctx.wallets.lockAccount(call, refund.account_id);
  const problem = await approvalProblem(trx, ctx, refund, payment, account, actor);
  if (problem) {
    const refuse = auditedRefusal(actor, 'refund.approve', 'refund', refund.id, note ?? null, { status: refund.status });
    throw refuse(problem.code, problem.detail);
  }
  const posted = await ctx.wallets.refund(call, payment, refund.amount).catch((error: unknown) => {
    throw asAuditedRefusal(error, { actorId: actor.id, actorRole: actor.role, action: 'refund.approve', targetType: 'refund', targetId: refund.id, reason: note ?? null });
  });
  await trx
    .updateTable('refunds')
    .set({
      status: 'succeeded',
      authorized_by: actor.id,
      authorized_at: now,
      decided_by: actor.id,
      decided_at: now,
      decision_note: note ?? null,
      refund_transaction_id: posted.transaction.id,
      updated_at: now,
    })
    .where('id', '=', refund.id)
    .execute();
  const updated = (await findRefund(trx, refund.id))!;
  await uow.audit({
    before: { status: refund.status, refunded: payment.refunded_amount },
    after: { status: 'succeeded', refundTransactionId: posted.transaction.id, refunded: payment.refunded_amount + refund.amount },
    reason: note ?? null,
  });
  await uow.emit({ type: 'refund.updated', conversationId: null, payload: { refund: updated } });
  return updated;
}

/**
 * Rejects a refund that waits, with a reason; nothing moves. Any supervisor or admin may, the
 * requester too (withdrawing one's own request needs no second person).
 */
export async function rejectRefund(uow: UnitOfWork<AuthenticatedAgent>, refundId: string, reason: string): Promise<Refund> {
  const { trx, ctx, now, actor } = uow;
  const refund = await forUpdate(trx.selectFrom('refunds').selectAll().where('id', '=', refundId), ctx.engine).executeTakeFirst();
  if (!refund) throw notFound(`refund ${refundId}`);
  if (refund.status !== 'pending_approval') {
    const refuse = auditedRefusal(actor, 'refund.reject', 'refund', refund.id, reason, { status: refund.status });
    throw refuse('refund_not_pending', `refund ${refund.id} is ${refund.status.replace('_', ' ')} already; only refunds awaiting approval can be rejected`);
  }
  await trx
    .updateTable('refunds')
    .set({ status: 'rejected', decided_by: actor.id, decided_at: now, decision_note: reason, updated_at: now })
    .where('id', '=', refund.id)
    .execute();
  const updated = (await findRefund(trx, refund.id))!;
  await uow.audit({
    before: { status: refund.status },
    after: { status: 'rejected' },
    reason,
  });
  await uow.emit({ type: 'refund.updated', conversationId: null, payload: { refund: updated } });
  return updated;
}

/** The approval rules for the caller, for GET /v1/refunds/:id; null unless the refund waits. */
export async function approvalCheckFor(db: Kysely<Database>, ctx: ServerContext, viewer: AuthenticatedAgent, refundId: string): Promise<ApprovalCheck | null> {
  const refund = await db.selectFrom('refunds').selectAll().where('id', '=', refundId).executeTakeFirstOrThrow();
  if (refund.status !== 'pending_approval') return null;
  const payment = await db.selectFrom('transactions').selectAll().where('id', '=', refund.transaction_id).executeTakeFirstOrThrow();
  const account = await db.selectFrom('wallet_accounts').selectAll().where('id', '=', refund.account_id).executeTakeFirstOrThrow();
  const problem = await approvalProblem(db, ctx, refund, payment, account, viewer);
  return problem ? { allowed: false, code: problem.code, detail: problem.detail } : { allowed: true, code: null, detail: null };
}
