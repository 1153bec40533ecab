import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ApproveRefundRequest,
  CreateRefundRequest,
  Refund,
  RefundDetail,
  RefundLimits,
  RefundListQuery,
  RefundPage,
  RefundParams,
  RefundPreview,
  RefundPreviewQuery,
  RejectRefundRequest,
  UpdateRefundLimitsRequest,
} from '../../api/schemas/index.js';
import { agentOf } from '../auth/access.js';
import { ADMINS, ANY_ROLE, SUPERVISORS, type AuthenticatedAgent } from '../context.js';
import { allowancesOf, listLimits, setRefundLimits } from '../domain/refund-limits.js';
import { approvalCheckFor, approveRefund, createRefund, evaluateRefund, rejectRefund } from '../domain/refunds.js';
import { IDEMPOTENT_ROUTE, IdempotencyHeaders } from '../http/idempotency.js';
import { perform, scopeOf } from '../http/unit-of-work.js';
import { runUnitOfWork } from '../domain/unit-of-work.js';
import { notFound } from '../domain/errors.js';
import { findRefund, listRefunds, toRefundableTransaction, withRefundable } from '../store/refunds.js';
import { findAccountRow, findTransactionRow, toWalletAccount } from '../store/wallets.js';


export const refundRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  const limitsOf = async (agent: AuthenticatedAgent) => ({
    data: await listLimits(ctx.db),
    mine: { role: agent.role, allowances: await allowancesOf(ctx.db, agent.id, agent.role, ctx.now()) },
  });

  app.get(
    '/v1/refunds/preview',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['refunds'],
        summary: 'What POST /v1/refunds would do, without doing it',
        description: 'The same rules as creating a refund, for the caller, now: the amount (left out: the whole refundable rest), whether it would wait for approval and why. Refusals are the same errors.',
        querystring: RefundPreviewQuery,
        response: { 200: RefundPreview },
      },
    },
    async (request) => {
      const e = await evaluateRefund(ctx.db, ctx, agentOf(request), request.query, { lock: false });
      const currency = e.allowance.currency;
      return {
        transaction: toRefundableTransaction(e.payment, e.pending),
        account: toWalletAccount(e.account),
        amount: { amount: e.amount, currency },
        approvalRequired: e.approvalReason !== null,
        approvalReason: e.approvalReason,
        allowance: e.allowance,
      };
    },
  );

  app.post(
    '/v1/refunds',
    {
      config: { access: ANY_ROLE, idempotency: 'required', audit: { action: 'refund.create', targetType: 'transaction' } },
      schema: {
        tags: ['refunds'],
        summary: 'Refund a payment, in full or in part',
        description: `Only succeeded payments, in the payment's currency; \`amount\` in minor units, left out: everything left to refund. Within the caller's limits the refund succeeds at once (201, status succeeded) and credits the wallet, a frozen one too; above them it waits for a supervisor's approval (201, status pending_approval). ${IDEMPOTENT_ROUTE}`,
        headers: IdempotencyHeaders,
        body: CreateRefundRequest,
        response: { 201: Refund },
      },
    },
    async (request, reply) =>
      perform(request, reply, (uow) => createRefund(uow, request.body), { status: 201 }),
  );

  app.get(
    '/v1/refunds',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['refunds'],
        summary: 'Refunds, newest first',
        description: '`status=pending_approval` lists the approvals queue; `approvable=true` only those the caller may decide (not their own). `requestedBy` is me or an agent id.',
        querystring: RefundListQuery,
        response: { 200: RefundPage },
      },
    },
    async (request) => {
      const agent = agentOf(request);
      const q = request.query;
      return listRefunds(
        ctx.db,
        {
          status: q.status,
          approvableBy: q.approvable ? agent.id : undefined,
          transactionId: q.transactionId,
          accountId: q.accountId,
          customerId: q.customerId,
          requestedBy: q.requestedBy === 'me' ? agent.id : q.requestedBy,
        },
        q.limit ?? 50,
        q.cursor,
      );
    },
  );

  app.get(
    '/v1/refunds/:id',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['refunds'],
        summary: 'A refund with its payment and wallet, and whether the caller could approve it now',
        params: RefundParams,
        response: { 200: RefundDetail },
      },
    },
    async (request) => {
      const refund = await findRefund(ctx.db, request.params.id);
      if (!refund) throw notFound(`refund ${request.params.id}`);
      const payment = (await findTransactionRow(ctx.db, refund.transactionId))!;
      const account = (await findAccountRow(ctx.db, refund.accountId))!;
      const [transaction] = await withRefundable(ctx.db, [payment]);
      return {
        refund,
        transaction: transaction!,
        account: toWalletAccount(account),
        approvalCheck: await approvalCheckFor(ctx.db, ctx, agentOf(request), refund.id),
      };
    },
  );

  app.post(
    '/v1/refunds/:id/approve',
    {
      config: { access: SUPERVISORS, idempotency: 'required', audit: { action: 'refund.approve', targetType: 'refund', targetParam: 'id' } },
      schema: {
        tags: ['refunds'],
        summary: 'Approve a refund that waits (four eyes: not your own)',
        description: `The rules are checked again now: the wallet is not closed, the payment still has the amount left, and it is within the approver's own limits. ${IDEMPOTENT_ROUTE}`,
        headers: IdempotencyHeaders,
        params: RefundParams,
        body: ApproveRefundRequest,
        response: { 200: Refund },
      },
    },
    async (request, reply) =>
      perform(request, reply, (uow) => approveRefund(uow, request.params.id, request.body.note)),
  );

  app.post(
    '/v1/refunds/:id/reject',
    {
      config: { access: SUPERVISORS, idempotency: 'required', audit: { action: 'refund.reject', targetType: 'refund', targetParam: 'id' } },
      schema: {
        tags: ['refunds'],
        summary: 'Reject a refund that waits, with a reason; nothing moves',
        description: IDEMPOTENT_ROUTE,
        headers: IdempotencyHeaders,
        params: RefundParams,
        body: RejectRefundRequest,
        response: { 200: Refund },
      },
    },
    async (request, reply) =>
      perform(request, reply, (uow) => rejectRefund(uow, request.params.id, request.body.reason)),
  );

  app.get(
    '/v1/refund-limits',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['refunds'],
        summary: 'Refund limits per role and currency, and what the caller may still refund on their own',
        response: { 200: RefundLimits },
      },
    },
    async (request) => limitsOf(agentOf(request)),
  );

  app.put(
    '/v1/refund-limits',
    {
      config: { access: ADMINS, audit: { action: 'refund_limits.update', targetType: 'refund_limit' } },
      schema: {
        tags: ['refunds'],
        summary: 'Set refund limits (admins)',
        description: 'Sets the rows given (role, currency, perRefund, perDay in minor units); other rows stay. A limit of 0 sends every refund of that role and currency to approval.',
        body: UpdateRefundLimitsRequest,
        response: { 200: RefundLimits },
      },
    },
    async (request, reply) => {
      await runUnitOfWork(ctx, scopeOf(request), (uow) => setRefundLimits(uow, request.body.limits));
      return reply.send(await limitsOf(agentOf(request)));
    },
  );
};
