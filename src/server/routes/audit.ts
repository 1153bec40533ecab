import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditPage, AuditQuery } from '../../api/schemas/index.js';
import { SUPERVISORS } from '../context.js';
import { listAudit } from '../store/audit-query.js';

/** Read-only by design: no route changes or deletes the audit log, and the database refuses to. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/v1/audit',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first (supervisors and admins)',
        description:
          'Filters: `actor` (agent id), `targetType` and `targetId`, `action` (exact, or `refund.*` for an area), `outcome`, `since` (inclusive) and `until` (exclusive) as ISO 8601 times.',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => {
      const q = request.query;
      return listAudit(
        ctx.db,
        {
          actorId: q.actor,
          targetType: q.targetType,
          targetId: q.targetId,
          action: q.action,
          outcome: q.outcome,
          since: q.since ? Date.parse(q.since) : undefined,
          until: q.until ? Date.parse(q.until) : undefined,
        },
        q.limit ?? 50,
        q.cursor,
      );
    },
  );
};
