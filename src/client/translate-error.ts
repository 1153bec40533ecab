import { HTTPError, ParseError, RequestError, TimeoutError } from 'got';
import type { Problem } from '../api/types.js';
import { ApiError } from './errors.js';

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as Problem).code === 'string' && typeof (body as Problem).status === 'number';
}

function parseBody(raw: unknown): unknown {
  if (typeof raw === 'string') {
    try {
      return JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  if (raw instanceof Uint8Array) return parseBody(new TextDecoder().decode(raw));
  return raw;
}

/** Maps whatever got threw to an ApiError whose message says what happened and what to do. */
export function translateError(error: unknown, baseUrl: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPError) {
    const response = error.response;
    const body = parseBody(response.body);
    const requestId = response.headers['x-request-id'] as string | undefined;
    const retryAfter = Number(response.headers['retry-after']);
    const retryAfterSeconds = Number.isFinite(retryAfter) ? retryAfter : undefined;
    if (isProblem(body)) {
      return new ApiError(body.code, body.detail || body.title, { status: response.statusCode, requestId, problem: body, retryAfterSeconds, cause: error });
    }
    return new ApiError(
      response.statusCode >= 500 ? 'unavailable' : 'bad_response',
      `the server at ${baseUrl} answered ${response.statusCode} ${response.statusMessage ?? ''} without a problem description; is ${baseUrl} a Support API?`.replace('  ', ' '),
      { status: response.statusCode, requestId, retryAfterSeconds, cause: error },
    );
  }
  if (error instanceof TimeoutError) {
    return new ApiError('timeout', `the Support API at ${baseUrl} did not answer in time (${error.event} timeout); check the server or your network and try again`, { cause: error });
  }
  if (error instanceof ParseError) {
    return new ApiError('bad_response', `the server at ${baseUrl} sent a response that is not JSON; is ${baseUrl} a Support API?`, { cause: error });
  }
  if (error instanceof RequestError) {
    switch (error.code) {
      case 'ECONNREFUSED':
        return new ApiError(
          'connection_refused',
          `cannot connect to the Support API at ${baseUrl} (connection refused): start it with \`support server --demo\`, or log in to another with \`support login --api URL\``,
          { cause: error },
        );
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return new ApiError('network_error', `cannot resolve the host of ${baseUrl}: check the URL (support config, SUPPORT_API_URL) and your network`, { cause: error });
      default:
        return new ApiError('network_error', `the connection to ${baseUrl} failed (${error.code ?? error.message}); check your network and try again`, { cause: error });
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('network_error', `request to ${baseUrl} failed: ${message}`, { cause: error });
}
