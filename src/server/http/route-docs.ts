import type { FastifyInstance } from 'fastify';
import { bearerAuth, problemResponses } from './responses.js';

/**
 * What every route that needs a token says in the OpenAPI document, filled in from its `config.access`
 * rather than repeated in each schema: the bearer scheme, and the problem+json answers of the error
 * handler. Registered before @fastify/swagger, whose own onRoute hook reads the schema after this one.
 * Public routes say what they answer themselves (the probes answer no problem+json).
 */
export function installRouteDocs(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    const schema = route.schema;
    if (access === undefined || access === 'public' || !schema || schema.hide) return;
    route.schema = { ...schema, security: bearerAuth, response: { ...(schema.response as object | undefined), ...problemResponses } };
  });
}
