import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CustomerParams, EndCallRequest, EndCallResponse, IdParam, StartConversationRequest, StartConversationResponse } from '../../api/schemas/index.js';
import { ANY_ROLE } from '../context.js';
import { endCall, startConversation } from '../domain/desk-conversations.js';
import { IDEMPOTENT_ROUTE, IdempotencyHeaders } from '../http/idempotency.js';
import { perform } from '../http/unit-of-work.js';

/** Conversations agents start from the desk: a phone call they log, an outbound email, chat or social message. */
export const deskConversationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/v1/customers/:id/conversations',
    {
      config: { access: ANY_ROLE, idempotency: 'required', audit: { action: 'conversation.create', targetType: 'customer', targetParam: 'id' } },
      schema: {
        tags: ['conversations'],
        summary: 'Start a conversation with a customer: log a phone call, or write first by email, chat or social',
        description: `The conversation is the agent's, with no first response owed. \`phone\`: the first message is the agent's internal note of the call; the call starts at \`callStartedAt\` (default now) and ends with POST /v1/conversations/{id}/call-end and a summary, or at once with \`callEndedAt\` and \`summary\` for a call logged afterwards (422 \`call_summary_required\` without one). Other channels: the first message goes to the customer and the conversation waits for them (pending). (POST /v1/conversations is the channel integrations' own.) ${IDEMPOTENT_ROUTE}`,
        params: CustomerParams,
        headers: IdempotencyHeaders,
        body: StartConversationRequest,
        response: { 201: StartConversationResponse },
      },
    },
    async (request, reply) => perform(request, reply, (uow) => startConversation(uow, request.params.id, request.body), { status: 201 }),
  );

  app.post(
    '/v1/conversations/:id/call-end',
    {
      config: { access: ANY_ROLE, idempotency: 'required', audit: { action: 'conversation.call_end', targetType: 'conversation', targetParam: 'id' } },
      schema: {
        tags: ['conversations'],
        summary: 'End a logged phone call, with its summary (required)',
        description: `Records when the call ended (\`endedAt\`, default now) and its summary, also added as an internal note. 422 \`call_summary_required\` for an empty summary; 409 \`not_a_call\` for a conversation that is not a logged call, \`call_already_ended\` for one already ended. ${IDEMPOTENT_ROUTE}`,
        params: IdParam,
        headers: IdempotencyHeaders,
        body: EndCallRequest,
        response: { 200: EndCallResponse },
      },
    },
    async (request, reply) => perform(request, reply, (uow) => endCall(uow, request.params.id, request.body)),
  );
};
