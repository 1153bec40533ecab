import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CreateConversationRequest, CreateConversationResponse, IdParam, InboundMessageRequest, MessageResponse } from '../../api/schemas/index.js';
import { ADMINS } from '../context.js';
import { deliveredTwiceAtOnce, openConversation, receiveCustomerMessage } from '../domain/inbound.js';
import { runChange } from '../http/unit-of-work.js';

/**
 * What channel integrations (chat widget, mailbox, phone system, social inbox) call to bring customers'
 * messages in. They authenticate as an admin account of their own.
 */
export const channelRoutes: FastifyPluginAsyncTypebox = async (app) => {

  app.post(
    '/v1/conversations',
    {
      config: { access: ADMINS, audit: { action: 'conversation.create', targetType: 'conversation' } },
      schema: {
        tags: ['channels'],
        summary: 'Open a conversation with a customer’s first message (channel integrations)',
        description:
          'Idempotent by externalId (the channel’s thread id), as Stripe’s idempotency keys: a redelivery of the same request (same customer, channel, subject and body) answers 200 with the conversation opened the first time and `Idempotent-Replayed: true`. The same externalId with another customer, channel, subject or body is refused, 409 `external_id_reused` with the existing `conversationId` and `messageId`, and nothing is stored: send a later message of that thread to POST /v1/conversations/{id}/inbound, or use a new externalId. Category, priority, tags and team are not compared (agents may have changed them); the conversation’s current ones stand.',
        body: CreateConversationRequest,
        response: { 201: CreateConversationResponse, 200: CreateConversationResponse },
      },
    },
    async (request, reply) => {
      const opened = await runChange(request, (uow) => openConversation(uow, request.body), { retryOnce: deliveredTwiceAtOnce(request.body) });
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
          'Reopens a pending, snoozed or resolved conversation and starts the next-response clock. Idempotent by clientMessageId (the channel’s message id): the same body again answers 200 with `Idempotent-Replayed: true`; another body under a clientMessageId already used is refused, 409 `client_message_id_reused` with the existing `messageId`, and not stored.',
        params: IdParam,
        body: InboundMessageRequest,
        response: { 201: MessageResponse, 200: MessageResponse },
      },
    },
    async (request, reply) => {
      const result = await runChange(request, (uow) =>
        receiveCustomerMessage(uow, request.params.id, { body: request.body.body, clientMessageId: request.body.clientMessageId ?? null }),
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.replayed ? 200 : 201).send({ message: result.message, conversation: result.conversation });
    },
  );
};
