import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import Type from 'typebox';
import { migrationsFor } from '../store/migrations/index.js';

const Health = Type.Object({ status: Type.String() });
const NotReady = Type.Object({ status: Type.Literal('not_ready'), reason: Type.String() });

/**
 * Probes for a load balancer or orchestrator, outside /v1 and without a token:
 * GET /health (liveness: the process answers) and GET /ready (this instance should get traffic: the
 * database answers, every migration this build knows is applied, and it is not draining for shutdown).
 */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  const expected = Object.keys(migrationsFor(ctx.engine));

  app.get(
    '/health',
    { config: { access: 'public' }, schema: { tags: ['health'], summary: 'Liveness: the process answers', response: { 200: Health } } },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database answers, migrations are applied, not shutting down',
        response: { 200: Health, 503: NotReady },
      },
    },
    async (_request, reply) => {
      const notReady = (reason: string) => reply.code(503).header('cache-control', 'no-store').send({ status: 'not_ready' as const, reason });
      if (ctx.draining) return notReady('shutting down');
      let applied: Set<string>;
      try {
        // Schema-qualified by the connection's search path on PostgreSQL, like the migrator's own table.
        const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(ctx.db);
        applied = new Set(rows.map((r) => r.name));
      } catch {
        return notReady('database not reachable');
      }
      const missing = expected.filter((name) => !applied.has(name));
      if (missing.length > 0) return notReady(`migrations not applied: ${missing.join(', ')}`);
      return reply.header('cache-control', 'no-store').send({ status: 'ready' });
    },
  );
};
