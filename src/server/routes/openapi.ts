import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/** The OpenAPI 3.1 document, generated from the same TypeBox schemas that validate each request. */
export const openapiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
};
