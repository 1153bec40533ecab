import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { IdempotencyKey } from '../../api/schemas/index.js';
import { recordAudit } from '../store/audit.js';
import { claimKey, completeKey, purgeExpiredKeys, releaseKey } from '../store/idempotency-keys.js';
import { AuditedProblem, type FailureAudit, ProblemError, RetryableProblem } from '../domain/errors.js';

/**
 * Idempotency keys as Stripe has them, declared per route like access:
 * `config: { access: ..., idempotency: 'required' }`.
 *
 * - The `Idempotency-Key` header is required (400 idempotency_key_required). Keys belong to the agent
 *   who sends them and are kept 24 hours with a hash of method, path and body.
 * - Same key, same request: the stored response (status and body) is replayed with
 *   `Idempotent-Replayed: true`. Same key, other request: 422 idempotency_key_reused. While the first
 *   attempt still runs: 409 idempotency_key_in_use, with Retry-After.
 * - The handler does its work through `perform` (src/server/http/unit-of-work.ts), which stores the response in the same
 *   database transaction as the change: a server killed mid-request leaves both or neither. An attempt
 *   that died leaves only its claim, which expires (IDEMPOTENCY_LOCK_MS) so that a retry proceeds.
 * - Errors the endpoint answers (4xx) are stored and replayed too, and the audit entry of a refusal is
 *   written with them. Not stored, so the same key may be tried again: requests refused before they
 *   started (authentication, validation, the key checks above), 5xx (the change rolled back), and
 *   RetryableProblem (another attempt took the key over).
 */
export type IdempotencyMode = 'required';

/** The header schema of an idempotent route, for validation and the OpenAPI document. */
export const IdempotencyHeaders = Type.Object({ 'idempotency-key': IdempotencyKey });

/** Appended to an idempotent route's OpenAPI description. */
export const IDEMPOTENT_ROUTE =
  'Idempotent: send an `Idempotency-Key` header; a retry with the same key and body replays the first response with `Idempotent-Replayed: true`.';

interface KeyState {
  agentId: string;
  key: string;
  token: string;
  completed: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    idempotency?: IdempotencyMode;
  }
  interface FastifyRequest {
    idempotencyKey: KeyState | null;
    /** Set when the request failed with an AuditedProblem: written once the response is known. */
    failureAudit: FailureAudit | null;
    releaseIdempotencyKey: boolean;
  }
}

const HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const PURGE_EVERY_MS = 10 * 60 * 1000;

/** JSON with object keys sorted, so that key order never makes two equal bodies differ. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body ?? null)}`).digest('hex');
}

export function installIdempotency(app: FastifyInstance): void {
  app.decorateRequest('idempotencyKey', null);
  app.decorateRequest('failureAudit', null);
  app.decorateRequest('releaseIdempotencyKey', false);

  // Before body validation: a missing key is reported as such, whatever else is wrong.
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.config?.idempotency !== 'required') return;
    const raw = request.headers[HEADER];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === '') {
      throw new ProblemError(
        'idempotency_key_required',
        'send an Idempotency-Key header (a new UUID per operation, the same one on its retries) with every request that moves money or changes an account',
      );
    }
    if (!KEY_PATTERN.test(value)) {
      throw new ProblemError('validation_failed', 'the Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID works)', {
        errors: [{ field: 'headers.idempotency-key', message: 'must be 1 to 255 visible ASCII characters (a UUID works)' }],
      });
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.config?.idempotency !== 'required') return;
    const agent = request.agent;
    if (!agent) throw new Error(`idempotent route ${request.routeOptions.url} must not be public: keys belong to an agent`);
    const key = String(request.headers[HEADER]);
    const path = request.url;
    const claim = await claimKey(
      app.ctx.db,
      { agentId: agent.id, key, requestHash: requestHash(request.method, path, request.body), method: request.method, path, requestId: request.id },
      app.ctx.now(),
    );
    switch (claim.kind) {
      case 'claimed':
        request.idempotencyKey = { agentId: agent.id, key, token: claim.token, completed: false };
        if (claim.recovered) request.log.warn({ key }, 'idempotency key taken over from an attempt that did not finish');
        return;
      case 'replay':
        reply.code(claim.status).type(claim.type).header('idempotent-replayed', 'true').send(claim.body);
        return reply;
      case 'mismatch':
        throw new ProblemError(
          'idempotency_key_reused',
          `this Idempotency-Key was used for another request (${claim.method} ${claim.path} with other parameters); use a new key for a new operation`,
          { status: 422 },
        );
      case 'in_use': {
        const seconds = Math.max(1, Math.ceil(claim.retryAfterMs / 1000));
        throw new ProblemError('idempotency_key_in_use', `a request with this Idempotency-Key is still running; retry with the same key in ${seconds} s to get its result`, {
          status: 409,
          headers: { 'retry-after': String(seconds) },
          extra: { retryAfterSeconds: seconds },
        });
      }
    }
  });

  app.addHook('onError', async (request, _reply, error) => {
    if (error instanceof AuditedProblem) request.failureAudit = error.audit;
    if (error instanceof RetryableProblem) request.releaseIdempotencyKey = true;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const state = request.idempotencyKey;
    const audit = request.failureAudit;
    if ((!state || state.completed) && !audit) return payload;
    const status = reply.statusCode;
    const db = app.ctx.db;
    const now = app.ctx.now();
    const auditOf = (entry: FailureAudit) => ({ ...entry, requestId: request.id, idempotencyKey: state?.key ?? null });
    try {
      if (state && !state.completed) {
        const storable = status >= 400 && status < 500 && !request.releaseIdempotencyKey && typeof payload === 'string';
        if (storable) {
          await db.transaction().execute(async (trx) => {
            await completeKey(trx, state.agentId, state.key, state.token, { status, type: String(reply.getHeader('content-type') ?? 'application/problem+json'), body: payload });
            if (audit) await recordAudit(trx, now, auditOf(audit));
          });
          state.completed = true;
          return payload;
        }
        if (status < 400) request.log.error({ url: request.url }, 'an idempotent route answered without perform(): its response is not stored');
        await releaseKey(db, state.agentId, state.key, state.token);
      }
      if (audit) await recordAudit(db, now, auditOf(audit));
    } catch (error) {
      // The answer stands; the key stays claimed until its lock expires, then a retry runs again.
      request.log.error({ err: error }, 'could not settle the idempotency key or the audit entry');
    }
    return payload;
  });

  let timer: NodeJS.Timeout | undefined;
  const purge = async () => {
    try {
      await purgeExpiredKeys(app.ctx.db, app.ctx.now());
    } catch (error) {
      app.log.warn({ err: error }, 'purging expired idempotency keys failed; trying again later');
    }
  };
  app.addHook('onReady', async () => {
    await purge();
    timer = setInterval(() => void purge(), PURGE_EVERY_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
