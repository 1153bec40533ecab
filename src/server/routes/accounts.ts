import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccountStatus } from '../../api/enums.js';
import { MAX_MINOR_UNITS } from '../../api/money.js';
import {
  AccountDetail,
  AccountParams,
  AccountTransitionResponse,
  CloseRequest,
  FreezeRequest,
  PostedTransaction,
  PostTransactionRequest,
  TransactionDetail,
  TransactionParams,
  UnfreezeRequest,
} from '../../api/schemas/index.js';
import { agentOf } from '../auth/access.js';
import { ADMINS, ANY_ROLE } from '../context.js';
import { ACCOUNT_TRANSITIONS, allowedActions, changeAccountStatus, type TransitionInput } from '../domain/account-status.js';
import { asAuditedRefusal, notFound } from '../domain/errors.js';
import { IDEMPOTENT_ROUTE, IdempotencyHeaders, idempotentReply } from '../http/idempotency.js';
import { bearerAuth, problemResponses } from '../http/responses.js';
import { statusHistory } from '../store/account-history.js';
import { recordAudit } from '../store/audit.js';
import { findRefundsOfTransaction, withRefundable } from '../store/refunds.js';
import { findCustomer, toWalletAccount } from '../store/wallets.js';

/**
 * The wallet backend's refusals of a posting (closed wallet, wrong currency, out of range) as audited
 * refusals: the posting rolls back and the denied attempt is logged like every other refusal.
 */
export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/v1/accounts/:id',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['accounts'],
        summary: 'A wallet account, its status history and what the caller may do to it',
        security: bearerAuth,
        params: AccountParams,
        response: { 200: AccountDetail, ...problemResponses },
      },
    },
    async (request) => {
      const agent = agentOf(request);
      const account = await ctx.db.selectFrom('wallet_accounts').selectAll().where('id', '=', request.params.id).executeTakeFirst();
      if (!account) throw notFound(`account ${request.params.id}`);
      const customer = (await findCustomer(ctx.db, account.customer_id))!;
      return {
        account: toWalletAccount(account),
        customer: { id: customer.id, name: customer.name },
        history: await statusHistory(ctx.db, account.id),
        allowedActions: allowedActions(account.status as AccountStatus, agent.role),
      };
    },
  );

  const transitionRoute = <B extends typeof FreezeRequest | typeof UnfreezeRequest | typeof CloseRequest>(
    action: TransitionInput['action'],
    body: B,
    summary: string,
    description: string,
  ) =>
    app.post(
      `/v1/accounts/:id/${action}`,
      {
        config: { access: ACCOUNT_TRANSITIONS[action].roles, idempotency: 'required', audit: { action: `account.${action}`, targetType: 'account', targetParam: 'id' } },
        schema: {
          tags: ['accounts'],
          summary,
          description: `${description} ${IDEMPOTENT_ROUTE}`,
          security: bearerAuth,
          headers: IdempotencyHeaders,
          params: AccountParams,
          body,
          response: { 200: AccountTransitionResponse, ...problemResponses },
        },
      },
      async (request, reply) =>
        idempotentReply(request, reply, async ({ trx, idempotencyKey }) => {
          const input = { action, ...(request.body as object) } as TransitionInput;
          const result = await changeAccountStatus(trx, ctx, agentOf(request), request.params.id, input, { requestId: request.id, idempotencyKey });
          return { status: 200, body: { account: toWalletAccount(result.account), change: result.change } };
        }),
    );

  transitionRoute(
    'freeze',
    FreezeRequest,
    'Freeze a wallet: it sends no money out until unfrozen',
    'Needs a reason code and a note; any agent may freeze. Only an active account can be frozen.',
  );
  transitionRoute(
    'unfreeze',
    UnfreezeRequest,
    'Unfreeze a wallet after the customer’s identity was verified',
    'Supervisors and admins. Refused without `verification` {method, reference, verifiedBy?}: the check is recorded with the change.',
  );
  transitionRoute(
    'close',
    CloseRequest,
    'Close a wallet for good',
    'Supervisors and admins; the balance must be zero. Closed is final: a closed wallet takes no transactions and no refunds.',
  );

  app.post(
    '/v1/accounts/:id/transactions',
    {
      config: { access: ADMINS, idempotency: 'required', audit: { action: 'ledger.post', targetType: 'account', targetParam: 'id' } },
      schema: {
        tags: ['accounts'],
        summary: 'Post a transaction to a wallet (the wallet backend’s entry point)',
        description: `For the wallet backend and admins: top-ups, payments, transfers and withdrawals go through the ledger, which moves the balance. Outgoing postings from a frozen wallet, or above the balance, are recorded as failed (account_frozen, insufficient_balance) and move nothing; a closed wallet takes nothing (409). No amount above ${MAX_MINOR_UNITS} (10^15) minor units (422 amount_out_of_range) and no balance beyond ±${MAX_MINOR_UNITS} (422 balance_out_of_range); a wallet whose stored balance is already beyond it takes only a posting that brings it back inside, frozen or not. Refusals are audited as denied. Refunds are made with POST /v1/refunds. ${IDEMPOTENT_ROUTE}`,
        security: bearerAuth,
        headers: IdempotencyHeaders,
        params: AccountParams,
        body: PostTransactionRequest,
        response: { 201: PostedTransaction, ...problemResponses },
      },
    },
    async (request, reply) =>
      idempotentReply(request, reply, async ({ trx, idempotencyKey }) => {
        const agent = agentOf(request);
        const now = ctx.now();
        const body = request.body;
        const posted = await ctx.wallets
          .post(
            { trx, now, idempotencyKey, requestId: request.id },
            { accountId: request.params.id, type: body.type, amount: body.amount, currency: body.currency, counterparty: body.counterparty, description: body.description ?? body.type.replace('_', ' ') },
          )
          .catch((error: unknown) => {
            throw asAuditedRefusal(error, {
              actorId: agent.id,
              actorRole: agent.role,
              action: 'ledger.post',
              targetType: 'account',
              targetId: request.params.id,
            });
          });
        const [transaction] = await withRefundable(trx, [posted.transaction]);
        await recordAudit(trx, now, {
          actorId: agent.id,
          actorRole: agent.role,
          action: 'ledger.post',
          targetType: 'account',
          targetId: posted.account.id,
          before: { balance: posted.account.balance - posted.effect },
          after: { transactionId: posted.transaction.id, type: body.type, status: posted.transaction.status, failureReason: posted.transaction.failure_reason, balance: posted.account.balance },
          requestId: request.id,
          idempotencyKey,
          outcome: posted.transaction.status === 'failed' ? 'failed' : 'succeeded',
        });
        return { status: 201, body: { transaction: transaction!, account: toWalletAccount(posted.account) } };
      }),
  );

  app.get(
    '/v1/transactions/:id',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['accounts'],
        summary: 'A transaction with what is left to refund of it, its wallet and its refunds',
        security: bearerAuth,
        params: TransactionParams,
        response: { 200: TransactionDetail, ...problemResponses },
      },
    },
    async (request) => {
      const row = await ctx.db.selectFrom('transactions').selectAll().where('id', '=', request.params.id).executeTakeFirst();
      if (!row) throw notFound(`transaction ${request.params.id}`);
      const account = await ctx.db.selectFrom('wallet_accounts').selectAll().where('id', '=', row.account_id).executeTakeFirstOrThrow();
      const [transaction] = await withRefundable(ctx.db, [row]);
      return { transaction: transaction!, account: toWalletAccount(account), refunds: await findRefundsOfTransaction(ctx.db, row.id) };
    },
  );
};
