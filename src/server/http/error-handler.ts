import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCharacterRule, patternHint } from '../../api/schemas/common.js';
import { problemBody } from './problem.js';
import { ProblemError } from '../domain/errors.js';

interface ValidationIssue {
  keyword?: string;
  schemaPath?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, code: string, detail: string, extra = {}) {
  return reply
    .code(status)
    .type('application/problem+json')
    // Set here as well as in onSend: answers given before routing (frameworkErrors) skip the hooks.
    .header('x-request-id', request.id)
    .send(problemBody(code, status, detail, request.id, request.url.split('?')[0] ?? request.url, extra));
}

/**
 * A body that is well-formed and typed right but holds characters a field refuses (NUL, or controls in
 * a name) is understood and cannot be kept: 422. Query strings, paths and headers stay 400, as every
 * malformed part of a request's address does.
 */
function validationStatus(issues: ValidationIssue[], context: string | undefined): 400 | 422 {
  if (context !== 'body') return 400;
  return issues.some((issue) => issue.keyword === 'pattern' && isCharacterRule(String(issue.params?.['pattern'] ?? ''))) ? 422 : 400;
}

const join = (path: string, leaf: string) => [path.replace(/^\//, '').replaceAll('/', '.'), leaf].filter(Boolean).join('.');

/** Turns TypeBox's validation errors into one line per field that a person can act on. */
export function describeIssues(issues: ValidationIssue[], context: string | undefined) {
  const where = context === 'querystring' ? ' (query)' : context === 'params' ? ' (path)' : '';
  const out: { field: string; message: string }[] = [];
  for (const issue of issues) {
    const path = issue.instancePath ?? '';
    const params = issue.params ?? {};
    switch (issue.keyword) {
      case 'boolean':
        // A field refused by additionalProperties: false; reported once by the parent below.
        if (issue.schemaPath?.endsWith('additionalProperties')) continue;
        out.push({ field: join(path, ''), message: 'is not allowed' });
        break;
      case 'additionalProperties':
        for (const name of (params['additionalProperties'] as string[] | undefined) ?? []) out.push({ field: join(path, name), message: 'is not a known field' });
        break;
      case 'required':
        for (const name of (params['requiredProperties'] as string[] | undefined) ?? []) out.push({ field: join(path, name), message: 'is required' });
        break;
      case 'enum':
        out.push({ field: join(path, ''), message: `must be one of: ${((params['allowedValues'] as unknown[]) ?? []).join(', ')}` });
        break;
      case 'pattern':
        out.push({ field: join(path, ''), message: patternHint(String(params['pattern'] ?? '')) });
        break;
      default:
        out.push({ field: join(path, ''), message: issue.message ?? 'is not valid' });
    }
  }
  return out.map((e) => ({ field: (e.field || context || 'body') + where, message: e.message }));
}

/** Every failure leaves as RFC 9457 problem+json with a stable code; a 500 never carries internals. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validation?: ValidationIssue[]; validationContext?: string }, request, reply) => {
    if (error instanceof ProblemError) {
      reply.headers(error.headers);
      return send(reply, request, error.status, error.code, error.message, { ...(error.errors ? { errors: error.errors } : {}), ...error.extra });
    }
    if (error.validation) {
      const errors = describeIssues(error.validation, error.validationContext);
      const first = errors[0];
      const detail = first ? `${first.field} ${first.message}` : 'the request is not valid';
      return send(reply, request, validationStatus(error.validation, error.validationContext), 'validation_failed', detail, { errors });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, request, 413, 'payload_too_large', 'the request body is larger than 1 MiB');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, request, 415, 'unsupported_media_type', 'send the body as application/json');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, request, 400, 'malformed_json', 'the body is empty: send a JSON object');
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(reply, request, 400, 'malformed_json', 'the body is not valid JSON');
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(reply, request, 400, 'validation_failed', 'the Content-Length header does not match the body');
      default:
        break;
    }
    if (error instanceof SyntaxError || error.statusCode === 400) {
      return send(reply, request, 400, 'malformed_json', 'the body is not valid JSON');
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, request, error.statusCode, 'validation_failed', error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, 500, 'internal', `something went wrong on the server; quote request id ${request.id} when you report it`);
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, request, 404, 'route_not_found', `there is no endpoint ${request.method} ${request.url.split('?')[0]}; see /openapi.json`),
  );
}

/** Fastify's `frameworkErrors`: what fails while routing, before any handler or hook, answers as problem+json too. */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return send(reply, request, 400, 'malformed_request', 'the URL is not valid: a percent-escape does not decode to UTF-8 text');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return send(reply, request, 414, 'uri_too_long', 'a path segment is too long to be an id of this API');
    default:
      request.log.error({ err: error }, 'routing failed');
      return send(reply, request, 500, 'internal', `something went wrong on the server; quote request id ${request.id} when you report it`);
  }
}
