import type { FastifyReply, FastifyRequest } from 'fastify';
import { RetryableProblem } from '../domain/errors.js';
import type { AuthenticatedAgent } from '../context.js';
import { runUnitOfWork, type UnitOfWork, type WorkOptions, type WorkScope } from '../domain/unit-of-work.js';
import { completeKey } from '../store/idempotency-keys.js';
import { auditTargetOf } from './refusal-audit.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The unit of work's scope of a request: its agent, id and idempotency key, and the route's declared audit subject. */
export function scopeOf(request: FastifyRequest): WorkScope<AuthenticatedAgent> {
  const audit = request.routeOptions.config?.audit;
  if (!request.agent) throw new Error(`route ${request.routeOptions.url} changes something but is public: a change needs an agent`);
  return {
    actor: request.agent,
    requestId: request.id,
    idempotencyKey: request.idempotencyKey?.key ?? null,
    subject: audit ? { action: audit.action, targetType: audit.targetType, targetId: auditTargetOf(request, audit) } : undefined,
  };
}

/**
 * Runs a route's change as one unit of work (src/server/domain/unit-of-work.ts) and answers with its
 * result. On an idempotent route (`config.idempotency`), the response is serialised by the route's
 * schema and stored with the key in the same transaction as the change, so a server killed mid-request
 * leaves both or neither, and a replay sends these exact bytes.
 */
export async function perform<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  work: (uow: UnitOfWork<AuthenticatedAgent>) => Promise<T>,
  options: { status?: number; retryOnce?: WorkOptions<T>['retryOnce'] } = {},
): Promise<FastifyReply> {
  const status = options.status ?? 200;
  const state = request.idempotencyKey;
  const retryOnce = options.retryOnce ? { retryOnce: options.retryOnce } : {};
  if (!state) {
    if (request.routeOptions.config?.idempotency) throw new Error(`idempotent route ${request.routeOptions.url} has no claimed key`);
    const result = await runUnitOfWork(request.server.ctx, scopeOf(request), work, retryOnce);
    return reply.code(status).send(result);
  }
  let payload = '';
  await runUnitOfWork(request.server.ctx, scopeOf(request), work, {
    ...retryOnce,
    beforeCommit: async (trx, result) => {
      reply.code(status);
      payload = String(reply.serialize(result));
      if (!(await completeKey(trx, state.agentId, state.key, state.token, { status, type: JSON_TYPE, body: payload }))) {
        throw new RetryableProblem('idempotency_key_in_use', 'another attempt with this Idempotency-Key took over while this one ran; retry with the same key to get its result', {
          status: 409,
        });
      }
    },
  });
  state.completed = true;
  return reply.type(JSON_TYPE).send(payload);
}

/**
 * Runs a change of a route that is not idempotent by key as one unit of work and returns its result,
 * for the handler to answer with (a status or header that depends on the result).
 */
export async function runChange<T>(
  request: FastifyRequest,
  work: (uow: UnitOfWork<AuthenticatedAgent>) => Promise<T>,
  options: { retryOnce?: WorkOptions<T>['retryOnce'] } = {},
): Promise<T> {
  if (request.routeOptions.config?.idempotency) throw new Error(`idempotent route ${request.routeOptions.url} must answer through perform()`);
  return runUnitOfWork(request.server.ctx, scopeOf(request), work, options.retryOnce ? { retryOnce: options.retryOnce } : {});
}
