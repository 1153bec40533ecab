import type { FastifyInstance } from 'fastify';
import { ProblemError } from '../domain/errors.js';

/**
 * Once the app closes, a request that still arrives (pipelined, or on a keep-alive connection busy
 * when the drain began) is refused with 503 problem+json, like every other error; Fastify's own
 * refusal (return503OnClosing) is plain JSON. Requests already in flight finish.
 */
export function installClosingRefusal(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async () => {
    if (!closing) return;
    throw new ProblemError('unavailable', 'this server is shutting down; send the request again (another instance answers)', {
      status: 503,
      headers: { 'retry-after': '1', connection: 'close' },
    });
  });
}
