import { WORKFLOW_ERROR_CODES } from './workflow-errors.js';

/**
 * Stable error codes of the Support API. Clients branch on `code`, never on text; the status is the
 * HTTP status the server answers with.
 */
export const ERROR_CODES = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_json: { status: 400, title: 'The request body is not valid JSON' },
  bad_cursor: { status: 400, title: 'The pagination cursor is not valid' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  token_expired: { status: 401, title: 'The token has expired' },
  invalid_credentials: { status: 401, title: 'Wrong email or password' },
  forbidden: { status: 403, title: 'Your role does not allow this' },
  not_found: { status: 404, title: 'Not found' },
  route_not_found: { status: 404, title: 'No such endpoint' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  unprocessable: { status: 422, title: 'The request cannot be processed' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  unavailable: { status: 503, title: 'Service unavailable' },
  ...WORKFLOW_ERROR_CODES,
} as const satisfies Record<string, { status: number; title: string }>;

export type ServerErrorCode = keyof typeof ERROR_CODES;

/** Codes only the client produces: the request never got an HTTP answer it could read. */
export const CLIENT_ERROR_CODES = ['connection_refused', 'timeout', 'network_error', 'bad_response', 'not_logged_in'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

export type ErrorCode = ServerErrorCode | ClientErrorCode | (string & {});

export function problemType(code: string): string {
  return `https://support.example/problems/${code.replaceAll('_', '-')}`;
}
