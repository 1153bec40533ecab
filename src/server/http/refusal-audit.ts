import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteAudit } from '../context.js';
import { ProblemError, RetryableProblem } from '../domain/errors.js';

/**
 * Every refusal of a change by an agent leaves a `denied` audit entry: role, four eyes, limits, state.
 * The domain writes its own richer entries (AuditedProblem, which carry before/after); any other
 * refusal of a route that changes something is recorded here from the route's `config.audit`, so that
 * a new refusal in the domain is audited without remembering to. Not refusals, and not recorded:
 * malformed requests (refused before they mean anything), a target that does not exist, and the
 * idempotency checks, which are about the request, not the action.
 */
const NOT_REFUSALS = new Set([
  'validation_failed',
  'malformed_json',
  'bad_cursor',
  'payload_too_large',
  'unsupported_media_type',
  'idempotency_key_required',
  'idempotency_key_reused',
  'idempotency_key_in_use',
  // claim-next finding nothing to take refuses the agent nothing: the claim was allowed and the queue
  // is empty. Idle agents (and `claimNext` after a resolve) ask again and again, so auditing it would
  // bury the real refusals (offline, at capacity) under noise.
  'queue_empty',
]);

export const changes = (method: string) => method !== 'GET' && method !== 'HEAD';

export function auditTargetOf(request: FastifyRequest, audit: RouteAudit): string {
  // Path parameters arrive converted by their schema (a conversation id is a number).
  const params = request.params as Record<string, string | number | undefined> | undefined;
  const value = audit.targetParam ? params?.[audit.targetParam] : undefined;
  return value === undefined ? (request.routeOptions.url ?? request.url) : String(value);
}

export function installRefusalAudit(app: FastifyInstance): void {
  // Registered after the idempotency hooks: an AuditedProblem's own entry is already taken there.
  app.addHook('onError', async (request, _reply, error) => {
    const agent = request.agent;
    const audit = request.routeOptions.config?.audit;
    if (request.failureAudit || !agent || !audit || !changes(request.method)) return;
    if (!(error instanceof ProblemError) || error instanceof RetryableProblem) return;
    if (error.status < 400 || error.status >= 500 || error.status === 404 || NOT_REFUSALS.has(error.code)) return;
    request.failureAudit = {
      actorId: agent.id,
      actorRole: agent.role,
      action: audit.action,
      targetType: audit.targetType,
      targetId: auditTargetOf(request, audit),
      after: { refused: error.code },
      reason: error.message,
      outcome: 'denied',
    };
  });
}
