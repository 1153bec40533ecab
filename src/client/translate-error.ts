import { HTTPError, ParseError, RequestError, TimeoutError } from 'got';
import type { Problem } from '../api/types.js';
import { ApiError } from './errors.js';
import { parseRetryAfter } from './retry-policy.js';

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as Problem).code === 'string' && typeof (body as Problem).status === 'number';
}

export function parseBody(raw: unknown): unknown {
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
    return answerError(response.statusCode, response.statusMessage, response.headers, parseBody(response.body), baseUrl, error);
  }
  if (error instanceof TimeoutError) {
    return new ApiError('timeout', `the Support API at ${baseUrl} did not answer in time (${error.event} timeout); check the server or your network and try again`, { cause: error });
  }
  if (error instanceof ParseError) {
    return new ApiError('bad_response', `the server at ${baseUrl} sent a response that is not JSON; is ${baseUrl} a Support API?`, { cause: error });
  }
  if (error instanceof RequestError) return networkError(error.code, error.message, baseUrl, error);
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('network_error', `request to ${baseUrl} failed: ${message}`, { cause: error });
}

/** An answer with an error status: the problem it carries, or a plain description when it has none. */
export function answerError(status: number, statusMessage: string | undefined, headers: Record<string, string | string[] | undefined>, body: unknown, baseUrl: string, cause?: unknown): ApiError {
  const requestId = headers['x-request-id'] as string | undefined;
  const retryAfterMs = parseRetryAfter(headers['retry-after']);
  const retryAfterSeconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
  if (isProblem(body)) {
    return new ApiError(body.code, body.detail || body.title, { status, requestId, problem: body, retryAfterSeconds, cause });
  }
  return new ApiError(
    status >= 500 ? 'unavailable' : 'bad_response',
    `the server at ${baseUrl} answered ${status} ${statusMessage ?? ''} without a problem description; is ${baseUrl} a Support API?`.replace('  ', ' '),
    { status, requestId, retryAfterSeconds, cause },
  );
}

/** Where `support server --demo` listens by default: only there is starting the demo the likely fix. */
const DEMO_URL = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):4000\/?$/;

/**
 * What to check when the server gave no answer. The URL comes from the profile (or SUPPORT_API_URL),
 * so that is where a wrong one is fixed; the demo's own advice only fits the demo's own address.
 */
function whatToCheck(baseUrl: string): string {
  const demo = DEMO_URL.test(baseUrl) ? '; if it is the local demo, start it with `support server --demo`' : '';
  return `check your network connection and the API URL of your profile (\`support config list\`, or SUPPORT_API_URL)${demo}`;
}

/** No answer: the connection was refused, the name did not resolve, or the connection broke. */
export function networkError(code: string | undefined, message: string, baseUrl: string, cause?: unknown): ApiError {
  switch (code) {
    case 'ECONNREFUSED':
      return new ApiError('connection_refused', `cannot connect to the Support API at ${baseUrl}: nothing answers there (connection refused); ${whatToCheck(baseUrl)}`, { cause });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ApiError('network_error', `cannot resolve the host of ${baseUrl}; ${whatToCheck(baseUrl)}`, { cause });
    default:
      return new ApiError('network_error', `the connection to ${baseUrl} failed (${code ?? message}); ${whatToCheck(baseUrl)}, then try again`, { cause });
  }
}
