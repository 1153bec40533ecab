import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AgentIdParam, AgentResponse, DeskQuery, DeskSnapshot, SetAvailabilityRequest } from '../../api/schemas/index.js';
import { SUPERVISORS } from '../context.js';
import { updateAgent } from '../domain/agents.js';
import { deskSnapshot } from '../domain/desk-board.js';
import { runChange } from '../http/unit-of-work.js';

/** The supervisor board: the desk at a glance, and moving an agent away or offline from it. */
export const deskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/v1/desk',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags: ['desk'],
        summary: 'The live board: agents, the queue, SLA at risk and breached, today, 12 hours of volume, complaints and refunds waiting (supervisors)',
        description:
          'One snapshot, computed fresh. "Today" starts at midnight in `tz` (IANA, default UTC). Follow GET /v1/events and fetch again when a conversation, agent, complaint or refund changes; the clocks move on their own, so fetch at least every few seconds while showing it, and no more than every 10 s without an event.',
        querystring: DeskQuery,
        response: { 200: DeskSnapshot },
      },
    },
    async (request) => deskSnapshot(ctx.db, ctx.engine, ctx.now(), request.query.tz ?? 'UTC'),
  );

  app.put(
    '/v1/agents/:id/availability',
    {
      config: { access: SUPERVISORS, audit: { action: 'agent.update', targetType: 'agent', targetParam: 'id' } },
      schema: {
        tags: ['desk'],
        summary: 'Set an agent online, away or offline (supervisors): an agent gone from the desk stops receiving work',
        description: 'Their conversations stay theirs; transfer them from the board. Announced as the live event agent.availability.',
        params: AgentIdParam,
        body: SetAvailabilityRequest,
        response: { 200: AgentResponse },
      },
    },
    async (request) => ({ agent: await runChange(request, (uow) => updateAgent(uow, request.params.id, { availability: request.body.availability }, undefined)) }),
  );
};
