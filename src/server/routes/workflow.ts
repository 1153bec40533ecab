import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import {
  ConversationResponse,
  IdParam,
  PresenceRequest,
  PresenceResponse,
  ResolveRequest,
  ResolveResponse,
  SnoozeRequest,
  TransferRequest,
  UpdateConversationRequest,
} from '../../api/schemas/index.js';
import { ANY_ROLE, SUPERVISORS } from '../context.js';
import { claimNext } from '../domain/claim.js';
import { heartbeat, leave } from '../domain/presence.js';
import { changeStatus, type StatusAction } from '../domain/status.js';
import { transferConversation } from '../domain/transfer.js';
import { updateConversation } from '../domain/update.js';
import { ProblemError } from '../domain/errors.js';
import { runChange } from '../http/unit-of-work.js';

const EmptyBody = Type.Object({}, { additionalProperties: false });

/** These actions take an optional body: a POST without one is validated as {}. */
async function bodyOptional(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/** The agent's moves on conversations: claim, transfer, snooze, resolve, reopen, pending, close, tags, presence. */
export const workflowRoutes: FastifyPluginAsyncTypebox = async (app) => {

  app.post(
    '/v1/queue/claim',
    {
      config: { access: ANY_ROLE, audit: { action: 'conversation.claim', targetType: 'conversation' } },
      preValidation: bodyOptional,
      schema: {
        tags: ['workflow'],
        summary: 'Assign the next conversation to me',
        description:
          'The first open, unassigned conversation in queue order within my channels, categories and teams. Refused with 409 agent_unavailable (offline), at_capacity or queue_empty. Atomic under any number of concurrent agents.',
        body: EmptyBody,
        response: { 200: ConversationResponse },
      },
    },
    async (request) => ({ conversation: await runChange(request, claimNext) }),
  );

  app.post(
    '/v1/conversations/:id/resolve',
    {
      config: { access: ANY_ROLE, audit: { action: 'conversation.resolve', targetType: 'conversation', targetParam: 'id' } },
      preValidation: bodyOptional,
      schema: {
        tags: ['workflow'],
        summary: 'Resolve a conversation, and optionally claim the next one in the same call',
        description: 'With claimNext, `next` is the conversation claimed, or null with the reason in `nextError` (the resolve stands either way).',
        params: IdParam,
        body: ResolveRequest,
        response: { 200: ResolveResponse },
      },
    },
    async (request) => {
      const conversation = await runChange(request, (uow) => changeStatus(uow, request.params.id, 'resolve'));
      if (!request.body.claimNext) return { conversation, next: null, nextError: null };
      try {
        // A unit of work of its own: the resolve stands whether or not a next conversation is there.
        return { conversation, next: await runChange(request, claimNext), nextError: null };
      } catch (error) {
        if (!(error instanceof ProblemError)) throw error;
        return { conversation, next: null, nextError: { code: error.code, detail: error.message } };
      }
    },
  );

  const statusRoute = (path: string, action: StatusAction, summary: string, access = ANY_ROLE) =>
    app.post(
      `/v1/conversations/:id/${path}`,
      {
        config: { access, audit: { action: `conversation.${action}`, targetType: 'conversation', targetParam: 'id' } },
        preValidation: bodyOptional,
        schema: { tags: ['workflow'], summary, params: IdParam, body: EmptyBody, response: { 200: ConversationResponse } },
      },
      async (request) => ({ conversation: await runChange(request, (uow) => changeStatus(uow, request.params.id, action)) }),
    );
  statusRoute('reopen', 'reopen', 'Reopen a pending, snoozed or resolved conversation');
  statusRoute('pending', 'set_pending', 'Wait on the customer: the response clocks pause until they write');
  statusRoute('close', 'close', 'Close a resolved conversation for good (supervisors)', SUPERVISORS);

  app.post(
    '/v1/conversations/:id/snooze',
    {
      config: { access: ANY_ROLE, audit: { action: 'conversation.snooze', targetType: 'conversation', targetParam: 'id' } },
      schema: {
        tags: ['workflow'],
        summary: 'Put a conversation aside until a time; it wakes then, or when the customer writes',
        params: IdParam,
        body: SnoozeRequest,
        response: { 200: ConversationResponse },
      },
    },
    async (request) => ({
      conversation: await runChange(request, (uow) => changeStatus(uow, request.params.id, 'snooze', { snoozeUntil: Date.parse(request.body.until) })),
    }),
  );

  app.post(
    '/v1/conversations/:id/transfer',
    {
      config: { access: ANY_ROLE, audit: { action: 'conversation.transfer', targetType: 'conversation', targetParam: 'id' } },
      schema: {
        tags: ['workflow'],
        summary: 'Hand a conversation to another agent (toAgentId) or to a team’s queue (toTeam), with an internal note',
        params: IdParam,
        body: TransferRequest,
        response: { 200: ConversationResponse },
      },
    },
    async (request) => ({ conversation: await runChange(request, (uow) => transferConversation(uow, request.params.id, request.body)) }),
  );

  app.patch(
    '/v1/conversations/:id',
    {
      config: { access: ANY_ROLE, audit: { action: 'conversation.update', targetType: 'conversation', targetParam: 'id' } },
      schema: {
        tags: ['workflow'],
        summary: 'Change priority, category or tags',
        description: '`tags` replaces every tag; `addTags` and `removeTags` change some, safely beside other agents doing the same.',
        params: IdParam,
        body: UpdateConversationRequest,
        response: { 200: ConversationResponse },
      },
    },
    async (request) => ({ conversation: await runChange(request, (uow) => updateConversation(uow, request.params.id, request.body)) }),
  );

  app.post(
    '/v1/conversations/:id/presence',
    {
      config: { access: ANY_ROLE, audit: { action: 'conversation.presence', targetType: 'conversation', targetParam: 'id' } },
      schema: {
        tags: ['workflow'],
        summary: 'Heartbeat: I am viewing or typing in this conversation',
        description: 'Lasts 30 s unless renewed; answers who is there now. A `presence` event goes out when someone arrives, changes state or leaves.',
        params: IdParam,
        body: PresenceRequest,
        response: { 200: PresenceResponse },
      },
    },
    async (request) => ({ presence: await runChange(request, (uow) => heartbeat(uow, request.params.id, request.body.state)) }),
  );

  app.delete(
    '/v1/conversations/:id/presence',
    {
      config: { access: ANY_ROLE, audit: { action: 'conversation.presence', targetType: 'conversation', targetParam: 'id' } },
      schema: {
        tags: ['workflow'],
        summary: 'I left this conversation',
        params: IdParam,
        response: { 200: PresenceResponse },
      },
    },
    async (request) => ({ presence: await runChange(request, (uow) => leave(uow, request.params.id)) }),
  );
};
