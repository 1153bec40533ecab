import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PutSlaPoliciesRequest, SlaPolicyList } from '../../api/schemas/index.js';
import { ADMINS, ANY_ROLE } from '../context.js';
import { setPolicies } from '../domain/sla-policies.js';
import { listPolicies } from '../store/sla-policies.js';
import { runChange } from '../http/unit-of-work.js';

export const slaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/v1/sla-policies',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['sla'],
        summary: 'Service levels per priority: first response, next response and resolution targets in ms',
        response: { 200: SlaPolicyList },
      },
    },
    async () => ({ data: await listPolicies(ctx.db), nextCursor: null }),
  );

  app.put(
    '/v1/sla-policies',
    {
      config: { access: ADMINS, audit: { action: 'sla_policy.update', targetType: 'sla_policy' } },
      schema: {
        tags: ['sla'],
        summary: 'Set the targets of one or more priorities (admins)',
        description: 'Priorities not listed keep their targets. Running clocks keep their due times; new clocks use the new targets.',
        body: PutSlaPoliciesRequest,
        response: { 200: SlaPolicyList },
      },
    },
    async (request) => ({ data: await runChange(request, (uow) => setPolicies(uow, request.body.policies)), nextCursor: null }),
  );
};
