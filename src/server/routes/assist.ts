import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SuggestRequest, Suggestions } from '../../api/schemas/index.js';
import { ANY_ROLE } from '../context.js';
import { suggest } from '../domain/assist/suggest.js';

export const assistRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.post(
    '/v1/assist/suggest',
    {
      // A read sent as POST (the text may be long); `audit` names it should a refusal ever be recorded.
      config: { access: ANY_ROLE, audit: { action: 'assist.suggest', targetType: 'conversation' } },
      schema: {
        tags: ['assist'],
        summary: 'Macros and past replies that answer a customer, with a suggested category and priority',
        description:
          'Send `conversationId` (the customer’s messages since the last agent reply are read, with the conversation’s category and the customer’s failed transactions of the last 7 days as signals) or `text`. ' +
          'The language is detected unless `language` is sent. Suggestions are ranked by `score` (0 to 1); `categories` and `priorities` give every value its share. ' +
          'A blank text, both fields or neither is 400; an unknown conversation is 404. Changes nothing.',
        body: SuggestRequest,
        response: { 200: Suggestions },
      },
    },
    async (request) => suggest(ctx, ctx.assist, request.body),
  );
};
