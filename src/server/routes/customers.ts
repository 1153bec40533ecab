import { loadVersions } from '../store/calendars.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CustomerContext, CustomerConversationsQuery, CustomerParams, CustomerTransactionsQuery, QueuePage, RefundableTransactionPage } from '../../api/schemas/index.js';
import { agentOf } from '../auth/access.js';
import { ANY_ROLE } from '../context.js';
import { notFound } from '../domain/errors.js';
import { recordCustomerView } from '../domain/customer-views.js';
import { calendarVersionsOf, selectSummaries, toSummary } from '../store/conversations.js';
import { listCustomerConversations } from '../store/customer-conversations.js';
import { securityOf } from '../store/customer-security.js';
import { listCustomerTransactions } from '../store/customer-transactions.js';
import { listRefunds, withRefundable } from '../store/refunds.js';
import { accountsOf, findCustomer, recentTransactionsOf, toCustomer, toWalletAccount } from '../store/wallets.js';

const CONTEXT_TRANSACTIONS = 20;
const CONTEXT_REFUNDS = 20;
const CONTEXT_CONVERSATIONS = 20;

export const customerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/v1/customers/:id',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['customers'],
        summary: 'Everything about a customer an agent needs beside a conversation',
        description:
          'KYC level, 2FA and recent logins and devices, wallets with balances and status, the latest transactions with what is left to refund of each, the latest refunds, and past conversations. Phone and email are whole here (lists mask them): every call is recorded as `customer.view` in the audit log.',
        params: CustomerParams,
        response: { 200: CustomerContext },
      },
    },
    async (request) => {
      const id = request.params.id;
      const customer = await findCustomer(ctx.db, id);
      if (!customer) throw notFound(`customer ${id}`);
      await recordCustomerView(ctx, agentOf(request), id, request.id);
      const [security, accounts, transactions, refunds, conversations] = await Promise.all([
        securityOf(ctx.db, id, customer.two_factor_enabled === 1),
        accountsOf(ctx.db, id),
        recentTransactionsOf(ctx.db, id, CONTEXT_TRANSACTIONS).then((rows) => withRefundable(ctx.db, rows)),
        listRefunds(ctx.db, { customerId: id }, CONTEXT_REFUNDS, undefined),
        selectSummaries(ctx.db)
          .where('conversations.customer_id', '=', id)
          .orderBy('conversations.created_at', 'desc')
          .orderBy('conversations.id', 'desc')
          .limit(CONTEXT_CONVERSATIONS)
          .execute(),
      ]);
      const now = ctx.now();
      await loadVersions(ctx.db, calendarVersionsOf(conversations));
      return {
        customer: toCustomer(customer),
        security,
        accounts: accounts.map(toWalletAccount),
        transactions,
        refunds: refunds.data,
        conversations: conversations.map((row) => toSummary(row, now)),
      };
    },
  );

  app.get(
    '/v1/customers/:id/transactions',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['customers'],
        summary: "A customer's transactions across their wallets, newest first, each with what is left to refund",
        description:
          'The customer context shows only the latest transactions; this lists all of them, page by page. `refundable=true`: only succeeded payments not yet refunded in full (what a refund can be made from); `status`, `type` and `since` narrow the list.',
        params: CustomerParams,
        querystring: CustomerTransactionsQuery,
        response: { 200: RefundableTransactionPage },
      },
    },
    async (request) => {
      const id = request.params.id;
      if (!(await findCustomer(ctx.db, id))) throw notFound(`customer ${id}`);
      const q = request.query;
      return listCustomerTransactions(ctx.db, id, { refundable: q.refundable, status: q.status, type: q.type, since: q.since === undefined ? undefined : Date.parse(q.since), limit: q.limit ?? 50, cursor: q.cursor });
    },
  );

  app.get(
    '/v1/customers/:id/conversations',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['customers'],
        summary: "Every conversation of a customer across channels, newest first",
        description: 'The customer context shows only the latest 20; this lists all of them, page by page: the customer screen\'s timeline.',
        params: CustomerParams,
        querystring: CustomerConversationsQuery,
        response: { 200: QueuePage },
      },
    },
    async (request) => {
      const id = request.params.id;
      if (!(await findCustomer(ctx.db, id))) throw notFound(`customer ${id}`);
      return listCustomerConversations(ctx.db, id, ctx.now(), request.query.limit ?? 50, request.query.cursor);
    },
  );
};
