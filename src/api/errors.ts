import { WORKFLOW_ERROR_CODES } from './workflow-errors.js';

/**
 * Stable error codes of the Support API. Clients branch on `code`, never on text; the status is the
 * HTTP status the server answers with.
 */
export const ERROR_CODES = {
  // 422 instead when a body value is well-formed but holds characters its field refuses (NUL in text,
  // controls or invisible characters in a name or email): the error names the field either way.
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_json: { status: 400, title: 'The request body is not valid JSON' },
  malformed_request: { status: 400, title: 'The request is not well-formed HTTP' },
  request_timeout: { status: 408, title: 'The request took too long to arrive' },
  uri_too_long: { status: 414, title: 'The URL is too long' },
  headers_too_large: { status: 431, title: 'The request headers are too large' },
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
  // Money and account actions (idempotency, account states, ledger, refunds).
  idempotency_key_required: { status: 400, title: 'An Idempotency-Key header is required' },
  idempotency_key_reused: { status: 422, title: 'The idempotency key was used for another request' },
  idempotency_key_in_use: { status: 409, title: 'A request with this idempotency key is still running' },
  invalid_account_transition: { status: 409, title: 'The account cannot go to that state from its current one' },
  identity_verification_required: { status: 422, title: 'An identity verification is required' },
  unknown_verifier: { status: 422, title: 'The agent named as verifier does not exist' },
  account_closed: { status: 409, title: 'The account is closed' },
  account_balance_not_zero: { status: 409, title: 'The account still holds money' },
  currency_mismatch: { status: 422, title: 'The currency is not the account’s' },
  amount_out_of_range: { status: 422, title: 'The amount is beyond what the ledger carries' },
  balance_out_of_range: { status: 422, title: 'The balance would go beyond what the ledger carries' },
  stored_value_out_of_range: { status: 409, title: 'A stored amount, balance or number is beyond what the API carries' },
  not_refundable: { status: 422, title: 'The transaction cannot be refunded' },
  nothing_to_refund: { status: 422, title: 'Nothing is left to refund' },
  refund_exceeds_refundable: { status: 422, title: 'The refund is larger than what is left to refund' },
  refund_not_pending: { status: 409, title: 'The refund is not awaiting approval' },
  four_eyes_required: { status: 403, title: 'A second person must approve this' },
  approval_limit_exceeded: { status: 403, title: 'The amount is above your approval limit' },
  // Lookup and logged calls (issue 14).
  query_too_short: { status: 422, title: 'The lookup needs at least 2 characters' },
  invalid_phone_number: { status: 422, title: 'The number cannot be a phone number' },
  call_summary_required: { status: 422, title: 'A call needs a summary when it ends' },
  call_already_ended: { status: 409, title: 'The call has already ended' },
  not_a_call: { status: 409, title: 'The conversation is not a phone call' },
  // Calendars and regulatory deadlines (issue 16).
  calendar_invalid: { status: 422, title: 'The calendar has a mistake (zone, hours or holidays)' },
  calendar_ics_invalid: { status: 422, title: 'The iCalendar file does not parse' },
  calendar_name_taken: { status: 409, title: 'A calendar with this name exists' },
  calendar_team_taken: { status: 409, title: 'The team works by another calendar' },
  calendar_default_taken: { status: 409, title: 'Another calendar was just made the default' },
  calendar_in_use: { status: 409, title: 'Teams still work by this calendar' },
  calendar_required: { status: 422, title: 'The rule counts days on a calendar the team does not have' },
  complaint_rule_missing: { status: 422, title: 'No regulator’s rule applies to this complaint' },
  complaint_extension_refused: { status: 409, title: 'The complaint cannot be extended' },
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
