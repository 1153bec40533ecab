import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../api/enums.js';
import type { Access, AuthenticatedAgent, RouteAudit } from '../context.js';
import { AuditedProblem, ProblemError } from '../domain/errors.js';
import { auditTargetOf, changes } from '../http/refusal-audit.js';
import { findToken } from './tokens.js';

/**
 * Access is declared on each route (`config.access`) and enforced here, once: a route without a
 * declaration does not start, so a forgotten check is a boot failure, not an open endpoint.
 *
 * A role refused a change (any method but GET and HEAD) leaves a `denied` audit entry, as the domain's
 * own refusals do: the check runs before the handler, so the route declares what the attempt is
 * (`config.audit`), and a route that changes something without one does not start (refusals past this
 * check are recorded from the same declaration: src/server/http/refusal-audit.ts).
 * Reads refused, and requests without a valid token (no actor to name), are answered only.
 */
export function installAccessControl(app: FastifyInstance): void {
  app.decorateRequest('agent', null);
  const table: AccessEntry[] = [];
  app.decorate('accessTable', table);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access === undefined) {
      throw new Error(`route ${route.method} ${route.url} declares no config.access`);
    }
    const audit = route.config?.audit;
    for (const method of [route.method].flat()) {
      if (!audit && changes(method) && access !== 'public') {
        throw new Error(`route ${method} ${route.url} changes something but declares no config.audit: its refusals would go unrecorded`);
      }
      table.push({ method, url: route.url, access, ...(audit ? { audit } : {}) });
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    // Unknown routes reach the not-found handler, which needs no agent.
    if (access === undefined || access === 'public') return;
    const agent = await authenticate(app, request);
    if (!access.includes(agent.role)) {
      const detail = `your role (${agent.role}) cannot do this; it needs ${describe(access)}`;
      const audit = request.routeOptions.config?.audit;
      if (audit && changes(request.method)) {
        throw new AuditedProblem('forbidden', detail, {
          actorId: agent.id,
          actorRole: agent.role,
          action: audit.action,
          targetType: audit.targetType,
          targetId: auditTargetOf(request, audit),
          after: { refused: 'forbidden' },
          reason: detail,
          outcome: 'denied',
        });
      }
      throw new ProblemError('forbidden', detail);
    }
    request.agent = agent;
  });
}

export interface AccessEntry {
  method: string;
  url: string;
  access: Access;
  audit?: RouteAudit;
}


declare module 'fastify' {
  interface FastifyInstance {
    /** Every route and who may call it: the role matrix tests read it. */
    accessTable: AccessEntry[];
  }
}

function describe(roles: readonly Role[]): string {
  return roles.length === 1 ? `the ${roles[0]} role` : `one of the roles ${roles.join(', ')}`;
}

async function authenticate(app: FastifyInstance, request: FastifyRequest): Promise<AuthenticatedAgent> {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) {
    throw new ProblemError('unauthenticated', 'send a bearer token in the Authorization header (support login gets one)', {
      headers: { 'www-authenticate': 'Bearer realm="support"' },
    });
  }
  const row = await findToken(app.ctx.db, match[1]);
  if (!row) {
    throw new ProblemError('unauthenticated', 'the token is not valid or was logged out; log in again', {
      headers: { 'www-authenticate': 'Bearer realm="support", error="invalid_token"' },
    });
  }
  if (row.expires_at <= app.ctx.now()) {
    throw new ProblemError('token_expired', 'the token has expired; log in again', {
      headers: { 'www-authenticate': 'Bearer realm="support", error="invalid_token"' },
    });
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    availability: row.availability,
    teams: JSON.parse(row.teams) as string[],
    tokenHash: row.token_hash,
    tokenExpiresAt: row.expires_at,
  };
}

/** The authenticated agent of a route that declared roles: present by construction. */
export function agentOf(request: FastifyRequest): AuthenticatedAgent {
  if (!request.agent) throw new Error('agentOf() called on a public route');
  return request.agent;
}
