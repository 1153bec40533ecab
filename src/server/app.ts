import swagger from '@fastify/swagger';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyPluginAsync, type FastifyServerOptions } from 'fastify';
import { API_VERSION } from '../api/version.js';
import { installAccessControl } from './auth/access.js';
import type { ServerContext } from './context.js';
import { answerClientError } from './http/client-errors.js';
import { installClosingRefusal } from './http/closing.js';
import { answerFrameworkError, installErrorHandling } from './http/error-handler.js';
import { installIdempotency } from './http/idempotency.js';
import { installJsonBodyParser } from './http/json-body.js';
import { loggerOptions } from './http/log-redaction.js';
import { newRequestId } from './http/request-id.js';
import { installRefusalAudit } from './http/refusal-audit.js';
import { installRouteDocs } from './http/route-docs.js';
import { ROUTES, TAGS } from './routes/index.js';

export const BODY_LIMIT = 1024 * 1024;

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Behind a load balancer: take the client address from X-Forwarded-For. */
  trustProxy?: boolean;
  /** Plugins that hold the server's resources (src/server/resources.ts): closing the app releases them. */
  resources?: FastifyPluginAsync[];
}

function createApp(options: AppOptions) {
  return Fastify({
    logger: loggerOptions(options.logger ?? false),
    bodyLimit: BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    requestIdHeader: false,
    genReqId: newRequestId,
    // What fails before a route or a handler sees the request answers as problem+json too.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // Bodies are checked by TypeBox without coercion; query strings and path parameters are converted.
    ajv: { customOptions: { removeAdditional: false } },
    // Requests arriving while the app closes are refused by installClosingRefusal, as problem+json.
    return503OnClosing: false,
    // On close, idle keep-alive connections go at once; requests in flight finish (start.ts drains).
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();
}

export async function buildApp(ctx: ServerContext, options: AppOptions = {}) {
  const app = createApp(options);
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  for (const resource of options.resources ?? []) await app.register(resource);
  try {
    await installRoutes(app, ctx);
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

async function installRoutes(app: ReturnType<typeof createApp>, ctx: ServerContext) {

  app.decorate('ctx', ctx);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Draining for shutdown: the client's next request goes to another instance.
    if (ctx.draining) reply.header('connection', 'close');
  });
  installErrorHandling(app);
  installClosingRefusal(app);
  installJsonBodyParser(app);
  installAccessControl(app);
  installIdempotency(app);
  installRefusalAudit(app);
  // Before swagger's own onRoute hook, which reads the schema this one completes.
  installRouteDocs(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Support API',
        version: API_VERSION,
        description: 'The API behind `support`, the terminal workspace of an e-wallet support desk. Errors are RFC 9457 problem+json with a stable `code`.',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      tags: TAGS,
    },
  });

  for (const routes of ROUTES) await app.register(routes);
}

export type App = Awaited<ReturnType<typeof buildApp>>;
