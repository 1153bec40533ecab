import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  BroadcastRequest,
  BroadcastStarted,
  CreateIncidentRequest,
  DeliverRequest,
  DeliveryProgress,
  Incident,
  IncidentDetail,
  IncidentIdParam,
  IncidentLinkParam,
  IncidentPage,
  IncidentQuery,
  IncidentSuggestions,
  IncidentUpdateParam,
  LinkConversationsRequest,
  LinkConversationsResponse,
  PendingBroadcast,
  ResolveIncidentRequest,
  UpdateIncidentRequest,
} from '../../api/schemas/index.js';
import { ANY_ROLE, SUPERVISORS } from '../context.js';
import {
  assertDeliverable,
  createIncident,
  deliverUpdate,
  getIncident,
  linkConversations,
  pendingBroadcast,
  resolveIncident,
  startBroadcast,
  unlinkConversation,
  updateIncident,
} from '../domain/incidents.js';
import { notFound } from '../domain/errors.js';
import { runChange } from '../http/unit-of-work.js';
import { suggestConversations } from '../store/incident-suggestions.js';
import { findIncident, listIncidents, parseAffects, toIncidents } from '../store/incidents.js';

const RESOLVED = 'A resolved incident refuses every change with 409 `incident_resolved`, and nothing changes.';
const SuggestionQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, { additionalProperties: false });

/** Incidents (issue 17): supervisors and admins declare, change, broadcast and resolve; every agent reads and links. */
export const incidentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  const audit = (action: string) => ({ action, targetType: 'incident', targetParam: 'id' });

  app.post(
    '/v1/incidents',
    {
      config: { access: SUPERVISORS, audit: { action: 'incident.created', targetType: 'incident' } },
      schema: {
        tags: ['incidents'],
        summary: 'Declare an incident',
        description: 'Customer texts per language may come later: an incident without them is declared but cannot be broadcast. expectedEndAt must be after startedAt (422).',
        body: CreateIncidentRequest,
        response: { 201: Incident },
      },
    },
    async (request, reply) => reply.code(201).send(await runChange(request, (uow) => createIncident(uow, request.body))),
  );

  app.get(
    '/v1/incidents',
    {
      config: { access: ANY_ROLE },
      schema: { tags: ['incidents'], summary: 'Incidents, newest first', querystring: IncidentQuery, response: { 200: IncidentPage } },
    },
    async (request) => {
      const { rows, nextCursor } = await listIncidents(ctx.db, { status: request.query.status, conversationId: request.query.conversationId }, request.query.limit ?? 50, request.query.cursor);
      const data = (await toIncidents(ctx.db, rows)).map(({ updates: _history, ...incident }) => incident);
      return { data, nextCursor };
    },
  );

  app.get(
    '/v1/incidents/:id',
    {
      config: { access: ANY_ROLE },
      schema: { tags: ['incidents'], summary: 'One incident with its history', params: IncidentIdParam, response: { 200: IncidentDetail } },
    },
    async (request) => getIncident(ctx, request.params.id),
  );

  app.patch(
    '/v1/incidents/:id',
    {
      config: { access: SUPERVISORS, audit: audit('incident.updated') },
      schema: {
        tags: ['incidents'],
        summary: 'Change an incident; the change is kept in its history',
        description: `Texts are merged language by language. ${RESOLVED}`,
        params: IncidentIdParam,
        body: UpdateIncidentRequest,
        response: { 200: Incident },
      },
    },
    async (request) => runChange(request, (uow) => updateIncident(uow, request.params.id, request.body)),
  );

  app.post(
    '/v1/incidents/:id/links',
    {
      config: { access: ANY_ROLE, audit: audit('incident.linked') },
      schema: {
        tags: ['incidents'],
        summary: 'Link conversations to an incident',
        description: `All or nothing: a closed conversation (409 \`conversation_closed\`) or one linked to another incident (409 \`conversation_linked_elsewhere\`) refuses the whole request. ${RESOLVED}`,
        params: IncidentIdParam,
        body: LinkConversationsRequest,
        response: { 200: LinkConversationsResponse },
      },
    },
    async (request) => runChange(request, (uow) => linkConversations(uow, request.params.id, request.body.conversationIds)),
  );

  app.delete(
    '/v1/incidents/:id/links/:conversationId',
    {
      config: { access: ANY_ROLE, audit: audit('incident.unlinked') },
      schema: { tags: ['incidents'], summary: 'Unlink a conversation from an incident', params: IncidentLinkParam, response: { 200: Incident } },
    },
    async (request) => runChange(request, (uow) => unlinkConversation(uow, request.params.id, request.params.conversationId)),
  );

  app.get(
    '/v1/incidents/:id/suggestions',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['incidents'],
        summary: 'Conversations to link: opened since the incident started, matching what it affects',
        description: 'Category, a failed reason or counterparty among the customer’s transactions since the start, or a keyword in what the customer wrote; channels narrow them. Each with the criteria it matched.',
        params: IncidentIdParam,
        querystring: SuggestionQuery,
        response: { 200: IncidentSuggestions },
      },
    },
    async (request) => {
      const row = await findIncident(ctx.db, request.params.id);
      if (!row) throw notFound(`incident ${request.params.id}`);
      return { data: await suggestConversations(ctx.db, row, parseAffects(row.affects), request.query.limit ?? 200, ctx.now()) };
    },
  );

  app.post(
    '/v1/incidents/:id/links/suggested',
    {
      config: { access: SUPERVISORS, audit: audit('incident.linked') },
      schema: {
        tags: ['incidents'],
        summary: 'Link every suggested conversation in one step',
        description: `Up to 500 at a time, those the suggestions list shows. ${RESOLVED}`,
        params: IncidentIdParam,
        response: { 200: LinkConversationsResponse },
      },
    },
    async (request) =>
      runChange(request, async (uow) => {
        const row = await findIncident(uow.trx, request.params.id);
        if (!row) throw notFound(`incident ${request.params.id}`);
        const suggestions = await suggestConversations(uow.trx, row, parseAffects(row.affects), 500, uow.now);
        if (suggestions.length === 0) {
          const [incident] = await toIncidents(uow.trx, [row]);
          const { updates: _history, ...rest } = incident!;
          return { incident: rest, linked: [], alreadyLinked: [] };
        }
        return linkConversations(uow, request.params.id, suggestions.map((s) => s.conversation.id), 'suggested');
      }),
  );

  app.post(
    '/v1/incidents/:id/broadcasts',
    {
      config: { access: SUPERVISORS, audit: audit('incident.broadcast') },
      schema: {
        tags: ['incidents'],
        summary: 'Record an update for every open linked conversation',
        description:
          'Then send it with POST …/broadcasts/{updateId}/deliver until `remaining` is 0. 422 `incident_texts_missing` names each language open linked customers speak that has no text, with how many customers need it. ' +
          RESOLVED,
        params: IncidentIdParam,
        body: BroadcastRequest,
        response: { 201: BroadcastStarted },
      },
    },
    async (request, reply) => reply.code(201).send(await runChange(request, (uow) => startBroadcast(uow, request.params.id, request.body))),
  );

  app.get(
    '/v1/incidents/:id/broadcasts/pending',
    {
      config: { access: ANY_ROLE },
      schema: { tags: ['incidents'], summary: 'The latest update not yet sent to every open linked conversation (for resuming)', params: IncidentIdParam, response: { 200: PendingBroadcast } },
    },
    async (request) => pendingBroadcast(ctx, request.params.id),
  );

  app.post(
    '/v1/incidents/:id/broadcasts/:updateId/deliver',
    {
      config: { access: SUPERVISORS, audit: audit('incident.broadcast') },
      schema: {
        tags: ['incidents'],
        summary: 'Send one batch of an update',
        description:
          'Each open linked conversation gets the update once, in its customer’s language: a row per (update, conversation) is the database’s guarantee, so retries, concurrent runs and resumes after a kill never send it twice.',
        params: IncidentUpdateParam,
        body: DeliverRequest,
        response: { 200: DeliveryProgress },
      },
    },
    async (request) =>
      runChange(request, async (uow) => {
        await assertDeliverable(uow, request.params.id, request.params.updateId);
        return deliverUpdate(uow, request.params.id, request.params.updateId, request.body.limit ?? 200);
      }),
  );

  app.post(
    '/v1/incidents/:id/resolve',
    {
      config: { access: SUPERVISORS, audit: audit('incident.resolved') },
      schema: {
        tags: ['incidents'],
        summary: 'Resolve an incident, with an optional final message',
        description: `The final message is delivered like a broadcast (…/broadcasts/{update.id}/deliver); with resolveConversations, each linked conversation whose customer has not written since the last update it got is resolved as it gets it. Resolving twice is 409 \`incident_resolved\`.`,
        params: IncidentIdParam,
        body: ResolveIncidentRequest,
        response: { 200: BroadcastStarted },
      },
    },
    async (request) => runChange(request, (uow) => resolveIncident(uow, request.params.id, request.body)),
  );
};
