import { loadVersions } from '../store/calendars.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { ConversationStatus } from '../../api/enums.js';
import {
  ConversationDetail,
  ConversationSummary,
  IdParam,
  Message,
  MessagePage,
  MessagesQuery,
  QueuePage,
  QueueQuery,
  SendMessageRequest,
} from '../../api/schemas/index.js';
import { agentOf } from '../auth/access.js';
import { ANY_ROLE } from '../context.js';
import { postAgentMessage } from '../domain/messages.js';
import { notFound } from '../domain/errors.js';
import { complaintRefOf } from '../store/complaints.js';
import { latestRatingOf } from '../store/surveys.js';
import { findIncident } from '../store/incidents.js';
import { calendarVersionsOf, findSummary, listQueue, toSummary } from '../store/conversations.js';
import { listMessages } from '../store/messages.js';
import { presenceOf } from '../store/presence.js';
import { responseTimesOf } from '../store/response-times.js';
import { accountsOf, findCustomer, recentTransactionsOf, toCustomer, toTransaction, toWalletAccount } from '../store/wallets.js';
import { runChange } from '../http/unit-of-work.js';

const DEFAULT_STATUSES: ConversationStatus[] = ['open', 'pending'];
const DETAIL_MESSAGES = 100;
const DETAIL_TRANSACTIONS = 20;

export const conversationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/v1/queue',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['conversations'],
        summary: 'Conversations in SLA order: earliest due time, then priority, then age',
        description:
          'Defaults to status open,pending. `assignee` is me, unassigned, any or an agent id. `incident` keeps the conversations linked to that incident (404 when there is no such incident).',
        querystring: QueueQuery,
        response: { 200: QueuePage },
      },
    },
    async (request) => {
      const agent = agentOf(request);
      const q = request.query;
      if (q.incident !== undefined && !(await findIncident(ctx.db, q.incident))) throw notFound(`incident ${q.incident}`);
      const { rows, nextCursor } = await listQueue(
        ctx.db,
        ctx.engine,
        {
          statuses: q.status ? (q.status.split(',') as ConversationStatus[]) : DEFAULT_STATUSES,
          channel: q.channel,
          priority: q.priority,
          category: q.category,
          assigneeId: q.assignee === 'me' ? agent.id : q.assignee === 'unassigned' ? null : q.assignee === 'any' ? undefined : q.assignee,
          search: q.q?.trim() || undefined,
          team: q.team,
          incidentId: q.incident,
        },
        q.limit ?? 50,
        q.cursor,
      );
      const now = ctx.now();
      await loadVersions(ctx.db, calendarVersionsOf(rows));
      return { data: rows.map((row) => toSummary(row, now)), nextCursor };
    },
  );

  app.get(
    '/v1/conversations/:id',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['conversations'],
        summary: 'A conversation with its customer, wallets, recent transactions and latest messages',
        params: IdParam,
        response: { 200: ConversationDetail },
      },
    },
    async (request) => {
      const id = request.params.id;
      const summary = await findSummary(ctx.db, id);
      if (!summary) throw notFound(`conversation ${id}`);
      const now = ctx.now();
      const [customer, accounts, transactions, history, presence, responseTimes, satisfaction] = await Promise.all([
        findCustomer(ctx.db, summary.customer_id),
        accountsOf(ctx.db, summary.customer_id),
        recentTransactionsOf(ctx.db, summary.customer_id, DETAIL_TRANSACTIONS),
        listMessages(ctx.db, id, DETAIL_MESSAGES),
        presenceOf(ctx.db, id, now),
        responseTimesOf(ctx.db, id),
        latestRatingOf(ctx.db, id),
      ]);
      if (!customer) throw notFound(`customer ${summary.customer_id}`);
      await loadVersions(ctx.db, calendarVersionsOf([summary]));
      return {
        conversation: toSummary(summary, now),
        customer: toCustomer(customer),
        accounts: accounts.map(toWalletAccount),
        recentTransactions: transactions.map(toTransaction),
        messages: history.messages,
        olderMessagesCursor: history.olderCursor,
        presence,
        responseTimes,
        complaint: await complaintRefOf(ctx.db, id, now),
        satisfaction,
      };
    },
  );

  app.get(
    '/v1/conversations/:id/messages',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['conversations'],
        summary: 'Message history, newest page first; each page is in reading order',
        params: IdParam,
        querystring: MessagesQuery,
        response: { 200: MessagePage },
      },
    },
    async (request) => {
      const id = request.params.id;
      if (!(await findSummary(ctx.db, id))) throw notFound(`conversation ${id}`);
      const page = await listMessages(ctx.db, id, request.query.limit ?? 50, request.query.cursor);
      return { data: page.messages, nextCursor: page.olderCursor };
    },
  );

  app.post(
    '/v1/conversations/:id/messages',
    {
      config: { access: ANY_ROLE, audit: { action: 'conversation.message', targetType: 'conversation', targetParam: 'id' } },
      schema: {
        tags: ['conversations'],
        summary: 'Send a public reply or add an internal note',
        description:
          'Idempotent by clientMessageId: sending the same id again returns the stored message with status 200 and `Idempotent-Replayed: true`. ' +
          'A reply to an unassigned conversation assigns it to the sender (a `conversation.assigned` event with reason `reply`), unless the server runs with --no-assign-on-reply; a note assigns nothing.',
        params: IdParam,
        body: SendMessageRequest,
        response: {
          201: Type.Object({ message: Message, conversation: ConversationSummary }),
          200: Type.Object({ message: Message, conversation: ConversationSummary }),
        },
      },
    },
    async (request, reply) => {
      const result = await runChange(request, (uow) =>
        postAgentMessage(uow, request.params.id, { body: request.body.body, kind: request.body.kind ?? 'reply', clientMessageId: request.body.clientMessageId ?? null }),
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.replayed ? 200 : 201).send({ message: result.message, conversation: result.conversation });
    },
  );
};
