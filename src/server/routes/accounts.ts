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
import { notFound } from '../domain/errors.js';
import { IDEMPOTENT_ROUTE, IdempotencyHeaders } from '../http/idempotency.js';
import { statusHistory } from '../store/account-history.js';
import { findRefundsOfTransaction, withRefundable } from '../store/refunds.js';
import { findAccountRow, findCustomer, findTransactionRow, toWalletAccount } from '../store/wallets.js';
import { perform } from '../http/unit-of-work.js';
import { postToWallet } from '../domain/wallet-posting.js';

export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/v1/accounts/:id',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['accounts'],
        summary: 'A wallet account, its status history and what the caller may do to it',
        params: AccountParams,
        response: { 200: AccountDetail },
      },
    },
    async (request) => {
      const agent = agentOf(request);
      const account = await findAccountRow(ctx.db, request.params.id);
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
          headers: IdempotencyHeaders,
          params: AccountParams,
          body,
          response: { 200: AccountTransitionResponse },
        },
      },
      async (request, reply) =>
        perform(request, reply, async (uow) => {
          const input = { action, ...(request.body as object) } as TransitionInput;
          const result = await changeAccountStatus(uow, request.params.id, input);
          return { account: toWalletAccount(result.account), change: result.change };
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
        headers: IdempotencyHeaders,
        params: AccountParams,
        body: PostTransactionRequest,
        response: { 201: PostedTransaction },
      },
    },
    async (request, reply) =>
      perform(
        request,
        reply,
        async (uow) => {
          const posted = await postToWallet(uow, request.params.id, request.body);
          return { transaction: posted.transaction, account: toWalletAccount(posted.account) };
        },
        { status: 201 },
      ),
  );

  app.get(
    '/v1/transactions/:id',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['accounts'],
        summary: 'A transaction with what is left to refund of it, its wallet and its refunds',
        params: TransactionParams,
        response: { 200: TransactionDetail },
      },
    },
    async (request) => {
      const row = await findTransactionRow(ctx.db, request.params.id);
      if (!row) throw notFound(`transaction ${request.params.id}`);
      const account = (await findAccountRow(ctx.db, row.account_id))!;
      const [transaction] = await withRefundable(ctx.db, [row]);
      return { transaction: transaction!, account: toWalletAccount(account), refunds: await findRefundsOfTransaction(ctx.db, row.id) };
    },
  );
};
