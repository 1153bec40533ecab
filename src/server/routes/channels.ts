import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CreateConversationRequest, CreateConversationResponse, IdParam, InboundMessageRequest, MessageResponse } from '../../api/schemas/index.js';
import { agentOf } from '../auth/access.js';
import { ADMINS } from '../context.js';
import { openConversation, receiveCustomerMessage } from '../domain/inbound.js';
import { bearerAuth, problemResponses } from '../http/responses.js';

/**
 * What channel integrations (chat widget, mailbox, phone system, social inbox) call to bring customers'
 * messages in. They authenticate as an admin account of their own.
 */
export const channelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.post(
    '/v1/conversations',
    {
      config: { access: ADMINS, audit: { action: 'conversation.create', targetType: 'conversation' } },
      schema: {
        tags: ['channels'],
        summary: 'Open a conversation with a customer’s first message (channel integrations)',
        description: 'With externalId, a redelivery answers 200 with the conversation opened the first time and `Idempotent-Replayed: true`.',
        security: bearerAuth,
        body: CreateConversationRequest,
        response: { 201: CreateConversationResponse, 200: CreateConversationResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const opened = await openConversation(ctx, agentOf(request), request.body, request.id);
      if (opened.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(opened.replayed ? 200 : 201).send({ conversation: opened.conversation, message: opened.message });
    },
  );

  app.post(
    '/v1/conversations/:id/inbound',
    {
      config: { access: ADMINS, audit: { action: 'conversation.inbound', targetType: 'conversation', targetParam: 'id' } },
      schema: {
        tags: ['channels'],
        summary: 'A customer’s message arriving on a conversation (channel integrations)',
        description:
          'Reopens a pending, snoozed or resolved conversation and starts the next-response clock. Idempotent by clientMessageId (the channel’s message id): 200 with `Idempotent-Replayed: true` when already stored.',
        security: bearerAuth,
        params: IdParam,
        body: InboundMessageRequest,
        response: { 201: MessageResponse, 200: MessageResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const result = await receiveCustomerMessage(
        ctx,
        agentOf(request),
        request.params.id,
        { body: request.body.body, clientMessageId: request.body.clientMessageId ?? null },
        request.id,
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.replayed ? 200 : 201).send({ message: result.message, conversation: result.conversation });
    },
  );
};
