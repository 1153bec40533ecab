import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AgentIdParam,
  AgentPage,
  AgentResponse,
  AgentsQuery,
  CreateAgentRequest,
  TeamPage,
  UpdateAgentRequest,
  UpdateMeRequest,
} from '../../api/schemas/index.js';
import { agentOf } from '../auth/access.js';
import { hashPassword } from '../auth/password.js';
import { ADMINS, ANY_ROLE } from '../context.js';
import { createAgent, updateAgent } from '../domain/agents.js';
import { notFound } from '../domain/errors.js';
import { findProfile, listProfiles } from '../store/agent-profiles.js';
import { listTeams } from '../store/teams.js';
import { runChange } from '../http/unit-of-work.js';

/** The desk's agents: everyone reads (transfer needs the list), admins change; each agent sets their own availability. */
export const agentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/v1/agents',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['agents'],
        summary: 'Agents with their availability, channels, categories, capacity, teams and open conversations',
        querystring: AgentsQuery,
        response: { 200: AgentPage },
      },
    },
    async (request) => listProfiles(ctx.db, request.query.limit ?? 100, request.query.cursor),
  );

  app.get(
    '/v1/agents/:id',
    {
      config: { access: ANY_ROLE },
      schema: { tags: ['agents'], summary: 'One agent', params: AgentIdParam, response: { 200: AgentResponse } },
    },
    async (request) => {
      const agent = await findProfile(ctx.db, request.params.id);
      if (!agent) throw notFound(`agent ${request.params.id}`);
      return { agent };
    },
  );

  app.post(
    '/v1/agents',
    {
      config: { access: ADMINS, audit: { action: 'agent.create', targetType: 'agent' } },
      schema: {
        tags: ['agents'],
        summary: 'Create an agent (admins)',
        description: 'Channels and categories default to all, capacity to 5; the new agent starts offline.',
        body: CreateAgentRequest,
        response: { 201: AgentResponse },
      },
    },
    async (request, reply) => {
      // Hashed before the unit of work: scrypt takes tens of milliseconds and needs no lock.
      const passwordHash = await hashPassword(request.body.password);
      return reply.code(201).send({ agent: await runChange(request, (uow) => createAgent(uow, request.body, passwordHash)) });
    },
  );

  app.patch(
    '/v1/agents/:id',
    {
      config: { access: ADMINS, audit: { action: 'agent.update', targetType: 'agent', targetParam: 'id' } },
      schema: {
        tags: ['agents'],
        summary: 'Change an agent’s role, routing, capacity, teams, availability or password (admins)',
        description: 'A new password logs the agent out everywhere. The last admin cannot be demoted.',
        params: AgentIdParam,
        body: UpdateAgentRequest,
        response: { 200: AgentResponse },
      },
    },
    async (request) => {
      const passwordHash = request.body.password === undefined ? undefined : await hashPassword(request.body.password);
      return { agent: await runChange(request, (uow) => updateAgent(uow, request.params.id, request.body, passwordHash)) };
    },
  );

  app.patch(
    '/v1/me',
    {
      config: { access: ANY_ROLE, audit: { action: 'agent.update', targetType: 'agent' } },
      schema: {
        tags: ['agents'],
        summary: 'Set my availability: online, away or offline (offline agents cannot claim)',
        body: UpdateMeRequest,
        response: { 200: AgentResponse },
      },
    },
    async (request) => {
      const me = agentOf(request);
      return { agent: await runChange(request, (uow) => updateAgent(uow, me.id, { availability: request.body.availability }, undefined)) };
    },
  );

  app.get(
    '/v1/teams',
    {
      config: { access: ANY_ROLE },
      schema: { tags: ['agents'], summary: 'Teams and their members (from the agents’ team lists)', response: { 200: TeamPage } },
    },
    async () => ({ data: await listTeams(ctx.db), nextCursor: null }),
  );
};
